-- Hints: writes a storage node missed, kept until they are replayed to it, expire or run out of
-- attempts. One row per (target node, entry id): a newer version of the same entry replaces the
-- row's content (see HintStore.UPSERT), so a node is never sent two versions of one entry.
CREATE TABLE hints (
    -- Arrival order: replay goes oldest first by this, within one target node.
    id              bigserial   PRIMARY KEY,
    target_node     text        NOT NULL,
    entry_id        uuid        NOT NULL,
    partition_key   text        NOT NULL,
    sequence        bigint      NOT NULL,
    version_counter bigint      NOT NULL,
    -- "C" collation: compared byte-wise, as LamportVersion compares writer ids in Java.
    version_writer  text        COLLATE "C" NOT NULL,
    -- The entry exactly as the coordinator encoded it (LogEntryCodec), sent to the node as is.
    entry           bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    CONSTRAINT hints_target_entry UNIQUE (target_node, entry_id)
);

-- "Due hints of node X, oldest first": an ordered walk of one node's rows by id; the due and
-- expiry conditions are checked on the way (rows backing off are few: one failed batch per node).
CREATE INDEX hints_target_order ON hints (target_node, id);

-- The expiry sweep.
CREATE INDEX hints_expires_at ON hints (expires_at);

-- A queue table: rows are inserted at the tail and deleted from the head in bulk. Vacuum it
-- early so the claim's index walk does not step over many dead entries of replayed hints.
ALTER TABLE hints SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 5000);

-- The storage node's own database: entries, their per-segment digests, and node settings.

-- One row per (partition_key, sequence), the design's storage key. The id is the idempotency key
-- and must be unique across the node (an id seen at a different key is a conflict).
CREATE TABLE log_entries (
    -- Byte order ("C"): cheaper to compare than a locale on every index insert, and the same order
    -- on every node, so partition listings page alike everywhere.
    partition_key   text        COLLATE "C" NOT NULL,
    sequence        bigint      NOT NULL,
    id              uuid        NOT NULL,
    -- timestamptz keeps microseconds; the sub-microsecond remainder of the client's instant is kept
    -- separately so an entry reads back exactly as written and its content hash can be recomputed.
    ts              timestamptz NOT NULL,
    ts_nanos        smallint    NOT NULL DEFAULT 0,
    level           text        NOT NULL,
    source_ip       text        COLLATE "C",
    service         text,
    message         text        NOT NULL,
    attributes      jsonb       NOT NULL DEFAULT '{}',
    version_counter bigint      NOT NULL,
    version_writer  text        NOT NULL,
    -- core.merkle.EntryHash of the entry as stored (all fields, version included); segment digests
    -- are XORs of these, so a replace can XOR the old hash out without re-reading the old content.
    content_hash    bigint      NOT NULL,
    CONSTRAINT log_entries_pkey PRIMARY KEY (partition_key, sequence),
    CONSTRAINT log_entries_id_key UNIQUE (id),
    CONSTRAINT log_entries_sequence_check CHECK (sequence >= 1),
    CONSTRAINT log_entries_ts_nanos_check CHECK (ts_nanos BETWEEN 0 AND 999),
    CONSTRAINT log_entries_level_check CHECK (level IN ('TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL')),
    CONSTRAINT log_entries_version_counter_check CHECK (version_counter >= 0)
);

-- Query indexes. Every index is paid for on each insert (this is the hot path), so there are only
-- the two the query endpoint needs: newest first overall (level filter walks it), and newest first
-- for one source IP (the seeds' query). A partition key query is served by the primary key and a
-- top-N sort of that partition's rows.
CREATE INDEX log_entries_ts_idx ON log_entries (ts);
CREATE INDEX log_entries_source_ip_ts_idx ON log_entries (source_ip, ts) WHERE source_ip IS NOT NULL;

-- The order-independent digest of each segment (segment.size sequences) of a partition:
-- XOR of the entries' content hashes and their count (core.merkle.SegmentDigest). Maintained in
-- the same transaction as every write, verified by a periodic full recomputation.
CREATE TABLE segment_digests (
    partition_key text   COLLATE "C" NOT NULL,
    segment       bigint NOT NULL,
    hash          bigint NOT NULL,
    entry_count   bigint NOT NULL,
    CONSTRAINT segment_digests_pkey PRIMARY KEY (partition_key, segment),
    CONSTRAINT segment_digests_segment_check CHECK (segment >= 0),
    CONSTRAINT segment_digests_entry_count_check CHECK (entry_count >= 0)
);

-- Settings the stored data depends on. segment.size is recorded on first start: digests computed
-- with one segment size are meaningless under another, so the node refuses to start if it changes.
CREATE TABLE node_settings (
    name  text PRIMARY KEY,
    value text NOT NULL
);

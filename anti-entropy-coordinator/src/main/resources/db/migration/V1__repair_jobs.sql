-- Anti-entropy cycles and repair jobs. A cycle is one planned pass over every token range; its
-- jobs are its work items. Jobs are also created alone: a node that joined or came back, an
-- operator's trigger for one partition or node.
CREATE TABLE anti_entropy_cycles (
    id          bigserial   PRIMARY KEY,
    reason      text        NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    -- Set when the cycle's last job settles (completed or failed for good).
    finished_at timestamptz
);

CREATE TABLE repair_jobs (
    id                   bigserial   PRIMARY KEY,
    cycle_id             bigint      REFERENCES anti_entropy_cycles (id),
    -- PRIMARY_RANGES: the ranges whose first replica is the subject node (a cycle has one per
    -- member, so its jobs cover the ring once); NODE: every range the subject node replicates;
    -- PARTITION: the subject partition key.
    kind                 text        NOT NULL,
    subject              text        NOT NULL,
    reason               text        NOT NULL,
    -- Lower runs first: a joining or returning node, then operator triggers, then cycles.
    priority             integer     NOT NULL,
    status               text        NOT NULL DEFAULT 'PENDING',
    attempts             integer     NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL DEFAULT now(),
    -- A failed attempt waits until then before it is claimed again.
    not_before           timestamptz NOT NULL DEFAULT now(),
    started_at           timestamptz,
    finished_at          timestamptz,
    -- The worker running it and until when its lease holds: a worker renews the lease while it
    -- works; a job whose lease ran out (its worker died) is put back and claimed by another.
    claimed_by           text,
    lease_until          timestamptz,
    partitions_compared  bigint      NOT NULL DEFAULT 0,
    partitions_differing bigint      NOT NULL DEFAULT 0,
    segments_differing   bigint      NOT NULL DEFAULT 0,
    entries_streamed     bigint      NOT NULL DEFAULT 0,
    entries_repaired     bigint      NOT NULL DEFAULT 0,
    conflicts            bigint      NOT NULL DEFAULT 0,
    replicas_unavailable bigint      NOT NULL DEFAULT 0,
    last_error           text,
    CONSTRAINT repair_jobs_kind_check CHECK (kind IN ('PRIMARY_RANGES', 'NODE', 'PARTITION')),
    CONSTRAINT repair_jobs_status_check CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED'))
);

-- At most one pending job per subject: planning the same work twice (two coordinators, a trigger
-- during a cycle) joins the pending job instead of queueing a copy.
CREATE UNIQUE INDEX repair_jobs_one_pending ON repair_jobs (kind, subject) WHERE status = 'PENDING';

-- The queue: pending jobs in priority order.
CREATE INDEX repair_jobs_queue ON repair_jobs (priority, id) WHERE status = 'PENDING';

-- Running jobs: the lease sweep, and "is this subject being worked on" at claim time.
CREATE INDEX repair_jobs_running ON repair_jobs (kind, subject) WHERE status = 'RUNNING';

-- Listing by status, newest first, and a cycle's open jobs.
CREATE INDEX repair_jobs_status_id ON repair_jobs (status, id);
CREATE INDEX repair_jobs_cycle ON repair_jobs (cycle_id);

-- Segment digests are no longer updated row by row on the write path. A write appends its digest
-- changes (XOR of hashes and count per touched segment, DigestDeltas) as one journal row in its
-- own transaction, and DigestJournal folds the journal into segment_digests in the background,
-- aggregated over all the writes since the last fold. Under 10k logs/s at RF 3 the per-segment
-- upsert was a sixth to a quarter of PostgreSQL's CPU: one index probe and row update per stored
-- copy, since a batch rarely holds two entries of one partition.
--
-- Digests stay exact at every instant: readers use current_segment_digests, which adds the
-- journal rows not yet folded to the folded digests in the same snapshot, and a fold deletes
-- journal rows and adds them to segment_digests in one statement.
CREATE TABLE segment_digest_journal (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    partition_keys text[] COLLATE "C" NOT NULL,
    segments       bigint[] NOT NULL,
    hashes         bigint[] NOT NULL,
    counts         bigint[] NOT NULL,
    CONSTRAINT segment_digest_journal_lengths_check CHECK (
        cardinality(segments) = cardinality(partition_keys)
        AND cardinality(hashes) = cardinality(partition_keys)
        AND cardinality(counts) = cardinality(partition_keys))
);
-- A journal row lives about a second: compressing it would cost more CPU than it saves.
ALTER TABLE segment_digest_journal ALTER COLUMN partition_keys SET STORAGE EXTERNAL,
                                   ALTER COLUMN segments SET STORAGE EXTERNAL,
                                   ALTER COLUMN hashes SET STORAGE EXTERNAL,
                                   ALTER COLUMN counts SET STORAGE EXTERNAL;

-- What every reader of digests uses: folded digests plus the journal, per segment.
CREATE VIEW current_segment_digests AS
SELECT partition_key, segment, bit_xor(hash) AS hash, sum(entry_count)::bigint AS entry_count
FROM (
    SELECT partition_key, segment, hash, entry_count FROM segment_digests
    UNION ALL
    SELECT u.partition_key, u.segment, u.hash, u.entry_count
    FROM segment_digest_journal j,
         unnest(j.partition_keys, j.segments, j.hashes, j.counts) AS u(partition_key, segment, hash, entry_count)
) AS d
GROUP BY partition_key, segment;

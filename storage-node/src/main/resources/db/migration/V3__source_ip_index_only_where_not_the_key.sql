-- The source-IP index now holds only the entries whose source IP is not their partition key.
-- The partition key is the source IP unless the client names a partitionId, so for most entries
-- the primary key (partition_key, sequence) already finds them by source IP, and indexing them a
-- second time was a third B-tree insert per stored copy on the hot path: under 10k logs/s at RF 3
-- it took a fifth of PostgreSQL's CPU (benchmarks/README.md, "End to end"). A query by source IP
-- reads both halves (EntryReader): the partition whose key is the IP, and this index for the rest.
DROP INDEX IF EXISTS log_entries_source_ip_ts_idx;
CREATE INDEX log_entries_source_ip_ts_idx ON log_entries (source_ip, ts) WHERE source_ip <> partition_key;

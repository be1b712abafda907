/**
 * The records on the system's Kafka topics ({@code topics.*}), each shape defined once for the
 * services that write it and those that read it: entries on {@code logs.ingest}
 * ({@link com.logprocessor.support.kafka.IngestRecords}, keyed by partition key), hints on
 * {@code logs.hints} ({@link com.logprocessor.support.kafka.HintRecords}, keyed by the node that missed
 * the write), read-repair requests ({@link com.logprocessor.support.kafka.ReadRepairRecords}) and
 * synchronous-write replies ({@link com.logprocessor.support.kafka.WriteReplies}). Every service with
 * Kafka declares all topics the same way, so whichever starts first creates them. Listeners that must
 * never skip a record retry a failing batch for as long as it takes
 * ({@link com.logprocessor.support.kafka.KafkaErrorHandlers}).
 */
package com.logprocessor.support.kafka;

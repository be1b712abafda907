/**
 * The storage coordinator: consumes {@code logs.ingest} and numbers entries per key ({@code ingest}),
 * writes them to their replicas at their consistency level ({@code replication}), sends what a replica
 * missed as hints ({@code hints}) and what can never be stored to the dead-letter topic ({@code dlq}),
 * serves quorum reads and queries ({@code read}), and shows and manages the ring ({@code ring}). Its
 * settings are {@link com.logprocessor.coordinator.CoordinatorProperties} ({@code coordinator.*});
 * {@code coordinator.id} is the writer id of the Lamport versions it stamps, unique per instance.
 */
package com.logprocessor.coordinator;

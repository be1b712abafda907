/**
 * Writing entries to their replicas: the replica plan (each entry's replicas on the ring of every
 * member, one encoded batch per UP node), the per-node writer behind a circuit breaker and retry,
 * and the ack tally that decides written, unavailable (held) or refused (dead-lettered).
 */
package com.logprocessor.coordinator.replication;

/**
 * {@code GET /api/health}: the readiness of Kafka, the storage coordinator and every storage node in
 * one answer an operator or a load balancer can read
 * ({@link com.logprocessor.gateway.health.SystemHealthController}). UP when all is fine; DEGRADED
 * (still 200) when some storage nodes are down but every key still has a quorum of live replicas; DOWN
 * (503) when Kafka or the coordinator is unavailable, or too few nodes are up for quorum writes.
 */
package com.logprocessor.gateway.health;

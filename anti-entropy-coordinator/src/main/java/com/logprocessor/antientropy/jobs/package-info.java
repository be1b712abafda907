/**
 * Repair jobs and their queue in PostgreSQL: status PENDING → RUNNING → COMPLETED or FAILED, claimed
 * with {@code FOR UPDATE SKIP LOCKED} under a renewable lease, retried with a backoff; the jobs API.
 */
package com.logprocessor.antientropy.jobs;

/**
 * Consistency levels and what replicas' answers add up to.
 * {@link com.logprocessor.core.consistency.ConsistencyLevel} (ONE, QUORUM, ALL) says how many of RF
 * replicas must acknowledge a write or answer a read; QUORUM writes and reads always overlap on one
 * replica ({@code W + R > RF}). {@link com.logprocessor.core.consistency.AckTally} turns one write's
 * replies into met, unavailable (wait and try again) or refused (never), and
 * {@link com.logprocessor.core.consistency.ReadResolution} picks a read's newest copy by Lamport version
 * and the stale replicas read repair must write.
 */
package com.logprocessor.core.consistency;

/**
 * Ring membership in Redis, after dskit's ring: a storage node's
 * {@link com.logprocessor.support.membership.RingLifecycler} takes its tokens, heartbeats with an
 * expiry and announces JOIN and LEAVE, and every service's
 * {@link com.logprocessor.support.membership.RingView} keeps a live
 * {@link com.logprocessor.core.membership.MembershipSnapshot} from ring events, a poll and heartbeat
 * deadlines. Tokens are kept while a node is down, so it rejoins with the same ones, and joins take a
 * cluster-wide lock so two nodes never allocate from the same ring. Auto-configured by
 * {@link com.logprocessor.support.membership.MembershipAutoConfiguration} ({@code ring.*},
 * {@code replication.factor}).
 */
package com.logprocessor.support.membership;

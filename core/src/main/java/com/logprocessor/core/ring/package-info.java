/**
 * The consistent-hash ring. {@link com.logprocessor.core.ring.Ring} is an immutable snapshot of every
 * node's tokens, in which token {@code t_i} owns {@code (t_{i-1}, t_i]}, so a key belongs to the first
 * token at or clockwise after its own; a key's {@link com.logprocessor.core.ring.PreferenceList} is
 * that token's owner followed by the next distinct physical nodes clockwise. Membership changes build
 * a new snapshot, so lookups never lock. {@link com.logprocessor.core.ring.BalanceGoal} and
 * {@link com.logprocessor.core.ring.DistributionStats} say how evenly ownership and logs are spread.
 */
package com.logprocessor.core.ring;

/**
 * How evenly keys and ownership spread over nodes with the
 * {@link com.logprocessor.core.ring.allocation.BalancedTokenAllocator} versus the seeds'
 * {@link com.logprocessor.core.ring.allocation.RandomTokenAllocator}, for rings grown one node at a
 * time: {@link com.logprocessor.bench.balance.BalanceReport}. For each node count it reports the
 * balance score, the spread of primary and replicated (RF 3) ownership, and the share of keys whose
 * owner changes when one more node joins.
 */
package com.logprocessor.bench.balance;

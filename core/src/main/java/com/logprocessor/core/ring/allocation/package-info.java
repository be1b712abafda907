/**
 * Choosing a joining node's tokens ({@link com.logprocessor.core.ring.allocation.TokenAllocator}, named
 * by {@code ring.allocator}). The default,
 * {@link com.logprocessor.core.ring.allocation.BalancedTokenAllocator}, gives the node exactly its fair
 * share of primary ownership, taken from the nodes above theirs, and places its tokens so replicated
 * ownership stays even; {@link com.logprocessor.core.ring.allocation.RandomTokenAllocator}, the seeds'
 * way, is kept for comparison. The balanced allocator is deterministic, so joins must be serialized
 * (membership takes a lock) or two nodes joining at once would choose the same tokens.
 */
package com.logprocessor.core.ring.allocation;

package com.logprocessor.core.ring.allocation;

import com.logprocessor.core.ring.Ring;

/** Chooses the tokens of a node joining a ring. */
public interface TokenAllocator {

    /**
     * Tokens for {@code nodeId} joining {@code ring}: {@code vnodes} distinct values in
     * {@code [0, 2^32)}, none already in the ring, sorted ascending.
     */
    long[] allocate(Ring ring, String nodeId, int vnodes);

    /**
     * The allocator a setting names: {@code balanced} (the default, balancing replicated ownership
     * for {@code replicationFactor}) or {@code random}.
     */
    static TokenAllocator named(String name, int replicationFactor) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "balanced" -> new BalancedTokenAllocator(replicationFactor);
            case "random" -> new RandomTokenAllocator();
            default -> throw new IllegalArgumentException(
                    "unknown token allocator '" + name + "': use 'balanced' or 'random'");
        };
    }
}

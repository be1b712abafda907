package com.logprocessor.core.ring.allocation;

import com.logprocessor.core.ring.Ring;
import com.logprocessor.core.token.Token;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Uniformly random tokens: what the seeds did (and Cassandra before 3.0). Kept for comparison; the
 * spread of ownership is about {@code 1/sqrt(vnodes)} of the mean.
 */
public final class RandomTokenAllocator implements TokenAllocator {

    private final SplittableRandom random;

    public RandomTokenAllocator() {
        this(new Random().nextLong());
    }

    public RandomTokenAllocator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public synchronized long[] allocate(Ring ring, String nodeId, int vnodes) {
        if (vnodes < 1) {
            throw new IllegalArgumentException("a node needs at least one token, asked for " + vnodes);
        }
        Set<Long> taken = new HashSet<>();
        for (String node : ring.nodes()) {
            for (long t : ring.tokensOf(node)) {
                taken.add(t);
            }
        }
        long[] out = new long[vnodes];
        int k = 0;
        while (k < vnodes) {
            long t = random.nextLong(Token.SPACE);
            if (taken.add(t)) {
                out[k++] = t;
            }
        }
        Arrays.sort(out);
        return out;
    }
}

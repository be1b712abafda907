package com.logprocessor.core;

import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Seeds for property tests: each property runs once per seed and builds its random input from it,
 * so a failing case is reproduced by its seed (shown in the test name). Override with
 * {@code -Dproperties.seed=...} and {@code -Dproperties.tries=...}.
 */
public final class Seeds {

    private Seeds() {
    }

    public static LongStream seeds() {
        long base = Long.getLong("properties.seed", 20261122L);
        int tries = Integer.getInteger("properties.tries", 40);
        SplittableRandom random = new SplittableRandom(base);
        return LongStream.generate(random::nextLong).limit(tries);
    }
}

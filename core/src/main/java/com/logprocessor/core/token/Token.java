package com.logprocessor.core.token;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * A position on the ring: an unsigned 32-bit Murmur3 hash, held in a {@code long} so that ordering
 * and arithmetic stay unsigned without tricks. The token space is {@code [0, 2^32)}, as in the seeds.
 *
 * <p>32 bits are plenty for placement (a 12-node ring at 150 vnodes has ranges of about 2.4 M
 * tokens each). Guava's {@code murmur3_32_fixed} hashes a UTF-8 string without copying it to a byte
 * array; its one allocation per key is the 16-byte {@code HashCode} it returns (measured by the
 * routing benchmarks, see {@code bench.routing.Murmur3Candidate}).
 */
public record Token(long value) implements Comparable<Token> {

    /** Size of the token space: tokens are {@code 0 .. SPACE - 1}. */
    public static final long SPACE = 1L << 32;
    /** Largest token. */
    public static final long MAX = SPACE - 1;

    private static final HashFunction MURMUR3 = Hashing.murmur3_32_fixed();

    public Token {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("token " + value + " is outside [0, 2^32)");
        }
    }

    /** The token of a ring key (partition key or node-chosen position). */
    public static Token of(String key) {
        return new Token(hash(key));
    }

    /** The raw token value of a key: the hot path of routing. */
    public static long hash(String key) {
        return Integer.toUnsignedLong(MURMUR3.hashString(key, StandardCharsets.UTF_8).asInt());
    }

    /** Clockwise distance from {@code from} to {@code to}, in {@code [0, SPACE)}. */
    public static long distance(long from, long to) {
        long d = to - from;
        return d < 0 ? d + SPACE : d;
    }

    @Override
    public int compareTo(Token other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

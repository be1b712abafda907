package com.logprocessor.bench.routing;

import com.logprocessor.core.token.Token;

/**
 * A candidate replacement for the body of core's {@link Token#hash}, kept here as evidence for a
 * proposal, not used by any service: Murmur3 x86 32-bit (seed 0) over the UTF-8 bytes of an ASCII
 * string, read straight from the string's characters, returning a primitive. It gives exactly
 * Guava's {@code murmur3_32_fixed().hashString(key, UTF_8)} (tests check it), so tokens would not
 * change; strings with any non-ASCII character fall back to {@link Token#hash}.
 *
 * <p>Why: the routing benchmark shows the hash is most of a routing (Guava's {@code hashString}
 * goes through the generic {@code CharSequence} path and returns a {@code HashCode} object that is
 * not scalar-replaced: 16 B allocated per key). {@link HashBenchmark} compares the two.
 */
public final class Murmur3Candidate {

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur3Candidate() {
    }

    /** The unsigned 32-bit token of a key, equal to {@link Token#hash}. */
    public static long hash(String key) {
        int n = key.length();
        int h1 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            char c0 = key.charAt(i);
            char c1 = key.charAt(i + 1);
            char c2 = key.charAt(i + 2);
            char c3 = key.charAt(i + 3);
            if ((c0 | c1 | c2 | c3) >= 0x80) {
                return Token.hash(key);
            }
            h1 ^= mixK1(c0 | c1 << 8 | c2 << 16 | c3 << 24);
            h1 = Integer.rotateLeft(h1, 13) * 5 + 0xe6546b64;
        }
        int k1 = 0;
        for (int shift = 0; i < n; i++, shift += 8) {
            char c = key.charAt(i);
            if (c >= 0x80) {
                return Token.hash(key);
            }
            k1 |= c << shift;
        }
        h1 ^= mixK1(k1);
        h1 ^= n;
        h1 ^= h1 >>> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >>> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >>> 16;
        return Integer.toUnsignedLong(h1);
    }

    private static int mixK1(int k1) {
        return Integer.rotateLeft(k1 * C1, 15) * C2;
    }
}

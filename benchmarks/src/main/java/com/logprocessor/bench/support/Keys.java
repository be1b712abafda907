package com.logprocessor.bench.support;

import com.logprocessor.core.token.Token;
import java.util.SplittableRandom;

/** Ring keys for benchmarks and reports: diverse IPv4-like strings, reproducible from a seed. */
public final class Keys {

    private Keys() {
    }

    /**
     * {@code count} IPv4-like keys ({@code "a.b.c.d"}, each octet uniform in 0..255), the shape of a
     * partition key taken from {@code sourceIp}. Lengths vary from 7 to 15 characters.
     */
    public static String[] ipv4(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] keys = new String[count];
        StringBuilder sb = new StringBuilder(15);
        for (int i = 0; i < count; i++) {
            sb.setLength(0);
            sb.append(random.nextInt(256)).append('.')
                    .append(random.nextInt(256)).append('.')
                    .append(random.nextInt(256)).append('.')
                    .append(random.nextInt(256));
            keys[i] = sb.toString();
        }
        return keys;
    }

    /** The ring token of each key ({@link Token#hash}), so a report hashes each key once. */
    public static long[] tokens(String[] keys) {
        long[] tokens = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            tokens[i] = Token.hash(keys[i]);
        }
        return tokens;
    }
}

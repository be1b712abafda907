package com.logprocessor.core.merkle;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import com.logprocessor.core.entry.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The 64-bit content hash of a stored entry: every field, the version included, so two replicas
 * holding different versions of an entry disagree. Strings are length-prefixed so that field
 * boundaries cannot shift ({@code "ab","c"} and {@code "a","bc"} hash apart).
 */
public final class EntryHash {

    private EntryHash() {
    }

    public static long of(LogEntry e) {
        Hasher h = Hashing.murmur3_128().newHasher();
        h.putLong(e.id().getMostSignificantBits()).putLong(e.id().getLeastSignificantBits());
        putString(h, e.partitionKey());
        h.putLong(e.sequence());
        h.putLong(e.timestamp().getEpochSecond()).putInt(e.timestamp().getNano());
        h.putInt(e.level().ordinal());
        putString(h, e.sourceIp());
        putString(h, e.service());
        putString(h, e.message());
        h.putInt(e.attributes().size());
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            putString(h, a.getKey());
            putString(h, a.getValue());
        }
        h.putLong(e.version().counter());
        putString(h, e.version().writerId());
        return h.hash().asLong();
    }

    private static void putString(Hasher h, String s) {
        if (s == null) {
            h.putInt(-1);
        } else {
            h.putInt(s.length()).putString(s, StandardCharsets.UTF_8);
        }
    }
}

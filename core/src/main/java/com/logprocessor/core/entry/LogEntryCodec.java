package com.logprocessor.core.entry;

import com.logprocessor.core.version.LamportVersion;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The internal wire format of log entries, for the hot paths between our own services (the
 * {@code logs.ingest} topic, coordinator → storage node batches). JSON stays the format of every
 * public API; this one exists because JSON (de)serialization was most of the Java CPU of the
 * write path (parsing alone was 40% of a storage node) and the whole system shares two cores.
 *
 * <p>Layout, big-endian: a version byte ({@value #VERSION}), the id (two longs), the partition
 * key, the sequence (long), the timestamp (epoch second long, nano int), the level ordinal
 * (byte), source IP, service, message, the attribute count (int) and each key and value, then a
 * version flag byte (0 none, 1 present) with the counter (long) and writer id. Strings are an int
 * byte length (-1 for null) and UTF-8 bytes. A batch is {@link #BATCH_MAGIC}, an entry count and
 * each entry as an int length and its bytes.
 */
public final class LogEntryCodec {

    public static final byte VERSION = 1;
    /** First byte of a batch, distinct from '{' and '[' so a reader can tell JSON apart. */
    public static final byte BATCH_MAGIC = (byte) 0xB1;
    public static final String MEDIA_TYPE = "application/x-log-entries";

    private static final LogLevel[] LEVELS = LogLevel.values();

    private LogEntryCodec() {
    }

    public static byte[] encode(LogEntry e) {
        byte[] id = null;
        byte[][] strings = {
            utf8(e.partitionKey()), utf8(e.sourceIp()), utf8(e.service()), utf8(e.message()),
            e.version() == null ? null : utf8(e.version().writerId())
        };
        int size = 1 + 16 + 8 + 12 + 1 + 4 + 1 + 8;
        for (byte[] s : strings) {
            size += 4 + (s == null ? 0 : s.length);
        }
        List<byte[]> attributes = new ArrayList<>(e.attributes().size() * 2);
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            byte[] k = utf8(a.getKey());
            byte[] v = utf8(a.getValue());
            attributes.add(k);
            attributes.add(v);
            size += 8 + k.length + (v == null ? 0 : v.length);
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(VERSION);
        b.putLong(e.id() == null ? 0 : e.id().getMostSignificantBits());
        b.putLong(e.id() == null ? 0 : e.id().getLeastSignificantBits());
        put(b, strings[0]);
        b.putLong(e.sequence());
        b.putLong(e.timestamp() == null ? Long.MIN_VALUE : e.timestamp().getEpochSecond());
        b.putInt(e.timestamp() == null ? 0 : e.timestamp().getNano());
        b.put(e.level() == null ? (byte) -1 : (byte) e.level().ordinal());
        put(b, strings[1]);
        put(b, strings[2]);
        put(b, strings[3]);
        b.putInt(e.attributes().size());
        for (byte[] a : attributes) {
            put(b, a);
        }
        if (e.version() == null) {
            b.put((byte) 0).putLong(0);
            put(b, null);
        } else {
            b.put((byte) 1).putLong(e.version().counter());
            put(b, strings[4]);
        }
        return b.array();
    }

    /** Decodes one entry; malformed bytes are an {@link IllegalArgumentException}. */
    public static LogEntry decode(byte[] bytes) {
        return decode(ByteBuffer.wrap(bytes));
    }

    /** Decodes one entry starting at the buffer's position, leaving it after the entry. */
    public static LogEntry decode(ByteBuffer b) {
        try {
            byte version = b.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown log entry encoding version " + version);
            }
            long msb = b.getLong();
            long lsb = b.getLong();
            String partitionKey = string(b);
            long sequence = b.getLong();
            long seconds = b.getLong();
            int nanos = b.getInt();
            byte level = b.get();
            String sourceIp = string(b);
            String service = string(b);
            String message = string(b);
            int count = b.getInt();
            if (count < 0 || count > b.remaining() / 8) {
                throw new IllegalArgumentException("bad attribute count " + count);
            }
            Map<String, String> attributes = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                String key = string(b);
                if (key == null) {
                    throw new IllegalArgumentException("an attribute key is null");
                }
                attributes.put(key, string(b));
            }
            boolean hasVersion = b.get() == 1;
            long counter = b.getLong();
            String writer = string(b);
            return new LogEntry(msb == 0 && lsb == 0 ? null : new UUID(msb, lsb), partitionKey, sequence,
                    seconds == Long.MIN_VALUE ? null : Instant.ofEpochSecond(seconds, nanos),
                    level < 0 || level >= LEVELS.length ? null : LEVELS[level], sourceIp, service, message, attributes,
                    hasVersion ? new LamportVersion(counter, writer) : null);
        } catch (BufferUnderflowException | DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("malformed log entry encoding: " + e, e);
        }
    }

    /** A batch of entries already encoded with {@link #encode}. */
    public static byte[] encodeBatch(List<byte[]> encodedEntries) {
        int size = 1 + 4;
        for (byte[] e : encodedEntries) {
            size += 4 + e.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(BATCH_MAGIC).putInt(encodedEntries.size());
        for (byte[] e : encodedEntries) {
            b.putInt(e.length).put(e);
        }
        return b.array();
    }

    public static List<LogEntry> decodeBatch(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            if (b.get() != BATCH_MAGIC) {
                throw new IllegalArgumentException("not a log entry batch");
            }
            int count = b.getInt();
            if (count < 0 || count > b.remaining() / 4) {
                throw new IllegalArgumentException("bad entry count " + count);
            }
            List<LogEntry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = b.getInt();
                int end = b.position() + length;
                if (length < 0 || end > b.limit()) {
                    throw new IllegalArgumentException("entry " + i + " runs past the end of the batch");
                }
                entries.add(decode(b));
                if (b.position() != end) {
                    throw new IllegalArgumentException("entry " + i + " has " + (end - b.position()) + " stray bytes");
                }
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " stray bytes after the last entry");
            }
            return entries;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated log entry batch", e);
        }
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static void put(ByteBuffer b, byte[] s) {
        if (s == null) {
            b.putInt(-1);
        } else {
            b.putInt(s.length).put(s);
        }
    }

    private static String string(ByteBuffer b) {
        int length = b.getInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > b.remaining()) {
            throw new IllegalArgumentException("bad string length " + length);
        }
        String s = new String(b.array(), b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        return s;
    }
}

package com.logprocessor.storage.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary COPY format, built in one growing byte array: the hot path's way of
 * sending a batch. Compared with binding a text array per column, nothing is escaped or formatted
 * on this side, nothing is parsed on the server's, and the server inserts the heap tuples in bulk.
 * Only the types the entries table uses.
 */
final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in Unix epoch microseconds. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    /** Version byte of jsonb's binary input format. */
    private static final byte JSONB_VERSION = 1;

    private byte[] buf;
    private int len;

    BinaryCopy(int expectedBytes) {
        buf = new byte[Math.max(64, expectedBytes)];
        putBytes(SIGNATURE);
        putInt(0); // flags: no OIDs
        putInt(0); // header extension length
    }

    BinaryCopy row(int fields) {
        putShort((short) fields);
        return this;
    }

    BinaryCopy text(String s) {
        if (s == null) {
            return nul();
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        putBytes(bytes);
        return this;
    }

    BinaryCopy int8(long v) {
        putInt(8);
        putLong(v);
        return this;
    }

    BinaryCopy int2(short v) {
        putInt(2);
        putShort(v);
        return this;
    }

    BinaryCopy uuid(UUID id) {
        putInt(16);
        putLong(id.getMostSignificantBits());
        putLong(id.getLeastSignificantBits());
        return this;
    }

    /** Microseconds (truncated: the caller keeps the sub-microsecond rest) since PostgreSQL's epoch. */
    BinaryCopy timestamptz(Instant t) {
        long micros = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
        return int8(micros - PG_EPOCH_MICROS);
    }

    BinaryCopy jsonb(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length + 1);
        ensure(1);
        buf[len++] = JSONB_VERSION;
        putBytes(bytes);
        return this;
    }

    BinaryCopy nul() {
        putInt(-1);
        return this;
    }

    /** Appends the trailer; the bytes to send are {@code bytes()[0 .. length())}. */
    BinaryCopy end() {
        putShort((short) -1);
        return this;
    }

    byte[] bytes() {
        return buf;
    }

    int length() {
        return len;
    }

    private void putBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void putShort(short v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putInt(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}

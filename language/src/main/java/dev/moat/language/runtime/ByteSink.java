package dev.moat.language.runtime;

import java.util.Arrays;

/**
 * A growing byte array for building string results one byte or one piece at a time. Unlike
 * {@link java.io.ByteArrayOutputStream} its methods are not synchronized: the builders that use it
 * (string.format, gsub's result) append byte by byte, and an uncontended lock per byte was a visible
 * part of their time. One guest thread per context, so nothing here is shared.
 */
public final class ByteSink {
    private byte[] bytes;
    private int size;

    public ByteSink() {
        this(32);
    }

    public ByteSink(int capacity) {
        this.bytes = new byte[Math.max(capacity, 8)];
    }

    public void write(int b) {
        if (size == bytes.length) {
            grow(1);
        }
        bytes[size++] = (byte) b;
    }

    public void write(byte[] b, int off, int len) {
        if (len > bytes.length - size) {
            grow(len);
        }
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    /** Appends the decimal digits of {@code v}, with a '-' when negative, as Long.toString would. */
    public void writeDecimal(long v) {
        if (v == Long.MIN_VALUE) {
            byte[] min = "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            write(min, 0, min.length);
            return;
        }
        int digits = decimalLength(v);
        if (digits > bytes.length - size) {
            grow(digits);
        }
        long x = Math.abs(v);
        int p = size + digits;
        do {
            bytes[--p] = (byte) ('0' + (int) (x % 10));
            x /= 10;
        } while (x != 0);
        if (v < 0) {
            bytes[--p] = '-';
        }
        size += digits;
    }

    /** The number of bytes {@link #writeDecimal} writes for {@code v}. */
    public static int decimalLength(long v) {
        if (v == Long.MIN_VALUE) {
            return 20;
        }
        int n = v < 0 ? 2 : 1;
        for (long x = Math.abs(v); x >= 10; x /= 10) {
            n++;
        }
        return n;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void grow(int needed) {
        long wanted = Math.max((long) size + needed, (long) bytes.length * 2);
        if (wanted > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("string result too large");
        }
        bytes = Arrays.copyOf(bytes, (int) wanted);
    }
}

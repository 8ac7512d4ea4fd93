package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.strings.TruffleString;

import java.util.Arrays;

/**
 * A growing byte array for building string results one byte or one piece at a time. Unlike
 * {@link java.io.ByteArrayOutputStream} its methods are not synchronized: the builders that use it
 * (string.format, gsub's result) append byte by byte, and an uncontended lock per byte was a visible
 * part of their time. One guest thread per context, so nothing here is shared.
 */
public final class ByteSink {
    private static final byte[] EMPTY_STORAGE = new byte[0];
    /** From this length on a result is made by the caller's node, whose code-range scan is vectorised. */
    private static final int LARGE = 4096;

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

    /**
     * The bytes written so far as a string. A large one is made by {@code fromBytes}, a cached node of the
     * caller, so that in compiled code its code range is worked out by Graal's vectorised intrinsic (the
     * uncached path scans in plain Java, about a nanosecond a byte). The array itself becomes the
     * string's storage when at most an eighth of it is unused, so the result is not copied once more;
     * otherwise it is trimmed, so that a kept string never holds much more host memory than the budget
     * charged for it.
     */
    public TruffleString toMoatString(TruffleString.FromByteArrayNode fromBytes) {
        if (size < LARGE) {
            return copiedString();
        }
        byte[] storage = bytes;
        int length = size;
        if (storage.length - length > length >> 3) {
            storage = trimmed();
        }
        bytes = EMPTY_STORAGE; // the string owns the array now: a later write must not change it
        size = 0;
        return fromBytes.execute(storage, 0, length, MoatStrings.ENCODING, false);
    }

    /**
     * For a builder that runs out of compiled code: a short result as a string made here and now (one
     * call out of compiled code, not two), or this sink, which the caller's compiled code then makes a
     * string of with {@link #toMoatString}.
     */
    @TruffleBoundary
    public Object shortStringOrSelf() {
        return size < LARGE ? copiedString() : this;
    }

    /** A short result: copied and made in one call out of compiled code, as cheap as it gets at that size. */
    @TruffleBoundary
    private TruffleString copiedString() {
        TruffleString s = MoatStrings.fromBytes(toByteArray());
        size = 0;
        return s;
    }

    @TruffleBoundary
    private byte[] trimmed() {
        return toByteArray();
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void grow(int needed) {
        // A sixteenth of headroom past a large piece: a short suffix (a closing quote, a separator) then
        // still fits, and the result is taken without trimming (see toMoatString).
        long fit = (long) size + needed;
        long wanted = Math.max(fit + (fit >> 4), (long) bytes.length * 2);
        if (wanted > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("string result too large");
        }
        bytes = Arrays.copyOf(bytes, (int) wanted);
    }
}

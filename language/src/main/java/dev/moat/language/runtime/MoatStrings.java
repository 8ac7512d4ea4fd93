package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.strings.TruffleString;

import java.nio.charset.StandardCharsets;

/**
 * Guest strings are {@link TruffleString}s in UTF-8 encoding used as plain byte strings: every Lua
 * operation works on byte indices and byte lengths, and invalid UTF-8 is allowed (its code range is
 * simply "broken"). UTF-8 (rather than raw bytes) makes strings that cross to the host readable as Java
 * strings without extra conversion.
 *
 * <p>These are uncached helpers for slow paths and builtins; hot nodes use cached TruffleString nodes.
 */
public final class MoatStrings {
    public static final TruffleString.Encoding ENCODING = TruffleString.Encoding.UTF_8;
    public static final TruffleString EMPTY = TruffleString.Encoding.UTF_8.getEmpty();

    private MoatStrings() {
    }

    /** The one-byte string of {@code b} (taken modulo 256). */
    public static TruffleString singleByte(int b) {
        return SingleBytes.ALL[b & 0xFF];
    }

    /**
     * The 256 one-byte strings, made once per process on first use (not at start-up): {@code string.char(c)}
     * and {@code s:sub(i, i)} return these instead of a new string each (Lua interns short strings; these
     * are immutable and carry nothing of a context). A one-byte substring also no longer keeps its whole
     * subject alive.
     */
    private static final class SingleBytes {
        @CompilationFinal(dimensions = 1) static final TruffleString[] ALL = new TruffleString[256];

        static {
            for (int b = 0; b < 256; b++) {
                ALL[b] = TruffleString.fromByteArrayUncached(new byte[]{(byte) b}, 0, 1, ENCODING, false);
            }
        }
    }

    @TruffleBoundary
    public static TruffleString fromJava(String s) {
        return TruffleString.fromJavaStringUncached(s, ENCODING);
    }

    /** Wraps bytes without copying; the caller must not modify the array afterwards. */
    @TruffleBoundary
    public static TruffleString fromBytes(byte[] bytes) {
        return TruffleString.fromByteArrayUncached(bytes, 0, bytes.length, ENCODING, false);
    }

    @TruffleBoundary
    public static TruffleString fromBytes(byte[] bytes, int offset, int length) {
        return TruffleString.fromByteArrayUncached(bytes, offset, length, ENCODING, true);
    }

    /** Decodes as UTF-8 (invalid sequences become U+FFFD); for messages and host conversion. */
    @TruffleBoundary
    public static String toJava(TruffleString s) {
        return new String(bytes(s), StandardCharsets.UTF_8);
    }

    /** A copy of the string's bytes. */
    @TruffleBoundary
    public static byte[] bytes(TruffleString s) {
        return s.copyToByteArrayUncached(ENCODING);
    }

    /**
     * The string's bytes without copying when possible (the internal array of a materialised string).
     * Callers must never modify the result. Builtins that scan a subject repeatedly (patterns) use this
     * so each call costs O(1) instead of a full copy.
     */
    @TruffleBoundary
    public static byte[] bytesView(TruffleString s) {
        com.oracle.truffle.api.strings.InternalByteArray a = s.getInternalByteArrayUncached(ENCODING);
        if (a.getOffset() == 0 && a.getLength() == a.getArray().length) {
            return a.getArray();
        }
        return java.util.Arrays.copyOfRange(a.getArray(), a.getOffset(), a.getOffset() + a.getLength());
    }

    /** Not a boundary: a field read and a shift, which compiled code should see. */
    public static int length(TruffleString s) {
        return s.byteLength(ENCODING);
    }

    @TruffleBoundary
    public static int byteAt(TruffleString s, int index) {
        return s.readByteUncached(index, ENCODING);
    }

    @TruffleBoundary
    public static TruffleString concat(TruffleString a, TruffleString b) {
        return a.concatUncached(b, ENCODING, true);
    }

    /** Lua's string comparison: unsigned bytewise (strcmp in the C locale). */
    @TruffleBoundary
    public static int compare(TruffleString a, TruffleString b) {
        return a.compareBytesUncached(b, ENCODING);
    }

    /** Latin-1 view of the bytes, one char per byte; used to feed numeral parsing. */
    @TruffleBoundary
    public static String toByteChars(TruffleString s) {
        return new String(bytes(s), StandardCharsets.ISO_8859_1);
    }
}

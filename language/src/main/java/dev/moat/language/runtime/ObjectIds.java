package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/**
 * Opaque identities for tostring of tables and functions ("table: 0x..."). They must not reveal host heap
 * addresses (SECURITY.md A8), so they are derived from identityHashCode scrambled per object; two live
 * objects may rarely collide, which Lua programs cannot rely on anyway.
 */
public final class ObjectIds {
    private ObjectIds() {
    }

    @TruffleBoundary
    public static String of(Object o) {
        long h = System.identityHashCode(o) & 0xffffffffL;
        h = (h * 0x9E3779B97F4A7C15L) >>> 16;
        return String.format("0x%012x", h & 0xffffffffffffL);
    }
}

package dev.moat.stdlib.string;

import java.util.Arrays;
import java.util.function.Function;

/**
 * A small direct-mapped cache from string contents (patterns, format strings) to what was worked out from
 * them. One per context (see MoatContext.libraryState), so nothing one run compiled is visible to another.
 * Entries are immutable and written whole: a racing reader sees an old entry or the new one, and a
 * collision only means compiling again. Keys longer than the limit are not cached.
 */
final class ContentCache<T> {
    private static final int SIZE = 64;

    private record Entry<T>(byte[] key, T value) {
    }

    private final int maxKeyLength;
    private final Function<byte[], T> compile;
    @SuppressWarnings("unchecked")
    private final Entry<T>[] entries = new Entry[SIZE];

    ContentCache(int maxKeyLength, Function<byte[], T> compile) {
        this.maxKeyLength = maxKeyLength;
        this.compile = compile;
    }

    /** What {@code compile} gives for these contents, or null when it gives null or the key is too long. */
    T get(byte[] key) {
        if (key.length > maxKeyLength) {
            return null;
        }
        int slot = Arrays.hashCode(key) & (SIZE - 1);
        Entry<T> e = entries[slot];
        if (e != null && Arrays.equals(e.key, key)) {
            return e.value;
        }
        T value = compile.apply(key);
        if (value != null) {
            entries[slot] = new Entry<>(key.clone(), value);
        }
        return value;
    }
}

package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.strings.TruffleString;

/**
 * A Lua table: an array part for keys 1..size and a {@link HashPart} for every other key.
 *
 * <p>Like Lua's own array part, the array may contain holes (Java null) but never ends with one, and
 * key {@code size + 1} is never in the hash part; so {@code size} is always a border and {@code #t} is
 * O(1) — and it is the border Lua 5.4 reports for constructors such as {@code {1, nil, 3}}. Appending
 * moves following keys over from the hash part; clearing the last element trims trailing holes.
 *
 * <p>All methods here are raw (no metamethods). Keys must already be normalised with
 * {@link #normalizeKey}; values are never Java null except as "absent" results, and storing
 * {@link MoatNil#NIL} removes the key.
 */
@ExportLibrary(InteropLibrary.class)
public final class MoatTable implements TruffleObject {
    private static final Object[] NO_ARRAY = new Object[0];

    private Object[] array;
    private int size;
    private HashPart hash;
    public MoatTable metatable;

    public MoatTable() {
        this.array = NO_ARRAY;
    }

    public MoatTable(int arrayCapacity, int hashCapacity) {
        this.array = arrayCapacity == 0 ? NO_ARRAY : new Object[arrayCapacity];
        if (hashCapacity > 0) {
            this.hash = new HashPart(hashCapacity);
        }
    }

    /** Builds a sequence table that owns {@code values} (no copy; they must not contain nil). */
    public static MoatTable ofArray(Object[] values, int count) {
        MoatTable t = new MoatTable();
        t.array = values;
        t.size = count;
        return t;
    }

    /** Normalises a key: floats with an integral value become integers (Lua 5.4 rule). */
    public static Object normalizeKey(Object key) {
        if (key instanceof Double d) {
            double v = d;
            if (v == Math.rint(v) && v >= -0x1p63 && v < 0x1p63) {
                return (long) v;
            }
        }
        return key;
    }

    public int arraySize() {
        return size;
    }

    /** Raw read of key {@code k}; null if absent. */
    public Object getLong(long k) {
        if (k - 1 >= 0 && k - 1 < size) {
            return array[(int) (k - 1)];
        }
        return hash == null ? null : hash.getLong(k);
    }

    /** Raw read of a string key whose {@link HashPart#hash} the caller has precomputed; null if absent. */
    public Object getString(TruffleString key, int hash) {
        HashPart h = this.hash;
        return h == null ? null : h.get(key, hash);
    }

    /** Raw write of a string key with a precomputed hash; NIL removes. */
    public void putString(TruffleString key, int keyHash, Object value) {
        if (value == MoatNil.NIL) {
            if (hash != null) {
                hash.put(key, null, keyHash);
            }
            return;
        }
        if (hash == null) {
            hash = new HashPart();
        }
        hash.put(key, value, keyHash);
    }

    /** The hash a constant key should cache for {@link #getString}. */
    public static int keyHash(Object key) {
        return HashPart.hash(key);
    }

    /** Raw read of a normalised key; null if absent. */
    public Object get(Object key) {
        if (key instanceof Long l) {
            return getLong(l);
        }
        return hash == null ? null : hash.get(key);
    }

    /** Raw write of a normalised, valid (non-nil, non-NaN) key. NIL removes. */
    public void put(Object key, Object value) {
        if (key instanceof Long l) {
            putLong(l, value);
            return;
        }
        putHash(key, value);
    }

    public void putLong(long k, Object value) {
        if (k >= 1 && k <= size) {
            if (value == MoatNil.NIL) {
                array[(int) (k - 1)] = null;
                if (k == size) {
                    trimTrailingHoles();
                }
            } else {
                array[(int) (k - 1)] = value;
            }
            return;
        }
        if (k == size + 1L && value != MoatNil.NIL && k < Integer.MAX_VALUE - 8) {
            append(value);
            return;
        }
        putHash(k, value);
    }

    private void putHash(Object key, Object value) {
        if (value == MoatNil.NIL) {
            if (hash != null) {
                hash.put(key, null);
            }
            return;
        }
        if (hash == null) {
            hash = new HashPart();
        }
        hash.put(key, value);
    }

    @TruffleBoundary
    private void growArray(int needed) {
        int cap = Math.max(4, array.length + (array.length >> 1) + 1);
        if (cap < needed) {
            cap = needed;
        }
        Object[] bigger = new Object[cap];
        System.arraycopy(array, 0, bigger, 0, size);
        array = bigger;
    }

    private void append(Object value) {
        if (size == array.length) {
            growArray(size + 1);
        }
        array[size++] = value;
        if (hash != null && hash.size() > 0) {
            migrateFromHash();
        }
    }

    /** Moves keys size+1, size+2, ... from the hash part into the array part. */
    @TruffleBoundary
    private void migrateFromHash() {
        while (true) {
            Object next = hash.getLong(size + 1L);
            if (next == null) {
                return;
            }
            hash.put((long) (size + 1), null);
            if (size == array.length) {
                growArray(size + 1);
            }
            array[size++] = next;
        }
    }

    private void trimTrailingHoles() {
        while (size > 0 && array[size - 1] == null) {
            size--;
        }
    }

    /**
     * Stores positional constructor items 1..n, holes included (nil entries stay holes in the array
     * part, as in Lua), then trims trailing holes.
     */
    public void setSequence(Object[] values, int n) {
        if (n > array.length) {
            growArray(n);
        }
        for (int i = 0; i < n; i++) {
            Object v = values[i];
            array[i] = v == MoatNil.NIL ? null : v;
        }
        if (n > size) {
            size = n;
        }
        trimTrailingHoles();
        if (hash != null && hash.size() > 0) {
            for (int i = 0; i < size; i++) {
                hash.put((long) (i + 1), null);
            }
            migrateFromHash();
        }
    }

    /** The border used by the # operator (raw). */
    public long length() {
        return size;
    }

    /** Number of entries in the hash part (for size accounting). */
    public int hashSize() {
        return hash == null ? 0 : hash.size();
    }

    /**
     * Lua's {@code next}: the entry after {@code key} (nil starts), as {key, value}; null at the end;
     * throws {@link IllegalArgumentException} for a key that is not in the table.
     */
    @TruffleBoundary
    public Object[] next(Object key) {
        int arrayIndex; // 0-based index in array part to start scanning
        int hashSlot;
        if (key == MoatNil.NIL) {
            arrayIndex = 0;
            hashSlot = 0;
        } else {
            Object k = normalizeKey(key);
            if (k instanceof Long l && l >= 1 && l <= size) {
                arrayIndex = (int) (long) l;
                hashSlot = 0;
            } else {
                arrayIndex = size;
                hashSlot = hash == null ? -2 : hash.slotAfter(k);
                if (hashSlot == -2) {
                    // Clearing the last elements during a traversal shrinks the array part; their keys
                    // are still valid positions to continue from (the hash part comes after them).
                    if (k instanceof Long l && l >= 1 && l <= array.length) {
                        hashSlot = 0;
                    } else {
                        throw new IllegalArgumentException();
                    }
                }
            }
        }
        while (arrayIndex < size && array[arrayIndex] == null) {
            arrayIndex++;
        }
        if (arrayIndex < size) {
            return new Object[]{(long) (arrayIndex + 1), array[arrayIndex]};
        }
        if (hash == null) {
            return null;
        }
        int slot = hash.nextLive(hashSlot);
        if (slot < 0) {
            return null;
        }
        return new Object[]{hash.keyAt(slot), hash.valueAt(slot)};
    }

    /** Direct access to the array part for builtins that scan sequences (0-based, < arraySize(); may be null). */
    public Object arrayAt(int index) {
        return array[index];
    }

    @ExportMessage
    boolean hasLanguage() {
        return true;
    }

    @ExportMessage
    Class<? extends com.oracle.truffle.api.TruffleLanguage<?>> getLanguage() {
        return dev.moat.language.MoatLanguage.class;
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(boolean allowSideEffects) {
        return "table";
    }
}

package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.object.DynamicObject;
import com.oracle.truffle.api.object.DynamicObjectLibrary;
import com.oracle.truffle.api.object.Shape;
import com.oracle.truffle.api.strings.TruffleString;
import java.lang.invoke.MethodHandles;

/**
 * A Lua table: an array part for keys 1..size, string keys as fields of a Truffle {@link Shape} (so
 * {@code obj.name} compiles to a shape check and a load, with numbers stored unboxed), and a
 * {@link HashPart} for every other key and for the string keys of tables in dictionary mode.
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
public final class MoatTable extends DynamicObject implements TruffleObject {
    private static final Object[] NO_ARRAY = new Object[0];

    /** One shape tree for all tables of all contexts; shapes hold only key names, never values. */
    public static final Shape ROOT_SHAPE = Shape.newBuilder().layout(MoatTable.class, MethodHandles.lookup()).build();

    /**
     * A table that has had this many string fields keeps further new string keys in its hash part
     * ("dictionary mode"), so tables used as maps of many strings do not grow huge shapes.
     */
    public static final int MAX_FIELDS = 64;

    private static final DynamicObjectLibrary UNCACHED = DynamicObjectLibrary.getUncached();

    // In-object storage for the first string fields; more spill into DynamicObject's extension arrays.
    @DynamicField private Object field0;
    @DynamicField private Object field1;
    @DynamicField private Object field2;
    @DynamicField private Object field3;
    @DynamicField private long primitive0;
    @DynamicField private long primitive1;

    private Object[] array;
    private int size;
    private HashPart hash;
    public MoatTable metatable;

    /** {@link #fieldKeys} of {@link #fieldKeysShape}, kept for traversals with {@code next}. */
    private Object[] fieldKeys;
    private Shape fieldKeysShape;
    private int fieldCursor;

    public MoatTable() {
        super(ROOT_SHAPE);
        this.array = NO_ARRAY;
    }

    public MoatTable(int arrayCapacity, int hashCapacity) {
        super(ROOT_SHAPE);
        this.array = arrayCapacity == 0 ? NO_ARRAY : new Object[arrayCapacity];
        // String keys, the usual keyed entries, live in fields: the hash part is made on demand.
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

    /** Raw read of a string key; null if absent. The hash is the key's {@link #keyHash}. */
    @TruffleBoundary
    public Object getString(TruffleString key, int keyHash) {
        return getStringWith(UNCACHED, key, keyHash);
    }

    /**
     * Raw read of a string key through a (cached) object library: a field of the shape, else (in
     * dictionary mode) the hash part. A field holding NIL is a removed key (see {@link #putStringWith}).
     */
    public Object getStringWith(DynamicObjectLibrary fields, TruffleString key, int keyHash) {
        Object v = fields.getOrDefault(this, key, null);
        if (v != null) {
            return v == MoatNil.NIL ? null : v;
        }
        HashPart h = this.hash;
        return h == null ? null : h.get(key, keyHash);
    }

    /** Raw write of a string key; NIL removes. Returns true if a new entry was made (for memory charging). */
    @TruffleBoundary
    public boolean putString(TruffleString key, int keyHash, Object value) {
        return putStringWith(UNCACHED, key, keyHash, value);
    }

    /**
     * Raw write of a string key through a (cached) object library. Removing a field stores NIL in it
     * instead of changing the shape, so a traversal may clear fields as Lua allows and objects keep
     * their shape when a field is cleared and set again. A table never loses fields, so once it has
     * {@link #MAX_FIELDS} of them every further new string key belongs to the hash part.
     */
    public boolean putStringWith(DynamicObjectLibrary fields, TruffleString key, int keyHash, Object value) {
        if (fields.putIfPresent(this, key, value)) {
            return false;
        }
        if (value == MoatNil.NIL) {
            if (hash != null) {
                hash.put(key, null, keyHash);
            }
            return false;
        }
        if (fields.getShape(this).getPropertyCount() < MAX_FIELDS) {
            fields.put(this, key, value);
            return true;
        }
        if (hash == null) {
            hash = new HashPart();
        }
        return hash.put(key, value, keyHash);
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
        if (key instanceof TruffleString s) {
            return getStringUncached(s);
        }
        return hash == null ? null : hash.get(key);
    }

    @TruffleBoundary
    private Object getStringUncached(TruffleString key) {
        return getStringWith(UNCACHED, key, HashPart.hash(key));
    }

    /**
     * Raw write of a normalised, valid (non-nil, non-NaN) key. NIL removes. Returns true if a new entry
     * was made, which callers charge to the memory budget.
     */
    public boolean put(Object key, Object value) {
        if (key instanceof Long l) {
            return putLong(l, value);
        }
        if (key instanceof TruffleString s) {
            return putStringUncached(s, value);
        }
        return putHash(key, value);
    }

    @TruffleBoundary
    private boolean putStringUncached(TruffleString key, Object value) {
        return putStringWith(UNCACHED, key, HashPart.hash(key), value);
    }

    /** Raw write of an integer key; NIL removes. Returns true if a new entry was made. */
    public boolean putLong(long k, Object value) {
        if (k >= 1 && k <= size) {
            int i = (int) (k - 1);
            if (value == MoatNil.NIL) {
                array[i] = null;
                if (k == size) {
                    trimTrailingHoles();
                }
                return false;
            }
            boolean filled = array[i] == null;
            array[i] = value;
            return filled;
        }
        if (k == size + 1L && value != MoatNil.NIL && k < Integer.MAX_VALUE - 8) {
            append(value);
            return true;
        }
        return putHash(k, value);
    }

    private boolean putHash(Object key, Object value) {
        if (value == MoatNil.NIL) {
            if (hash != null) {
                hash.put(key, null);
            }
            return false;
        }
        if (hash == null) {
            hash = new HashPart();
        }
        return hash.put(key, value);
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

    /** Number of string fields in the shape, cleared ones included. */
    public int fieldCount() {
        return getShape().getPropertyCount();
    }

    /**
     * Lua's {@code next}: the entry after {@code key} (nil starts), as {key, value}; null at the end;
     * throws {@link IllegalArgumentException} for a key that is not in the table. The order is the
     * array part, then the string fields in the order they were added, then the hash part.
     */
    @TruffleBoundary
    public Object[] next(Object key) {
        int arrayIndex; // 0-based index in the array part to start scanning
        int fieldIndex; // index in fieldKeys() to start scanning
        int hashSlot;
        if (key == MoatNil.NIL) {
            arrayIndex = 0;
            fieldIndex = 0;
            hashSlot = 0;
        } else {
            Object k = normalizeKey(key);
            if (k instanceof Long l && l >= 1 && l <= size) {
                arrayIndex = (int) (long) l;
                fieldIndex = 0;
                hashSlot = 0;
            } else {
                arrayIndex = size;
                int f = k instanceof TruffleString ? fieldIndexOf(k) : -1;
                if (f >= 0) {
                    fieldIndex = f + 1;
                    hashSlot = 0;
                } else {
                    fieldIndex = Integer.MAX_VALUE;
                    hashSlot = hash == null ? -2 : hash.slotAfter(k);
                    if (hashSlot == -2) {
                        // Clearing the last elements during a traversal shrinks the array part; their keys
                        // are still valid positions to continue from (fields and hash part come after them).
                        if (k instanceof Long l && l >= 1 && l <= array.length) {
                            fieldIndex = 0;
                            hashSlot = 0;
                        } else {
                            throw new IllegalArgumentException();
                        }
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
        Object[] keys = fieldKeys();
        for (int i = fieldIndex; i < keys.length; i++) {
            Object v = UNCACHED.getOrDefault(this, keys[i], MoatNil.NIL);
            if (v != MoatNil.NIL) {
                fieldCursor = i;
                return new Object[]{keys[i], v};
            }
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

    /** The string field names in the order they were added (cached per shape). */
    private Object[] fieldKeys() {
        Shape shape = getShape();
        if (shape != fieldKeysShape) {
            fieldKeys = shape.getPropertyCount() == 0 ? NO_ARRAY : shape.getKeyList().toArray();
            fieldKeysShape = shape;
            fieldCursor = 0;
        }
        return fieldKeys;
    }

    /** Position of a field name in {@link #fieldKeys}, -1 if none; a traversal hits the cursor at once. */
    private int fieldIndexOf(Object key) {
        Object[] keys = fieldKeys();
        int c = fieldCursor;
        if (c < keys.length && keys[c].equals(key)) {
            return c;
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
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

package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.object.DynamicObject;
import com.oracle.truffle.api.object.DynamicObjectLibrary;
import com.oracle.truffle.api.object.Property;
import com.oracle.truffle.api.object.Shape;
import com.oracle.truffle.api.strings.TruffleString;
import java.lang.invoke.MethodHandles;

/**
 * A Lua table: an array part for keys 1..size, string keys as fields of a Truffle {@link Shape} (so
 * {@code obj.name} compiles to a shape check and a load, with numbers stored unboxed), and a
 * {@link HashPart} for every other key and for the string keys of tables in dictionary mode. This class
 * holds the state and the array part; {@link TableFields} reads and writes the string keys.
 *
 * <p>Like Lua's own array part, the array may contain holes (Java null) but never ends with one, and
 * key {@code size + 1} is never in the hash part; so {@code size} is always a border and {@code #t} is
 * O(1) — and it is the border Lua 5.4 reports for constructors such as {@code {1, nil, 3}}. Appending
 * moves following keys over from the hash part; clearing the last element trims trailing holes.
 *
 * <p>The array part is stored by strategy (see {@link ArrayStorage}): unboxed {@code long[]} while all
 * elements are integers, unboxed {@code double[]} while all are floats, else {@code Object[]} with holes.
 * Only {@code Object[]} has holes, so a primitive array part is dense; compiled {@code t[i]} reads it
 * through {@link ArrayElements#hasLongElement}/{@link ArrayElements#longElement} (and the double twins) without boxing.
 *
 * <p>All methods here are raw (no metamethods). Keys must already be normalised with
 * {@link #normalizeKey}; values are never Java null except as "absent" results, and storing
 * {@link MoatNil#NIL} removes the key.
 */
@ExportLibrary(InteropLibrary.class)
public final class MoatTable extends DynamicObject implements TruffleObject {

    /** One shape tree for all tables of all contexts; shapes hold only key names, never values. */
    public static final Shape ROOT_SHAPE = Shape.newBuilder().layout(MoatTable.class, MethodHandles.lookup()).build();

    /**
     * Shapes an inline cache of a table site keeps before it goes generic. A shape changes only when a
     * field is added (a number changing subtype stays in its shape, see {@link #floatFields}), so this
     * bounds the different layouts (key sets and orders) one site sees.
     */
    public static final int SHAPE_CACHE_LIMIT = 8;

    // In-object storage for the first string fields; more spill into DynamicObject's extension arrays.
    @DynamicField private Object field0;
    @DynamicField private Object field1;
    @DynamicField private Object field2;
    @DynamicField private Object field3;
    @DynamicField private long primitive0;
    @DynamicField private long primitive1;
    @DynamicField private long primitive2;
    @DynamicField private long primitive3;

    /**
     * Which fields hold a float: bit {@code i} for the field whose property flags are {@code i} (its
     * position in the shape, fixed when it was added; a table has at most {@link TableFields#MAX_FIELDS} = 64).
     * Truffle's typed locations know long and double but no "long or double": a field that held an
     * integer ({@code x = 0}) and then a float would be generalised to a boxed Object location. So number
     * fields keep both subtypes in a long location, floats as raw bits, and the subtype lives here, in the
     * object, not in the shape: vectors built as {@code vec(0, 1, 0)} and {@code vec(0.5, 1.5, 2)} share one
     * shape, so their field sites stay monomorphic (with the subtype in the shape they had up to 2^3 shapes,
     * and the ray tracer's compiled vector code was twice as large). Read sites profile the bit
     * ({@link TableFields#fieldValue}), so a field seen holding only floats compiles to a load and a bit test.
     */
    long floatFields;

    /**
     * Set once a string key has gone to the hash part (the table reached {@link TableFields#MAX_FIELDS} fields:
     * "dictionary mode"); never cleared, as fields are never removed. Until then no string key is in the
     * hash part, so string reads look at the fields only; from then on most string keys are in the hash
     * part, so reads and overwrites with a key computed at run time probe it first: a field lookup with
     * such a key is a search of the shape's property map, which every dictionary read paid before it
     * reached its own hash probe.
     */
    boolean stringsInHash;

    /** Whether a string key can be in the hash part (see the field). */
    public boolean stringsInHash() {
        return stringsInHash;
    }

    /** A field was added other than by a computed-key store (see {@link TableFields#COMPUTED_KEY_FIELDS}). */
    boolean namedFields;

    /** The array part: long[], double[] or Object[] (see {@link ArrayStorage}); elements 0..size-1. */
    Object array;
    int size;
    HashPart hash;
    /**
     * The value of integer key 0, or null. Lua keeps t[0] in the hash part (its array part starts at 1), and so
     * did Moat: a 0-based row or register file ({@code prev[j - 1]} at j = 1, a VM's {@code regs[0]}) hashed and
     * probed for that one key on every access (blind2 levenshtein's rows). Traversal gives it right after
     * the array part ({@link TableTraversal}).
     */
    Object zero;
    /**
     * Key 0 was present once: {@code next(t, 0)} stays valid after {@code t[0] = nil} in a traversal, as Lua's
     * dead keys keep it valid (a key never present is an invalid key to 'next').
     */
    boolean hadZero;
    /** Set only through {@link #setMetatable}, which tells the lookups that rely on it. */
    private MoatTable metatable;
    /** Keys compiled lookups rely on, null for almost every table: writing one of them invalidates them. */
    ReliedKeys relied;
    /** A module-like table (the globals, the tables found in them): a field read site may fold its fields. */
    private boolean fieldsFoldable;

    /** The fields of {@link #fieldKeysShape} in the order they were added and the last one returned, kept by {@link TableTraversal}. */
    Property[] fieldProperties;
    Shape fieldKeysShape;
    int fieldCursor;

    public MoatTable() {
        super(ROOT_SHAPE);
        this.array = ArrayStorage.UNDECIDED;
    }

    public MoatTable(int arrayCapacity, int hashCapacity) {
        super(ROOT_SHAPE);
        // The first element picks the array strategy, so no array is made before it comes. String keys,
        // the usual keyed entries, live in fields: the hash part is made on demand.
        this.array = ArrayStorage.UNDECIDED;
    }

    /**
     * Builds a sequence table that owns {@code values} (no copy, so the array part stays the general
     * Object[] strategy; they must not contain nil).
     */
    public static MoatTable ofArray(Object[] values, int count) {
        MoatTable t = new MoatTable();
        // Exactly Object[] (see ArrayStorage.isObjects): a caller's array of a subclass is copied.
        t.array = values.getClass() == Object[].class && values.length > 0
                ? values : java.util.Arrays.copyOf(values, values.length, Object[].class);
        t.size = count;
        return t;
    }

    public MoatTable getMetatable() {
        return metatable;
    }

    public void setMetatable(MoatTable mt) {
        ReliedKeys.beforeMetatableWrite(this);
        metatable = mt;
    }

    /**
     * Marks this table as one whose fields read sites may fold into constants (see nodes.table.FieldLookupNode):
     * the globals, and the tables read from such a table's fields (libraries, modules), not objects.
     */
    public void markFieldsFoldable() {
        fieldsFoldable = true;
    }

    public boolean fieldsFoldable() {
        return fieldsFoldable;
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
        if (ArrayElements.inArrayPart(this, k)) {
            return ArrayStorage.read(array, (int) (k - 1));
        }
        if (k == 0) {
            return zero;
        }
        return hash == null ? null : hash.getLong(k);
    }

    /** The hash a constant key should cache for {@link #getString}. */
    public static int keyHash(Object key) {
        return HashPart.hash(key);
    }

    /**
     * {@link #keyHash} of a string key whose TruffleString hash code a caller took with a cached
     * {@code TruffleString.HashCodeNode}: the string's own {@code hashCode()} is a boundary, a real call per
     * computed-key access in compiled code, where the node reads the hash the string keeps once computed.
     */
    public static int stringKeyHash(int truffleStringHash) {
        return HashPart.stringHash(truffleStringHash);
    }

    /** Raw read of a normalised key; null if absent. */
    public Object get(Object key) {
        if (key instanceof Long l) {
            return getLong(l);
        }
        if (key instanceof TruffleString s) {
            return TableFields.get(this, s, HashPart.hash(s));
        }
        return hash == null ? null : hash.get(key);
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
            return TableFields.put(this, s, HashPart.hash(s), value);
        }
        return putHash(key, value);
    }

    /**
     * Raw write of an integer key; NIL removes. Returns true if a new entry was made. Only overwrites are
     * inline (an element with a value the array's strategy holds, a key present in the hash part); the rest
     * is out of line ({@link #putLongOutOfLine}): nodes specialise the frequent cases, and every compiled
     * generic store would otherwise carry the array part's growth logic and the hash part's insertion.
     */
    public boolean putLong(long k, Object value) {
        if (k >= 1 && k <= size && value != MoatNil.NIL) {
            int i = (int) (k - 1);
            Object store = array;
            if (ArrayStorage.isObjects(store)) {
                Object[] objects = ArrayStorage.objects(store);
                boolean filled = objects[i] == null;
                objects[i] = value;
                return filled;
            }
            if (ArrayStorage.accepts(store, value)) {
                ArrayStorage.write(store, i, value);
                return false;
            }
        } else if (k == 0) {
            return putZero(value);
        } else if ((k < 1 || k > size + 1L) && value != MoatNil.NIL && hash != null && hash.replaceLong(k, value)) {
            return false;
        }
        return putLongOutOfLine(k, value);
    }

    /** t[0] = value (NIL removes); true if the key was absent and now is present. */
    private boolean putZero(Object value) {
        boolean added = zero == null && value != MoatNil.NIL;
        zero = value == MoatNil.NIL ? null : value;
        hadZero |= added;
        return added;
    }

    /** The rest of {@link #putLong}. */
    @TruffleBoundary
    private boolean putLongOutOfLine(long k, Object value) {
        if (k >= 1 && k <= size) {
            int i = (int) (k - 1);
            if (value == MoatNil.NIL) {
                removeElement(i);
            } else {
                generaliseArray()[i] = value;
            }
            return false;
        }
        if (k == size + 1L && value != MoatNil.NIL && k < ArrayStorage.APPEND_LIMIT) {
            appendElement(value);
            migrateIfHashed();
            return true;
        }
        if (k > size && value != MoatNil.NIL && hash != null && hash.isFull() && extendArrayPart(k, value)) {
            return true;
        }
        if (value == MoatNil.NIL) {
            return hash != null && hash.putLong(k, null);
        }
        return hashPart().putLong(k, value);
    }

    /**
     * New integer key {@code k > size + 1} when the hash part is full: if Lua's rule ({@link ArrayPartSizing})
     * gives a larger array part, moves the hash part's keys up to that size, and {@code k}, into it (absent
     * keys become holes, so a primitive strategy turns general where there are any) and returns true;
     * else false, and {@code k} goes to the hash part. Runs when the hash part would grow, so its cost is
     * amortised over the insertions that filled it, as Lua's rehash is.
     */
    private boolean extendArrayPart(long k, Object value) {
        // Cheap rejection before the scan: with the least integer key m, no power of two n >= m can be more than
        // half full if even all of the array part, the hash part and k together are at most (m - 1) / 2 keys;
        // a fill from the top skips the scan at every growth of its hash part until it is a third full.
        long least = Math.min(k, hash.leastIntegerKey());
        if (least - 1 >= 2L * (size + hash.size() + 1L)) {
            return false;
        }
        long[] keys = new long[hash.size()];
        int count = hash.integerKeysAbove(size, keys);
        long chosen = ArrayPartSizing.chooseSize(size, keys, count, k, ArrayStorage.APPEND_LIMIT);
        if (chosen <= size) {
            return false;
        }
        // The new size: the largest present key up to the chosen size, so the array never ends with a hole.
        long top = k <= chosen ? k : size;
        for (int j = 0; j < count; j++) {
            if (keys[j] <= chosen && keys[j] > top) {
                top = keys[j];
            }
        }
        int newSize = (int) top;
        Object[] elements = new Object[newSize];
        for (int i = 0; i < size; i++) {
            elements[i] = ArrayStorage.read(array, i);
        }
        hash.moveIntegerKeys(size, newSize, elements);
        if (k <= newSize) {
            elements[(int) (k - 1)] = value;
        }
        Object store = ArrayStorage.allocateForSequence(elements, newSize);
        for (int i = 0; i < newSize; i++) {
            ArrayStorage.write(store, i, elements[i]);
        }
        array = store;
        size = newSize;
        if (k > newSize) {
            hashPart().putLong(k, value);
        }
        // After k is in: k may be the key just past the new size (keys 5 and 8 moved, then t[9] = v), which
        // must not stay in the hash part, or #t would stop at a border that is not one.
        migrateIfHashed();
        return true;
    }

    /** Clears element {@code i}: the last one shrinks the array part, any other becomes a hole. */
    private void removeElement(int i) {
        if (i == size - 1) {
            removeLastElement();
        } else {
            generaliseArray()[i] = null;
        }
    }

    /** {@code t[#t] = nil} on a non-empty array part: shrinks it, and past the holes before the last element. */
    public void removeLastElement() {
        int i = size - 1;
        if (array instanceof Object[] objects) {
            objects[i] = null;
        }
        size--;
        trimTrailingHoles();
    }

    /** Switches the array part to the general Object[] strategy (once; it never goes back). */
    private Object[] generaliseArray() {
        Object[] general = ArrayStorage.generalise(array, size);
        array = general;
        return general;
    }

    private boolean putHash(Object key, Object value) {
        if (value == MoatNil.NIL) {
            if (hash != null) {
                hash.put(key, null);
            }
            return false;
        }
        return hashPart().put(key, value);
    }

    /** The hash part, created on first use (out of line: a table gets one at most once). */
    HashPart hashPart() {
        HashPart h = hash;
        return h != null ? h : createHashPart();
    }

    @TruffleBoundary
    private HashPart createHashPart() {
        hash = new HashPart();
        return hash;
    }

    /** Stores a non-nil value as element {@code size + 1}, picking or generalising the strategy as needed. */
    private void appendElement(Object value) {
        Object store = array;
        if (store == ArrayStorage.UNDECIDED) {
            store = ArrayStorage.allocateFor(value, ArrayStorage.MIN_CAPACITY);
        } else if (!ArrayStorage.accepts(store, value)) {
            store = ArrayStorage.generalise(store, size);
        }
        if (size == ArrayStorage.capacity(store)) {
            store = ArrayStorage.grow(store, size, size + 1);
        }
        array = store;
        ArrayStorage.write(store, size++, value);
    }

    /** After the array part grew: moves keys size+1, ... from the hash part, if it may hold any. */
    void migrateIfHashed() {
        HashPart h = hash;
        if (h != null && h.size() > 0 && h.greatestIntegerKey() > size) {
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
            appendElement(next);
        }
    }

    private void trimTrailingHoles() {
        if (array instanceof Object[] objects) {
            while (size > 0 && objects[size - 1] == null) {
                size--;
            }
        }
    }

    /**
     * Stores positional constructor items 1..n, holes included (nil entries stay holes in the array
     * part, as in Lua), then trims trailing holes. A fresh table gets the strategy that fits all items.
     */
    public void setSequence(Object[] values, int n) {
        int m = n;
        while (m > size && isNil(values[m - 1])) {
            m--; // trailing nils past the array part would only be trimmed again
        }
        if (m == 0) {
            clearHashPositions(n);
            return;
        }
        if (array == ArrayStorage.UNDECIDED) {
            array = ArrayStorage.allocateForSequence(values, m);
        } else {
            if (m > ArrayStorage.capacity(array)) {
                array = ArrayStorage.grow(array, size, m);
            }
            if (!ArrayStorage.acceptsAll(array, values, m)) {
                generaliseArray(); // before writing, so no item lands past the size of a primitive array
            }
        }
        Object store = array;
        for (int i = 0; i < m; i++) {
            Object v = values[i];
            ArrayStorage.write(store, i, isNil(v) ? null : v);
        }
        if (m > size) {
            size = m;
        }
        trimTrailingHoles();
        clearHashPositions(n);
    }

    /**
     * True while this table has no array part and no hash part: a constructor's items may then become
     * its array part directly ({@link #initSequence}).
     */
    public boolean hasNoArrayNorHash() {
        return array == ArrayStorage.UNDECIDED && hash == null;
    }

    /**
     * Makes {@code store} (a fresh {@code long[]}, {@code double[]} or {@code Object[]} of {@code n} items,
     * none nil) the array part of a table for which {@link #hasNoArrayNorHash} holds: what
     * {@link #setSequence} does for such a table, without its loops.
     */
    public void initSequence(Object store, int n) {
        array = store;
        size = n;
    }

    /**
     * Makes {@code items} (a fresh, exactly {@code Object[]} array the caller gives up) the array part of a
     * table for which {@link #hasNoArrayNorHash} holds, as {@link #setSequence} would store them: all
     * integers or all floats are copied into a primitive array, anything else is kept as it is, without
     * the copy setSequence makes. False, storing nothing, if an item is nil.
     */
    public boolean adoptSequence(Object[] items) {
        int n = items.length;
        for (int i = 0; i < n; i++) {
            if (isNil(items[i])) {
                return false;
            }
        }
        if (n > 0) {
            array = ArrayStorage.adoptSequence(items, n);
            size = n;
        }
        return true;
    }

    /**
     * Every position 1..n was assigned, nil items included: as with Lua's SETLIST, an item overrides a
     * keyed field given for the same index ({@code {[3] = "x", 1, 2, nil}} leaves t[3] nil).
     */
    private void clearHashPositions(int n) {
        if (hash != null && hash.size() > 0) {
            for (int i = 0; i < n; i++) {
                hash.put((long) (i + 1), null);
            }
            migrateFromHash();
        }
    }

    private static boolean isNil(Object v) {
        return v == MoatNil.NIL || v == null;
    }

    /** The border used by the # operator (raw). */
    public long length() {
        return size;
    }

    /** Number of entries in the hash part (for size accounting). */
    public int hashSize() {
        return (hash == null ? 0 : hash.size()) + (zero == null ? 0 : 1);
    }

    /** Number of string fields in the shape, cleared ones included. */
    public int fieldCount() {
        return getShape().getPropertyCount();
    }

    /**
     * Lua's {@code next}: the entry after {@code key} (nil starts), as {key, value}; null at the end;
     * throws {@link IllegalArgumentException} for a key that is not in the table (see {@link TableTraversal}).
     */
    @TruffleBoundary
    public Object[] next(Object key) {
        return TableTraversal.next(this, key);
    }

    /** Direct access to the array part for builtins that scan sequences (0-based, < arraySize(); may be null). */
    public Object arrayAt(int index) {
        return ArrayStorage.read(array, index);
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

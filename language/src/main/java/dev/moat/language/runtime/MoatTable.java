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
 * {@link HashPart} for every other key and for the string keys of tables in dictionary mode.
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
     * A table that has had this many string fields keeps further new string keys in its hash part
     * ("dictionary mode"), so tables used as maps of many strings do not grow huge shapes.
     */
    public static final int MAX_FIELDS = 64;

    /**
     * A table whose string keys all came from computed-key stores ({@code t[k] = v}) becomes a dictionary
     * when it would get more fields than this: its fields move to the hash part and every later string key
     * goes there ({@link #moveFieldsToHash}). It is read with computed keys, and a computed key finds a field
     * only by searching the shape's property map, which took a 40-key dictionary's reads 1.8 times as long
     * as lua5.4's. Up to this many keys such a table stays a record (rows built from column names and read
     * as {@code row.price}: a hash part there costs every read of those keys several cache lines). Tables with a field named in the code
     * (constructors, {@code t.name = v}) or added by a library or the host are records: they keep up to
     * {@link #MAX_FIELDS} fields, which constant-key reads find with a shape check and a load.
     */
    public static final int COMPUTED_KEY_FIELDS = 16;

    /**
     * Shapes an inline cache of a table site keeps before it goes generic. A shape changes only when a
     * field is added (a number changing subtype stays in its shape, see {@link #floatFields}), so this
     * bounds the different layouts (key sets and orders) one site sees.
     */
    public static final int SHAPE_CACHE_LIMIT = 8;

    private static final DynamicObjectLibrary UNCACHED = DynamicObjectLibrary.getUncached();

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
     * position in the shape, fixed when it was added; a table has at most {@link #MAX_FIELDS} = 64).
     * Truffle's typed locations know long and double but no "long or double": a field that held an
     * integer ({@code x = 0}) and then a float would be generalised to a boxed Object location. So number
     * fields keep both subtypes in a long location, floats as raw bits, and the subtype lives here, in the
     * object, not in the shape: vectors built as {@code vec(0, 1, 0)} and {@code vec(0.5, 1.5, 2)} share one
     * shape, so their field sites stay monomorphic (with the subtype in the shape they had up to 2^3 shapes,
     * and the ray tracer's compiled vector code was twice as large). Read sites profile the bit
     * ({@link #fieldValue}), so a field seen holding only floats compiles to a load and a bit test.
     */
    private long floatFields;

    /**
     * Set once a string key has gone to the hash part (the table reached {@link #MAX_FIELDS} fields:
     * "dictionary mode"); never cleared, as fields are never removed. Until then no string key is in the
     * hash part, so string reads look at the fields only; from then on most string keys are in the hash
     * part, so reads and overwrites with a key computed at run time probe it first: a field lookup with
     * such a key is a search of the shape's property map, which every dictionary read paid before it
     * reached its own hash probe.
     */
    private boolean stringsInHash;

    /** A field was added other than by a computed-key store (see {@link #COMPUTED_KEY_FIELDS}). */
    private boolean namedFields;

    /** The array part: long[], double[] or Object[] (see {@link ArrayStorage}); elements 0..size-1. */
    Object array;
    int size;
    HashPart hash;
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
        return hash == null ? null : hash.getLong(k);
    }

    /** Raw read of a string key; null if absent. The hash is the key's {@link #keyHash}. */
    @TruffleBoundary
    public Object getString(TruffleString key, int keyHash) {
        return getStringWith(UNCACHED, FieldSubtypeProfile.getUncached(), key, keyHash);
    }

    /**
     * Raw read of a string key through a (cached) object library: a field of the shape, else (in
     * dictionary mode) the hash part. A field holding NIL is a removed key (see {@link #putStringWith}).
     */
    public Object getStringWith(DynamicObjectLibrary fields, FieldSubtypeProfile isFloat, TruffleString key, int keyHash) {
        return getStringWith(fields, isFloat, DictionaryProfile.getUncached(), key, keyHash);
    }

    /**
     * {@link #getStringWith} for a computed-key site with its {@link DictionaryProfile}: a dictionary is read
     * in its hash part, where most of its string keys are (a key is in one part only), and the first keys it
     * kept as fields are looked up out of line, as finding a field by a computed key means searching the
     * shape's property map.
     */
    public Object getStringWith(DynamicObjectLibrary fields, FieldSubtypeProfile isFloat, DictionaryProfile kind,
                                TruffleString key, int keyHash) {
        if (kind.profile(stringsInHash)) {
            Object inHash = hash.get(key, keyHash);
            if (inHash != null || getShape().getPropertyCount() == 0) {
                return inHash; // a dictionary built by computed keys has no fields (moveFieldsToHash)
            }
            return getDictionaryField(key);
        }
        Object v = fields.getOrDefault(this, key, null);
        return v == null ? null : fieldValue(fields, isFloat, key, v);
    }

    @TruffleBoundary
    private Object getDictionaryField(TruffleString key) {
        Object v = UNCACHED.getOrDefault(this, key, null);
        return v == null ? null : fieldValue(UNCACHED, FieldSubtypeProfile.getUncached(), key, v);
    }

    /** {@link #getFieldWith} for reads that seldom meet numbers (metatables' {@code __index}, metamethods). */
    public Object getFieldWith(DynamicObjectLibrary fields, TruffleString key, int keyHash) {
        return getFieldWith(fields, FieldSubtypeProfile.getUncached(), key, keyHash);
    }

    /**
     * {@link #getStringWith} for sites with a constant key ({@code obj.name}, metamethod names): tables
     * read that way are objects, which seldom have a hash part, so probing it is a call rather than code
     * inlined into every compiled field access (the probe loop made each one several times larger and
     * used up Graal's inlining budget).
     */
    public Object getFieldWith(DynamicObjectLibrary fields, FieldSubtypeProfile isFloat, TruffleString key, int keyHash) {
        Object v = fields.getOrDefault(this, key, null);
        if (v != null) {
            return fieldValue(fields, isFloat, key, v);
        }
        if (!stringsInHash) {
            return null;
        }
        Object atHome = hash.atHomeSlot(key, keyHash); // a dictionary read with a constant key: usually one probe
        return atHome != HashPart.PROBE_FURTHER ? atHome : getFromHash(key, keyHash);
    }

    @TruffleBoundary
    private Object getFromHash(TruffleString key, int keyHash) {
        return hash.get(key, keyHash);
    }

    /**
     * {@link #putStringWith} for sites with a constant key: storing into an existing field or adding one
     * is inline; the rest (removing a key that is not a field, dictionary mode) is a call, as in
     * {@link #getFieldWith}.
     */
    public boolean putFieldWith(DynamicObjectLibrary fields, TruffleString key, int keyHash, Object value) {
        if (fields.containsKey(this, key)) {
            putExistingField(fields, key, keyHash, value);
            return false;
        }
        int count = fields.getShape(this).getPropertyCount();
        if (value != MoatNil.NIL && count < MAX_FIELDS && !stringsInHash) {
            namedFields = true;
            addField(fields, key, keyHash, count, value);
            return true;
        }
        return putAbsentStringInHash(key, keyHash, value);
    }

    /**
     * Stores into an existing field (its flags, and so the shape, stay), floats as raw bits. Only
     * numbers touch {@link #floatFields}: a bit counts only while the field holds a Long, so storing
     * any other value leaves a stale bit that the next number store overwrites.
     */
    private void putExistingField(DynamicObjectLibrary fields, TruffleString key, int keyHash, Object value) {
        ReliedKeys.beforeWrite(this, fields, key, keyHash);
        if (value instanceof Double d) {
            fields.put(this, key, Double.doubleToRawLongBits(d));
            floatFields |= 1L << fields.getPropertyFlagsOrDefault(this, key, 0);
        } else {
            fields.put(this, key, value);
            long mask = floatFields;
            if (value instanceof Long && mask != 0) { // tables that never held a float skip the flags lookup
                floatFields = mask & ~(1L << fields.getPropertyFlagsOrDefault(this, key, 0));
            }
        }
    }

    /** Adds field {@code key} as the shape's {@code slot}-th (its property flags; see {@link #floatFields}). */
    private void addField(DynamicObjectLibrary fields, TruffleString key, int keyHash, int slot, Object value) {
        ReliedKeys.beforeWrite(this, fields, key, keyHash);
        if (value instanceof Double d) {
            fields.putWithFlags(this, key, Double.doubleToRawLongBits(d), slot);
            floatFields |= 1L << slot;
        } else {
            fields.putWithFlags(this, key, value, slot); // a new slot's bit is clear: shapes never lose fields
        }
    }

    /**
     * The Lua value of field {@code key} whose stored form is {@code stored}; null for a removed key.
     * {@code isFloat} is the read site's profile: a site that has seen only one subtype compiles only
     * it, and one that reads no numbers (a typed non-long location) never tests the bit.
     */
    Object fieldValue(DynamicObjectLibrary fields, FieldSubtypeProfile isFloat, Object key, Object stored) {
        if (stored instanceof Long bits) {
            // Tables that never held a float skip the flags lookup (not free for a non-constant key).
            long mask = floatFields;
            boolean isFloatNow = mask != 0 && (mask & (1L << fields.getPropertyFlagsOrDefault(this, key, 0))) != 0;
            if (isFloat.profile(isFloatNow)) {
                return Double.longBitsToDouble(bits); // (not a ?: expression: that would widen the Long to a double)
            }
            return bits;
        }
        return stored == MoatNil.NIL ? null : stored;
    }

    /** {@link #fieldValue} for a traversal, which has the field's property (its flags) at hand. */
    Object fieldValue(Property property, Object stored) {
        if (stored instanceof Long bits) {
            long mask = floatFields;
            if (mask != 0 && (mask & (1L << property.getFlags())) != 0) {
                return Double.longBitsToDouble(bits);
            }
            return bits;
        }
        return stored == MoatNil.NIL ? null : stored;
    }

    @TruffleBoundary
    private boolean putAbsentStringInHash(TruffleString key, int keyHash, Object value) {
        return putAbsentString(UNCACHED, key, keyHash, value, false);
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
        return putStringWith(fields, DictionaryProfile.getUncached(), key, keyHash, value, false);
    }

    /**
     * {@link #putStringWith} for a computed-key store {@code t[k] = v} (see {@link #COMPUTED_KEY_FIELDS}) with
     * its site's {@link DictionaryProfile}: a dictionary overwrites a key of its hash part inline and does
     * the rest (insertions, removals, its first keys kept as fields) out of line.
     */
    public boolean putComputedStringWith(DynamicObjectLibrary fields, DictionaryProfile kind, TruffleString key,
                                         int keyHash, Object value) {
        return putStringWith(fields, kind, key, keyHash, value, true);
    }

    /** {@link #putComputedStringWith} without a cached library (a site's first runs). */
    @TruffleBoundary
    public boolean putComputedString(TruffleString key, Object value) {
        return putStringWith(UNCACHED, DictionaryProfile.getUncached(), key, HashPart.hash(key), value, true);
    }

    private boolean putStringWith(DynamicObjectLibrary fields, DictionaryProfile kind, TruffleString key, int keyHash,
                                  Object value, boolean computed) {
        if (kind.profile(stringsInHash)) {
            int entry = value == MoatNil.NIL ? -1 : hash.findPresent(key, keyHash);
            if (entry < 0) {
                return putInDictionary(key, keyHash, value, computed);
            }
            ReliedKeys.beforeWrite(this, fields, key, keyHash); // an overwrite in the hash part: not a field
            hash.setPresent(entry, value);
            return false;
        }
        return putStringAsField(fields, key, keyHash, value, computed);
    }

    @TruffleBoundary
    private boolean putInDictionary(TruffleString key, int keyHash, Object value, boolean computed) {
        return putStringAsField(UNCACHED, key, keyHash, value, computed);
    }

    /** A string key's store where it is a field or not yet in the table (the hash part had no live entry). */
    private boolean putStringAsField(DynamicObjectLibrary fields, TruffleString key, int keyHash, Object value, boolean computed) {
        if (fields.containsKey(this, key)) {
            putExistingField(fields, key, keyHash, value);
            return false;
        }
        return putAbsentString(fields, key, keyHash, value, computed);
    }

    /**
     * {@link #putStringWith} once {@code key} is known not to be a field. Once one string key is in the hash
     * part every new one goes there, so a key is in one part only and each part keeps insertion order.
     */
    private boolean putAbsentString(DynamicObjectLibrary fields, TruffleString key, int keyHash, Object value, boolean computed) {
        ReliedKeys.beforeWrite(this, fields, key, keyHash);
        if (value == MoatNil.NIL) {
            if (hash != null) {
                hash.put(key, null, keyHash);
            }
            return false;
        }
        int count = fields.getShape(this).getPropertyCount();
        if (!stringsInHash) {
            boolean dictionary = computed && !namedFields;
            if (count < (dictionary ? COMPUTED_KEY_FIELDS : MAX_FIELDS)) {
                if (!computed) {
                    namedFields = true;
                }
                addField(fields, key, keyHash, count, value);
                return true;
            }
            stringsInHash = true;
            if (dictionary) {
                moveFieldsToHash();
            }
        }
        return hashPart().put(key, value, keyHash);
    }

    /**
     * A table filled only by computed keys becomes a dictionary: its string fields move to the hash part, in
     * the order they were added and before the key that made it one, so every string key is read with one
     * probe and {@code pairs} keeps insertion order. (Adding a key during a traversal is undefined in Lua, and
     * this happens only when a key is added.) Tables whose keys compiled code relies on (modules, the
     * globals) keep their fields: the check that tells the relying code about writes is a flag of the shape.
     */
    @TruffleBoundary
    private void moveFieldsToHash() {
        Shape shape = getShape();
        if (relied != null || fieldsFoldable || shape.getPropertyCount() == 0) {
            return;
        }
        HashPart h = hashPart();
        for (Object k : shape.getKeyList()) {
            Object stored = UNCACHED.getOrDefault(this, k, null);
            Object v = stored == null ? null : fieldValue(UNCACHED, FieldSubtypeProfile.getUncached(), k, stored);
            if (v != null) {
                h.put(k, v, HashPart.hash(k));
            }
        }
        UNCACHED.resetShape(this, ROOT_SHAPE);
        floatFields = 0;
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
        return getStringWith(UNCACHED, FieldSubtypeProfile.getUncached(), key, HashPart.hash(key));
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
        } else if ((k < 1 || k > size + 1L) && value != MoatNil.NIL && hash != null && hash.replaceLong(k, value)) {
            return false;
        }
        return putLongOutOfLine(k, value);
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
        return putHash(k, value);
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
    private HashPart hashPart() {
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

    void migrateIfHashed() {
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
        return hash == null ? 0 : hash.size();
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

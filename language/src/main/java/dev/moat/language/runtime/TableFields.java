package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.object.DynamicObjectLibrary;
import com.oracle.truffle.api.object.Property;
import com.oracle.truffle.api.object.Shape;
import com.oracle.truffle.api.strings.TruffleString;

/**
 * The string keys of a {@link MoatTable}: fields of its Truffle shape (numbers unboxed, the float subtype
 * in {@link MoatTable#floatFields}), and the hash part once the table is a dictionary.
 *
 * <p>A table keeps up to {@link #MAX_FIELDS} string keys as fields, so {@code obj.name} compiles to a shape
 * check and a load. Past that ("dictionary mode", {@link MoatTable#stringsInHash}) every new string key goes
 * to the hash part; a table filled only by computed-key stores gets there at {@link #COMPUTED_KEY_FIELDS}
 * and moves its fields over ({@link #moveFieldsToHash}). A key is in one part only, each part in insertion
 * order. Removing a field stores NIL in it instead of changing the shape (see {@link #putWith}).
 *
 * <p>Three kinds of access, each with the cost its sites can afford:
 * <ul>
 *   <li>named ({@code obj.name}, metamethod names: {@link #getNamed}, {@link #putNamed}): the field inline,
 *       the hash part mostly out of line, as tables read that way are objects;</li>
 *   <li>computed ({@code t[k]} with a string: {@link #getComputed}, {@link #putComputed}): a site's
 *       {@link DictionaryProfile} compiles only the kind of table it met;</li>
 *   <li>any other (libraries, the host, traversal: {@link #get}, {@link #put}).</li>
 * </ul>
 * All are raw (no metamethods); values are never Java null except as "absent" results.
 */
public final class TableFields {

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
     * as {@code row.price}: a hash part there costs every read of those keys several cache lines). Tables
     * with a field named in the code (constructors, {@code t.name = v}) or added by a library or the host
     * are records: they keep up to {@link #MAX_FIELDS} fields, which constant-key reads find with a shape
     * check and a load.
     */
    public static final int COMPUTED_KEY_FIELDS = 16;

    private static final DynamicObjectLibrary UNCACHED = DynamicObjectLibrary.getUncached();

    private TableFields() {
    }

    // ---- reads ----

    /** Raw read of a string key; null if absent. The hash is the key's {@link MoatTable#keyHash}. */
    @TruffleBoundary
    public static Object get(MoatTable t, TruffleString key, int keyHash) {
        return getWith(t, UNCACHED, FieldSubtypeProfile.getUncached(), key, keyHash);
    }

    /**
     * Raw read of a string key through a (cached) object library: a field of the shape, else (in
     * dictionary mode) the hash part. A field holding NIL is a removed key (see {@link #putWith}).
     */
    private static Object getWith(MoatTable t, DynamicObjectLibrary fields, FieldSubtypeProfile isFloat,
                                  TruffleString key, int keyHash) {
        return getComputed(t, fields, isFloat, DictionaryProfile.getUncached(), key, keyHash, null);
    }

    /**
     * {@link #getWith} for a computed-key site with its {@link DictionaryProfile}: a dictionary is read in its
     * hash part, where most of its string keys are (a key is in one part only), and the first keys it kept as
     * fields are looked up out of line, as finding a field by a computed key means searching the shape's
     * property map. {@code equality}: the site's comparison of string keys (see HashPart#getString), or null.
     */
    public static Object getComputed(MoatTable t, DynamicObjectLibrary fields, FieldSubtypeProfile isFloat,
                                     DictionaryProfile kind, TruffleString key, int keyHash,
                                     TruffleString.EqualNode equality) {
        if (kind.profile(t.stringsInHash)) {
            Object inHash = equality == null ? t.hash.get(key, keyHash) : t.hash.getString(key, keyHash, equality);
            if (inHash != null || t.getShape().getPropertyCount() == 0) {
                return inHash; // a dictionary built by computed keys has no fields (moveFieldsToHash)
            }
            return getDictionaryField(t, key);
        }
        Object v = fields.getOrDefault(t, key, null);
        return v == null ? null : fieldValue(t, fields, isFloat, key, v);
    }

    @TruffleBoundary
    private static Object getDictionaryField(MoatTable t, TruffleString key) {
        Object v = UNCACHED.getOrDefault(t, key, null);
        return v == null ? null : fieldValue(t, UNCACHED, FieldSubtypeProfile.getUncached(), key, v);
    }

    /** {@link #getNamed} for reads that seldom meet numbers and have no profile of their own (metamethods). */
    public static Object getNamed(MoatTable t, DynamicObjectLibrary fields, TruffleString key, int keyHash) {
        return getNamed(t, fields, DictionaryProfile.getUncached(), key, keyHash);
    }

    /** {@link #getNamed} for reads that seldom meet numbers, with the site's profile (metatables' {@code __index}, {@code __newindex}). */
    public static Object getNamed(MoatTable t, DynamicObjectLibrary fields, DictionaryProfile missedIn,
                                  TruffleString key, int keyHash) {
        return getNamed(t, fields, FieldSubtypeProfile.getUncached(), missedIn, key, keyHash);
    }

    /**
     * {@link #getWith} for sites with a constant key ({@code obj.name}, metamethod names): tables read that
     * way are objects, which seldom have a hash part, so probing it is a call rather than code inlined into
     * every compiled field access (the probe loop made each one several times larger and used up Graal's
     * inlining budget); only the key's home slot is compared inline. {@code missedIn} is the site's profile
     * of the tables whose fields it missed: a site that has only missed in tables without string keys in
     * their hash part (objects whose method is in their class) has no probe in compiled code, only a
     * deoptimisation if one ever turns up.
     */
    public static Object getNamed(MoatTable t, DynamicObjectLibrary fields, FieldSubtypeProfile isFloat,
                                  DictionaryProfile missedIn, TruffleString key, int keyHash) {
        Object v = fields.getOrDefault(t, key, null);
        if (v != null) {
            return fieldValue(t, fields, isFloat, key, v);
        }
        if (!missedIn.profile(t.stringsInHash)) {
            return null;
        }
        Object atHome = t.hash.atHomeSlot(key, keyHash); // a dictionary read with a constant key: usually one probe
        return atHome != HashPart.PROBE_FURTHER ? atHome : getFromHash(t, key, keyHash);
    }

    @TruffleBoundary
    private static Object getFromHash(MoatTable t, TruffleString key, int keyHash) {
        return t.hash.get(key, keyHash);
    }

    /**
     * The Lua value of field {@code key} whose stored form is {@code stored}; null for a removed key.
     * {@code isFloat} is the read site's profile: a site that has seen only one subtype compiles only
     * it, and one that reads no numbers (a typed non-long location) never tests the bit.
     */
    public static Object fieldValue(MoatTable t, DynamicObjectLibrary fields, FieldSubtypeProfile isFloat, Object key,
                                    Object stored) {
        if (stored instanceof Long bits) {
            // Tables that never held a float skip the flags lookup (not free for a non-constant key).
            long mask = t.floatFields;
            boolean isFloatNow = mask != 0 && (mask & (1L << fields.getPropertyFlagsOrDefault(t, key, 0))) != 0;
            boolean f = isFloat.profile(isFloatNow);
            if (isFloat.tagged()) {
                return TaggedNumber.of(bits, f);
            }
            if (f) {
                return Double.longBitsToDouble(bits); // (not a ?: expression: that would widen the Long to a double)
            }
            return bits;
        }
        return stored == MoatNil.NIL ? null : stored;
    }

    /** {@link #fieldValue} for a traversal, which has the field's property (its flags) at hand. */
    static Object fieldValue(MoatTable t, Property property, Object stored) {
        if (stored instanceof Long bits) {
            long mask = t.floatFields;
            if (mask != 0 && (mask & (1L << property.getFlags())) != 0) {
                return Double.longBitsToDouble(bits);
            }
            return bits;
        }
        return stored == MoatNil.NIL ? null : stored;
    }

    // ---- writes ----

    /** Raw write of a string key; NIL removes. Returns true if a new entry was made (for memory charging). */
    @TruffleBoundary
    public static boolean put(MoatTable t, TruffleString key, int keyHash, Object value) {
        return putWith(t, UNCACHED, key, keyHash, value);
    }

    /**
     * Raw write of a string key through a (cached) object library. Removing a field stores NIL in it
     * instead of changing the shape, so a traversal may clear fields as Lua allows and objects keep
     * their shape when a field is cleared and set again. A table never loses fields (but for the one move of
     * {@link #moveFieldsToHash}), so once it has {@link #MAX_FIELDS} of them every further new string key
     * belongs to the hash part.
     */
    private static boolean putWith(MoatTable t, DynamicObjectLibrary fields, TruffleString key, int keyHash,
                                   Object value) {
        return putWith(t, fields, DictionaryProfile.getUncached(), key, keyHash, null, value, false);
    }

    /**
     * {@link #putWith} for sites with a constant key: storing into an existing field or adding one is inline;
     * the rest (removing a key that is not a field, dictionary mode) is a call, as in {@link #getNamed}.
     */
    public static boolean putNamed(MoatTable t, DynamicObjectLibrary fields, TruffleString key, int keyHash,
                                   Object value) {
        if (fields.containsKey(t, key)) {
            putExistingField(t, fields, key, keyHash, value);
            return false;
        }
        int count = fields.getShape(t).getPropertyCount();
        if (value != MoatNil.NIL && count < MAX_FIELDS && !t.stringsInHash) {
            t.namedFields = true;
            addField(t, fields, key, keyHash, count, value);
            return true;
        }
        return putAbsentOutOfLine(t, key, keyHash, value);
    }

    /**
     * {@link #putWith} for a computed-key store {@code t[k] = v} (see {@link #COMPUTED_KEY_FIELDS}) with its
     * site's {@link DictionaryProfile}: a dictionary overwrites a key of its hash part inline and does the
     * rest (insertions, removals, its first keys kept as fields) out of line.
     */
    public static boolean putComputed(MoatTable t, DynamicObjectLibrary fields, DictionaryProfile kind,
                                      TruffleString key, int keyHash, TruffleString.EqualNode equality, Object value) {
        return putWith(t, fields, kind, key, keyHash, equality, value, true);
    }

    /** {@link #putComputed} without a cached library (a site's first runs). */
    @TruffleBoundary
    public static boolean putComputed(MoatTable t, TruffleString key, Object value) {
        return putWith(t, UNCACHED, DictionaryProfile.getUncached(), key, HashPart.hash(key), null, value, true);
    }

    /** {@code equality}: a computed-key site's comparison of string keys (see HashPart#getString), or null. */
    private static boolean putWith(MoatTable t, DynamicObjectLibrary fields, DictionaryProfile kind,
                                   TruffleString key, int keyHash, TruffleString.EqualNode equality, Object value,
                                   boolean computed) {
        if (kind.profile(t.stringsInHash)) {
            int entry = value == MoatNil.NIL ? -1
                    : equality == null ? t.hash.findPresent(key, keyHash) : t.hash.findPresentString(key, keyHash, equality);
            if (entry < 0) {
                return putInDictionary(t, key, keyHash, value, computed);
            }
            ReliedKeys.beforeHashPartWrite(t, key, keyHash); // an overwrite in the hash part: not a field
            t.hash.setPresent(entry, value);
            return false;
        }
        return putAsField(t, fields, key, keyHash, value, computed);
    }

    @TruffleBoundary
    private static boolean putInDictionary(MoatTable t, TruffleString key, int keyHash, Object value,
                                           boolean computed) {
        return putAsField(t, UNCACHED, key, keyHash, value, computed);
    }

    @TruffleBoundary
    private static boolean putAbsentOutOfLine(MoatTable t, TruffleString key, int keyHash, Object value) {
        return putAbsent(t, UNCACHED, key, keyHash, value, false);
    }

    /** A string key's store where it is a field or not yet in the table (the hash part had no live entry). */
    private static boolean putAsField(MoatTable t, DynamicObjectLibrary fields, TruffleString key, int keyHash,
                                      Object value, boolean computed) {
        if (fields.containsKey(t, key)) {
            putExistingField(t, fields, key, keyHash, value);
            return false;
        }
        return putAbsent(t, fields, key, keyHash, value, computed);
    }

    /**
     * Stores into an existing field (its flags, and so the shape, stay), floats as raw bits. Only
     * numbers touch {@link MoatTable#floatFields}: a bit counts only while the field holds a Long, so
     * storing any other value leaves a stale bit that the next number store overwrites.
     */
    private static void putExistingField(MoatTable t, DynamicObjectLibrary fields, TruffleString key, int keyHash,
                                         Object value) {
        ReliedKeys.beforeWrite(t, fields, key, keyHash);
        // The mask is stored only when the field's subtype changes: a field that keeps its subtype (a
        // float updated in a loop) is written without a second store.
        if (value instanceof Double d) {
            fields.put(t, key, Double.doubleToRawLongBits(d));
            long bit = 1L << fields.getPropertyFlagsOrDefault(t, key, 0);
            long mask = t.floatFields;
            if ((mask & bit) == 0) {
                t.floatFields = mask | bit;
            }
        } else {
            fields.put(t, key, value);
            long mask = t.floatFields;
            if (value instanceof Long && mask != 0) { // tables that never held a float skip the flags lookup
                long bit = 1L << fields.getPropertyFlagsOrDefault(t, key, 0);
                if ((mask & bit) != 0) {
                    t.floatFields = mask & ~bit;
                }
            }
        }
    }

    /** Adds field {@code key} as the shape's {@code slot}-th (its property flags; see {@link MoatTable#floatFields}). */
    private static void addField(MoatTable t, DynamicObjectLibrary fields, TruffleString key, int keyHash, int slot,
                                 Object value) {
        ReliedKeys.beforeWrite(t, fields, key, keyHash);
        if (value instanceof Double d) {
            fields.putWithFlags(t, key, Double.doubleToRawLongBits(d), slot);
            t.floatFields |= 1L << slot;
        } else {
            fields.putWithFlags(t, key, value, slot); // a new slot's bit is clear: shapes never lose fields
        }
    }

    /**
     * {@link #putWith} once {@code key} is known not to be a field. Once one string key is in the hash part
     * every new one goes there, so a key is in one part only and each part keeps insertion order.
     */
    private static boolean putAbsent(MoatTable t, DynamicObjectLibrary fields, TruffleString key, int keyHash,
                                     Object value, boolean computed) {
        ReliedKeys.beforeWrite(t, fields, key, keyHash);
        if (value == MoatNil.NIL) {
            if (t.hash != null) {
                t.hash.put(key, null, keyHash);
            }
            return false;
        }
        int count = fields.getShape(t).getPropertyCount();
        if (!t.stringsInHash) {
            boolean dictionary = computed && !t.namedFields;
            if (count < (dictionary ? COMPUTED_KEY_FIELDS : MAX_FIELDS)) {
                if (!computed) {
                    t.namedFields = true;
                }
                addField(t, fields, key, keyHash, count, value);
                return true;
            }
            t.stringsInHash = true;
            if (dictionary) {
                moveFieldsToHash(t);
            }
        }
        return t.hashPart().put(key, value, keyHash);
    }

    /**
     * A table filled only by computed keys becomes a dictionary: its string fields move to the hash part, in
     * the order they were added and before the key that made it one, so every string key is read with one
     * probe and {@code pairs} keeps insertion order. (Adding a key during a traversal is undefined in Lua, and
     * this happens only when a key is added.) Tables whose keys compiled code relies on (modules, the
     * globals) keep their fields: the check that tells the relying code about writes is a flag of the shape.
     */
    @TruffleBoundary
    private static void moveFieldsToHash(MoatTable t) {
        Shape shape = t.getShape();
        if (t.relied != null || t.fieldsFoldable() || shape.getPropertyCount() == 0) {
            return;
        }
        HashPart h = t.hashPart();
        for (Object k : shape.getKeyList()) {
            Object stored = UNCACHED.getOrDefault(t, k, null);
            Object v = stored == null ? null : fieldValue(t, UNCACHED, FieldSubtypeProfile.getUncached(), k, stored);
            if (v != null) {
                h.put(k, v, HashPart.hash(k));
            }
        }
        UNCACHED.resetShape(t, MoatTable.ROOT_SHAPE);
        t.floatFields = 0;
    }
}

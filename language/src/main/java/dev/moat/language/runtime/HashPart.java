package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.strings.TruffleString;

/**
 * The hash part of a table: entries in insertion order (parallel key/value/hash arrays) plus an open
 * addressing index of entry numbers, probed linearly.
 *
 * <p>Iteration ({@code next}) follows the entry order, so it never depends on hash values: {@code pairs}
 * visits keys in the order they were first inserted, identically on every run and machine (SECURITY.md
 * P2), even for keys hashed by identity or by a per-process random seed.
 *
 * <p>That freedom is what makes hash flooding harmless (SECURITY.md P6). Numbers and identities are mixed
 * with a secret per-process key, so a script cannot predict their slots. Strings use their cached
 * TruffleString hash, whose collisions a script can construct ("Aa"/"BB" blocks) and which no later
 * mixing can separate; so when an insertion has to probe past {@link #MAX_PROBES} slots, the table
 * rehashes all its keys with SipHash under the secret key (per table, once), and the flood spreads out.
 *
 * <p>Removing an entry leaves its key in place with a null value (a tombstone), so {@code next} keeps
 * working while a traversal assigns nil to existing fields, exactly as Lua allows. Tombstones are
 * dropped when the entries are compacted on growth. Keys arrive normalised (integral floats as Long).
 */
final class HashPart {
    private static final int MIN_CAPACITY = 4;
    /** Longest probe sequence an insertion accepts before the table falls back to SipHash. */
    private static final int MAX_PROBES = 40;

    private Object[] keys;
    private Object[] values;
    /** The hash of each entry's key, compared before equals() so mismatches never touch string contents. */
    private int[] hashes;
    /**
     * The value of each entry's key where it is an integer, 0 elsewhere; null until the first integer key. An
     * integer lookup ({@link #findLong}) compares these and never loads the boxed key, whose object and class
     * word were most of a probe (a frequency count {@code freq[b] = (freq[b] or 0) + 1} over byte values: two probes
     * an iteration); a table without integer keys answers such a lookup without probing.
     */
    private long[] integerKeys;
    /** Entry number + 1 per slot (0 = empty); twice the entry capacity, so at most half full. */
    private int[] index;
    private int live;
    private int used; // entries appended: live ones plus tombstones
    /**
     * The entry a traversal (next) handed out last. A pairs loop passes that key straight back, so the
     * next step starts after it without finding the key again; any other key is looked up as before.
     */
    private int traversalCursor;
    /** Keys are hashed with SipHash under the secret key instead of {@link #hash} (after a flood). */
    private boolean sipHashed;
    /**
     * No integer key below this one was ever inserted (removals leave it lower than the least live key,
     * which only makes {@link MoatTable}'s array-part check scan where it could have skipped).
     */
    private long leastIntegerKey = Long.MAX_VALUE;
    /**
     * No integer key above this one was ever inserted (Long.MIN_VALUE: none was). MoatTable moves keys past its
     * array part into it only when this is above the array's size: a hash part holding t[0] (0-based arrays),
     * negative keys or keys of other types never has to be probed at each append (blind2 levenshtein's rows probed
     * it for every element they appended).
     */
    private long greatestIntegerKey = Long.MIN_VALUE;

    HashPart() {
        this(MIN_CAPACITY);
    }

    HashPart(int expected) {
        int cap = MIN_CAPACITY;
        while (cap < expected) {
            cap <<= 1;
        }
        allocate(cap);
    }

    private void allocate(int cap) {
        keys = new Object[cap];
        values = new Object[cap];
        hashes = new int[cap];
        index = new int[cap * 2];
    }

    int size() {
        return live;
    }

    int capacity() {
        return keys.length;
    }

    /** The hash of a key in a table that has not fallen back to SipHash (nodes cache it for constant keys). */
    public static int hash(Object key) {
        if (key instanceof Long l) {
            return HashSeed.mix(l);
        } else if (key instanceof TruffleString s) {
            return stringHash(s.hashCode());
        } else if (key instanceof Double d) {
            return HashSeed.mix(Double.doubleToRawLongBits(d));
        } else if (key instanceof Boolean b) {
            return b ? 1 : 2;
        }
        return HashSeed.mix(System.identityHashCode(key));
    }

    /** {@link #hash} of a string, from its TruffleString hash code. */
    static int stringHash(int truffleStringHash) {
        return HashSeed.mix(truffleStringHash);
    }

    /** The hash this table uses for {@code key}, given the generic {@link #hash} a caller may have cached. */
    private int hashIn(Object key, int genericHash) {
        return sipHashed ? sipHash(key) : genericHash;
    }

    @TruffleBoundary
    private static int sipHash(Object key) {
        if (key instanceof TruffleString s) {
            return HashSeed.bytes(MoatStrings.bytesView(s));
        } else if (key instanceof Long l) {
            return HashSeed.value(l);
        } else if (key instanceof Double d) {
            return HashSeed.value(Double.doubleToRawLongBits(d));
        } else if (key instanceof Boolean b) {
            return b ? 1 : 2;
        }
        return HashSeed.value(System.identityHashCode(key));
    }

    /**
     * Key equality, one type at a time: {@code a.equals(b)} on a key typed Object was a virtual call that
     * partial evaluation could not resolve, so every compiled probe called it out of line. Keys arrive
     * normalised (no integral floats, no NaN), so floats compare by value; anything else is equal only
     * to itself.
     */
    static boolean keyEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof TruffleString s) {
            return b instanceof TruffleString t && s.equals(t);
        }
        if (a instanceof Long x) {
            return b instanceof Long y && x.longValue() == y.longValue();
        }
        if (a instanceof Double x) {
            return b instanceof Double y && x.doubleValue() == y.doubleValue();
        }
        if (a instanceof Boolean x) {
            return b instanceof Boolean y && x.booleanValue() == y.booleanValue();
        }
        return false;
    }

    /** Entry number of {@code key} (whose table hash is {@code h}), or -1. */
    private int find(Object key, int h) {
        return find(key, h, null);
    }

    /**
     * {@link #find(Object, int)} whose string keys are compared by a site's cached {@code equality} when it is
     * not null (inline in compiled code, where {@code TruffleString.equals} is a call): a key made at run time
     * meets the equal key stored as another object, so a hit compares contents. The site's node is a constant
     * in compiled code, so only one of the two comparisons is compiled.
     */
    private int find(Object key, int h, TruffleString.EqualNode equality) {
        int[] idx = index;
        int mask = idx.length - 1;
        int i = h & mask;
        while (true) {
            int e = idx[i] - 1;
            if (e < 0) {
                return -1;
            }
            Object k = keys[e];
            if (k == key || (hashes[e] == h && (equality == null ? keyEquals(k, key)
                    : k instanceof TruffleString s && key instanceof TruffleString t && equality.execute(s, t, MoatStrings.ENCODING)))) {
                return e;
            }
            i = (i + 1) & mask;
        }
    }

    /** {@link #get(Object, int)} of a string key through a site's cached comparison (see {@link #find(Object, int, TruffleString.EqualNode)}). */
    Object getString(TruffleString key, int genericHash, TruffleString.EqualNode equality) {
        int e = find(key, hashIn(key, genericHash), equality);
        return e < 0 ? null : values[e];
    }

    /** {@link #findPresent} of a string key through a site's cached comparison (see {@link #find(Object, int, TruffleString.EqualNode)}). */
    int findPresentString(TruffleString key, int genericHash, TruffleString.EqualNode equality) {
        int e = find(key, hashIn(key, genericHash), equality);
        return e >= 0 && values[e] != null ? e : -1;
    }

    private int find(Object key) {
        return find(key, hashIn(key, hash(key)));
    }

    /** Lookup with a precomputed {@link #hash} (constant keys cache it in their node). */
    Object get(Object key, int h) {
        int e = find(key, hashIn(key, h));
        return e < 0 ? null : values[e];
    }

    Object get(Object key) {
        int e = find(key);
        return e < 0 ? null : values[e];
    }

    Object getLong(long key) {
        int e = findLong(key);
        return e < 0 ? null : values[e];
    }

    /** Entry number of integer key {@code key}, or -1: {@link #find} without the generic key comparison. */
    private int findLong(long key) {
        return findLong(key, longHash(key));
    }

    /** The hash this table uses for integer key {@code key}: {@link #hashIn} without the type dispatch. */
    private int longHash(long key) {
        return sipHashed ? sipHash(key) : HashSeed.mix(key);
    }

    private int findLong(long key, int h) {
        long[] ints = integerKeys;
        if (ints == null) {
            return -1;
        }
        int[] idx = index;
        int mask = idx.length - 1;
        int i = h & mask;
        while (true) {
            int e = idx[i] - 1;
            // 0 also stands for "not an integer key": only that key looks at the key itself
            if (e < 0 || ints[e] == key && (key != 0 || keys[e] instanceof Long)) {
                return e;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Overwrites the value of integer key {@code key} if it is present (not a tombstone) with the non-null
     * {@code value}; false if absent, leaving the insertion (out of line) to {@link #put}. Inline, like
     * {@link #getLong}: integer keys outside the array part (a counter table filled from the top, sparse
     * ids) are updated in compiled code without a call.
     */
    boolean replaceLong(long key, Object value) {
        int e = findLong(key);
        if (e < 0 || values[e] == null) {
            return false;
        }
        values[e] = value;
        return true;
    }

    /** What {@link #atHomeSlot} returns when the key is not the first one its probe meets. */
    static final Object PROBE_FURTHER = new Object();

    /**
     * The value of {@code key} (null if removed) if it is the very entry its first probe meets, compared by
     * identity (constant keys are interned, so a key stored from a literal is the same object); else
     * {@link #PROBE_FURTHER}. Small enough to inline where a whole probe loop is not.
     */
    Object atHomeSlot(Object key, int genericHash) {
        if (sipHashed) {
            return PROBE_FURTHER;
        }
        int[] idx = index;
        int e = idx[genericHash & (idx.length - 1)] - 1;
        return e >= 0 && keys[e] == key ? values[e] : PROBE_FURTHER;
    }

    /** Entry number of {@code key} if it is present (not removed), else -1; for {@link #setPresent}. */
    int findPresent(Object key, int genericHash) {
        int e = find(key, hashIn(key, genericHash));
        return e >= 0 && values[e] != null ? e : -1;
    }

    /** Overwrites the value of a present entry found by {@link #findPresent} with a non-null value. */
    void setPresent(int entry, Object value) {
        values[entry] = value;
    }

    /** Sets or (with a null value) removes an entry. Returns true if the key was absent and now is present. */
    boolean put(Object key, Object value) {
        return put(key, value, hash(key));
    }

    boolean put(Object key, Object value, int genericHash) {
        int h = hashIn(key, genericHash);
        int e = find(key, h);
        if (e >= 0) {
            return overwrite(e, value);
        }
        if (value == null) {
            return false;
        }
        insertNew(key, value, h);
        return true;
    }

    /** Sets the value of entry {@code e} (null removes); true if its key was absent and now is present. */
    private boolean overwrite(int e, Object value) {
        Object old = values[e];
        values[e] = value;
        if (old == null && value != null) {
            live++;
        } else if (old != null && value == null) {
            live--;
        }
        return old == null && value != null;
    }

    /** {@link #put} for an integer key: one probe that compares integers, no boxing unless the key is new. */
    boolean putLong(long key, Object value) {
        int h = longHash(key);
        int e = findLong(key, h);
        if (e >= 0) {
            return overwrite(e, value);
        }
        if (value == null) {
            return false;
        }
        insertNew(key, value, h);
        return true;
    }

    /**
     * Appends an entry for an absent key. Out of line: growing, rebuilding the index and the flood check
     * are large, and every compiled table store would otherwise carry them (they made the generic store
     * several times larger than the lookup it starts with and used up Graal's inlining budget). Reads
     * and overwrites of present keys stay inline.
     */
    @TruffleBoundary
    private void insertNew(Object key, Object value, int h) {
        if (used == keys.length) {
            compact(live + 1);
        }
        int entry = used++;
        keys[entry] = key;
        values[entry] = value;
        hashes[entry] = h;
        if (key instanceof Long l) {
            leastIntegerKey = Math.min(leastIntegerKey, l);
            greatestIntegerKey = Math.max(greatestIntegerKey, l);
            if (integerKeys == null) {
                integerKeys = new long[keys.length];
            }
            integerKeys[entry] = l;
        }
        live++;
        if (insertIndex(entry, h) > MAX_PROBES && !sipHashed) {
            switchToSipHash();
        }
    }

    /** Puts entry {@code e} into the index; returns the number of slots probed. */
    private int insertIndex(int e, int h) {
        int[] idx = index;
        int mask = idx.length - 1;
        int i = h & mask;
        int probes = 1;
        while (idx[i] != 0) {
            i = (i + 1) & mask;
            probes++;
        }
        idx[i] = e + 1;
        return probes;
    }

    /** A flood of colliding hashes: rehash every key with SipHash under the secret key, rebuild the index. */
    @TruffleBoundary
    private void switchToSipHash() {
        sipHashed = true;
        for (int e = 0; e < used; e++) {
            hashes[e] = sipHash(keys[e]);
        }
        rebuildIndex();
    }

    private void rebuildIndex() {
        java.util.Arrays.fill(index, 0);
        for (int e = 0; e < used; e++) {
            insertIndex(e, hashes[e]);
        }
    }

    /** Drops tombstones (keeping entry order) and grows so that {@code needed} entries fit with room to spare. */
    private void compact(int needed) {
        int cap = MIN_CAPACITY;
        while (cap < needed + (needed >> 1)) {
            cap <<= 1;
        }
        Object[] oldKeys = keys;
        Object[] oldValues = values;
        int[] oldHashes = hashes;
        long[] oldIntegerKeys = integerKeys;
        int oldUsed = used;
        allocate(cap);
        integerKeys = oldIntegerKeys == null ? null : new long[cap];
        used = 0;
        live = 0;
        for (int e = 0; e < oldUsed; e++) {
            if (oldValues[e] != null) {
                keys[used] = oldKeys[e];
                values[used] = oldValues[e];
                hashes[used] = oldHashes[e];
                if (oldIntegerKeys != null) {
                    integerKeys[used] = oldIntegerKeys[e];
                }
                used++;
                live++;
            }
        }
        rebuildIndex();
    }

    /** A lower bound of the integer keys present (Long.MAX_VALUE if there never were any). */
    long leastIntegerKey() {
        return leastIntegerKey;
    }

    /** An upper bound of the integer keys present (Long.MIN_VALUE if there never were any). */
    long greatestIntegerKey() {
        return greatestIntegerKey;
    }

    /** True if inserting a new key would make the entries grow (or drop their tombstones) first. */
    boolean isFull() {
        return used == keys.length;
    }

    /**
     * The live integer keys above {@code floor}, in entry order, in {@code out} (at least {@link #size}
     * long); returns how many there are.
     */
    int integerKeysAbove(long floor, long[] out) {
        int n = 0;
        for (int e = 0; e < used; e++) {
            if (values[e] != null && keys[e] instanceof Long l && l > floor) {
                out[n++] = l;
            }
        }
        return n;
    }

    /**
     * Removes the live integer keys in {@code (floor, ceiling]}, storing each value at {@code elements[key - 1]}:
     * one pass over the entries, without probing (their slots in the index become tombstones' slots).
     */
    void moveIntegerKeys(long floor, long ceiling, Object[] elements) {
        for (int e = 0; e < used; e++) {
            if (values[e] != null && keys[e] instanceof Long l && l > floor && l <= ceiling) {
                elements[(int) (l - 1)] = values[e];
                values[e] = null;
                live--;
            }
        }
    }

    /** Entry position to continue a traversal after {@code key}; -2 if the key is not present. */
    int slotAfter(Object key) {
        int e = find(key);
        return e < 0 ? -2 : e + 1;
    }

    /** The position after the entry next() handed out last if {@code key} is its key (no hashing, no probing), else -1. */
    int slotAfterCursor(Object key) {
        int c = traversalCursor;
        return c < used && keyEquals(keys[c], key) ? c + 1 : -1;
    }

    /** First live entry at or after position {@code from}, or -1. */
    int nextLive(int from) {
        for (int e = from; e < used; e++) {
            if (values[e] != null) {
                traversalCursor = e;
                return e;
            }
        }
        return -1;
    }

    Object keyAt(int slot) {
        return keys[slot];
    }

    Object valueAt(int slot) {
        return values[slot];
    }
}

package dev.moat.language.runtime;

import com.oracle.truffle.api.strings.TruffleString;

/**
 * The hash part of a table: open addressing with linear probing over parallel key/value arrays.
 *
 * <p>Removing an entry leaves its key in place with a null value (a tombstone), so {@code next} keeps
 * working while a traversal assigns nil to existing fields, exactly as Lua allows. Tombstones are
 * dropped when the part is rebuilt on growth. Keys arrive normalised (integral floats as Long).
 */
final class HashPart {
    private static final int MIN_CAPACITY = 4;

    private Object[] keys;
    private Object[] values;
    /** The mixed hash of each key, compared before equals() so mismatches never touch string contents. */
    private int[] hashes;
    private int live;
    private int used; // live entries plus tombstones

    HashPart() {
        keys = new Object[MIN_CAPACITY];
        values = new Object[MIN_CAPACITY];
        hashes = new int[MIN_CAPACITY];
    }

    HashPart(int expected) {
        int cap = MIN_CAPACITY;
        while (cap * 3 / 4 < expected) {
            cap <<= 1;
        }
        keys = new Object[cap];
        values = new Object[cap];
        hashes = new int[cap];
    }

    int size() {
        return live;
    }

    int capacity() {
        return keys.length;
    }

    public static int hash(Object key) {
        int h;
        if (key instanceof Long l) {
            long v = l;
            v *= 0x9E3779B97F4A7C15L;
            h = (int) (v ^ (v >>> 32));
        } else if (key instanceof TruffleString || key instanceof Double || key instanceof Boolean) {
            h = key.hashCode();
            h ^= (h >>> 16);
            h *= 0x85EBCA6B;
        } else {
            h = System.identityHashCode(key);
        }
        return h ^ (h >>> 15);
    }

    static boolean keyEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Long || a instanceof TruffleString || a instanceof Double || a instanceof Boolean) {
            return a.equals(b);
        }
        return false;
    }

    private int find(Object key) {
        return find(key, hash(key));
    }

    private int find(Object key, int h) {
        Object[] ks = keys;
        int[] hs = hashes;
        int mask = ks.length - 1;
        int i = h & mask;
        while (true) {
            Object k = ks[i];
            if (k == null) {
                return -1;
            }
            if (k == key || (hs[i] == h && keyEquals(k, key))) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /** Lookup with a precomputed {@link #hash} (constant keys cache it in their node). */
    Object get(Object key, int h) {
        int i = find(key, h);
        return i < 0 ? null : values[i];
    }

    Object get(Object key) {
        int i = find(key);
        return i < 0 ? null : values[i];
    }

    Object getLong(long key) {
        Object[] ks = keys;
        int mask = ks.length - 1;
        long v = key * 0x9E3779B97F4A7C15L;
        int h = (int) (v ^ (v >>> 32));
        int i = (h ^ (h >>> 15)) & mask;
        while (true) {
            Object k = ks[i];
            if (k == null) {
                return null;
            }
            if (k instanceof Long l && l == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
    }

    /** Sets or (with a null value) removes an entry. Returns true if the key was absent and now is present. */
    boolean put(Object key, Object value) {
        return put(key, value, hash(key));
    }

    boolean put(Object key, Object value, int h) {
        int i = find(key, h);
        if (i >= 0) {
            Object old = values[i];
            values[i] = value;
            if (old == null && value != null) {
                live++;
            } else if (old != null && value == null) {
                live--;
            }
            return old == null && value != null;
        }
        if (value == null) {
            return false;
        }
        if ((used + 1) * 4 > keys.length * 3) {
            rebuild(live + 1);
        }
        int mask = keys.length - 1;
        int j = h & mask;
        while (keys[j] != null) {
            j = (j + 1) & mask;
        }
        keys[j] = key;
        values[j] = value;
        hashes[j] = h;
        live++;
        used++;
        return true;
    }

    private void rebuild(int needed) {
        int cap = MIN_CAPACITY;
        while (cap * 3 / 4 <= needed) {
            cap <<= 1;
        }
        Object[] oldKeys = keys;
        Object[] oldValues = values;
        int[] oldHashes = hashes;
        keys = new Object[cap];
        values = new Object[cap];
        hashes = new int[cap];
        used = 0;
        live = 0;
        int mask = cap - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null && oldValues[i] != null) {
                int j = oldHashes[i] & mask;
                while (keys[j] != null) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
                hashes[j] = oldHashes[i];
                live++;
                used++;
            }
        }
    }

    /** Slot index to continue a traversal after {@code key}; -2 if the key is not present. */
    int slotAfter(Object key) {
        int i = find(key);
        return i < 0 ? -2 : i + 1;
    }

    /** First live slot at or after {@code from}, or -1. */
    int nextLive(int from) {
        for (int i = from; i < keys.length; i++) {
            if (keys[i] != null && values[i] != null) {
                return i;
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

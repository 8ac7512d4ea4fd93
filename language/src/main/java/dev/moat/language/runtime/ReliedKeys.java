package dev.moat.language.runtime;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.Truffle;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of one table that compiled code relies on, each with an assumption that holds until that key
 * is written (or, for {@link #METATABLE}, until the table's metatable is set). A method lookup through a
 * class's {@code __index} chain folds to a constant on these (see nodes.table.FieldLookupNode): it relies
 * on the metatable's {@code __index}, on each class in between not having the key and keeping its
 * metatable, and on the key's value where it was found. Almost every table never has one.
 */
final class ReliedKeys {
    /** Stands for the table's metatable among its keys (no Lua value is this object). */
    static final Object METATABLE = new Object();

    private final ConcurrentHashMap<Object, Assumption> keys = new ConcurrentHashMap<>();
    /**
     * Keys written after something relied on them: they change, so nothing relies on them again (an
     * always invalid assumption), and a global counter or a reassigned method costs one invalidation only.
     */
    private final java.util.Set<Object> changing = ConcurrentHashMap.newKeySet();

    /**
     * The hashes of the string keys relied on now, for the inline test of each write (MoatTable.changing):
     * a write whose key hash is not here cannot be to a relied-on key. Replaced, never mutated.
     */
    private int[] hashes = new int[0];
    private boolean metatableRelied;

    Assumption relyOn(Object key, int keyHash) {
        if (changing.contains(key)) {
            return Assumption.NEVER_VALID;
        }
        Assumption a = keys.get(key);
        if (a == null) {
            a = Truffle.getRuntime().createAssumption("table key unchanged");
            keys.put(key, a);
            int[] more = java.util.Arrays.copyOf(hashes, hashes.length + 1);
            more[hashes.length] = keyHash;
            hashes = more;
        }
        return a;
    }

    Assumption relyOnMetatable() {
        if (changing.contains(METATABLE)) {
            return Assumption.NEVER_VALID;
        }
        metatableRelied = true;
        return keys.computeIfAbsent(METATABLE, k -> Truffle.getRuntime().createAssumption("table metatable unchanged"));
    }

    /** Whether a key with this hash may be relied on (a hash collision only costs one more look). */
    boolean mayRelyOn(int keyHash) {
        for (int h : hashes) {
            if (h == keyHash) {
                return true;
            }
        }
        return false;
    }

    boolean reliesOnMetatable() {
        return metatableRelied;
    }

    /** Interpreter only (after a deoptimisation): invalidates what relied on {@code key}, and never relies on it again. */
    void changed(Object key) {
        Assumption a = keys.remove(key);
        if (a != null) {
            changing.add(key);
            a.invalidate();
            if (key == METATABLE) {
                metatableRelied = false;
            } else {
                rebuildHashes();
            }
        }
    }

    private void rebuildHashes() {
        int[] now = new int[keys.size()];
        int n = 0;
        for (Object k : keys.keySet()) {
            if (k != METATABLE) {
                now[n++] = HashPart.hash(k);
            }
        }
        hashes = java.util.Arrays.copyOf(now, n);
    }
}

package dev.moat.language.runtime;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.object.DynamicObjectLibrary;
import com.oracle.truffle.api.strings.TruffleString;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of one table that compiled code relies on, each with an assumption that holds until that key
 * is written (or, for {@link #METATABLE}, until the table's metatable is set). A method lookup through a
 * class's {@code __index} chain folds to a constant on these (see nodes.table.FieldLookupNode): it relies
 * on the metatable's {@code __index}, on each class in between not having the key and keeping its
 * metatable, and on the key's value where it was found. Almost every table never has one.
 */
public final class ReliedKeys {
    /** Shape flag of a table some key of which compiled code relies on (see {@link #beforeWrite}). */
    private static final int RELIED_SHAPE_FLAG = 1;
    private static final DynamicObjectLibrary UNCACHED = DynamicObjectLibrary.getUncached();

    /**
     * An assumption that holds until string key {@code key} of {@code table} is written (any write, even of
     * the same value; a removal too). For compiled lookups that fold to constants.
     */
    @TruffleBoundary
    public static Assumption relyOnKey(MoatTable table, TruffleString key) {
        return of(table).relyOn(key, MoatTable.keyHash(key));
    }

    /** An assumption that holds until {@code table}'s metatable is set. */
    @TruffleBoundary
    public static Assumption relyOnMetatable(MoatTable table) {
        return of(table).relyOnMetatable();
    }

    private static ReliedKeys of(MoatTable table) {
        ReliedKeys r = table.relied;
        if (r == null) {
            r = new ReliedKeys();
            table.relied = r;
            UNCACHED.setShapeFlags(table, UNCACHED.getShapeFlags(table) | RELIED_SHAPE_FLAG);
        }
        return r;
    }

    /**
     * Called before every write of a string key. A table some key of which is relied on carries
     * {@link #RELIED_SHAPE_FLAG} in its shape, so for every other table the test folds away in compiled
     * code (the write's library has just checked the shape); even a load and a branch per write cost
     * n-body's field updates 20 %. The path that tells the relying code ends compiled code (a
     * deoptimisation, not an invalidation): a call there would make Graal assume that every field changed
     * after each such write. It is taken once per relied-on key, which is not relied on again once written.
     */
    static void beforeWrite(MoatTable table, DynamicObjectLibrary fields, TruffleString key, int keyHash) {
        if ((fields.getShapeFlags(table) & RELIED_SHAPE_FLAG) != 0) {
            ReliedKeys r = table.relied;
            if (r != null && r.mayRelyOn(keyHash)) {
                CompilerDirectives.transferToInterpreter();
                r.changed(key);
            }
        }
    }

    /**
     * {@link #beforeWrite} for an overwrite in a dictionary's hash part, which reads no field and so has not
     * checked the table's shape: the relied-on keys' record is tested directly. A dictionary filled by one
     * site goes through a shape per field it had before it became one, more than a site's library caches,
     * and asking an uncached library for the shape flags on every overwrite cost a counting loop (
     * {@code counts[w] = counts[w] + 1}) a hash-map lookup per store.
     */
    static void beforeHashPartWrite(MoatTable table, TruffleString key, int keyHash) {
        ReliedKeys r = table.relied;
        if (r != null && r.mayRelyOn(keyHash)) {
            CompilerDirectives.transferToInterpreter();
            r.changed(key);
        }
    }

    /** Called before a table's metatable is set; as {@link #beforeWrite}. */
    static void beforeMetatableWrite(MoatTable table) {
        ReliedKeys r = table.relied;
        if (r != null && r.reliesOnMetatable()) {
            CompilerDirectives.transferToInterpreter();
            r.changed(METATABLE);
        }
    }

    /** Stands for the table's metatable among its keys (no Lua value is this object). */
    static final Object METATABLE = new Object();

    private final ConcurrentHashMap<Object, Assumption> keys = new ConcurrentHashMap<>();
    /**
     * Keys written after something relied on them: they change, so nothing relies on them again (an
     * always invalid assumption), and a global counter or a reassigned method costs one invalidation only.
     */
    private final java.util.Set<Object> changing = ConcurrentHashMap.newKeySet();

    /**
     * The hashes of the string keys relied on now, for the inline test of each write ({@link #beforeWrite}):
     * a write whose key hash is not here cannot be to a relied-on key. Replaced, never mutated.
     */
    private int[] hashes = new int[0];
    private boolean metatableRelied;

    private Assumption relyOn(Object key, int keyHash) {
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

    private Assumption relyOnMetatable() {
        if (changing.contains(METATABLE)) {
            return Assumption.NEVER_VALID;
        }
        metatableRelied = true;
        return keys.computeIfAbsent(METATABLE, k -> Truffle.getRuntime().createAssumption("table metatable unchanged"));
    }

    /** Whether a key with this hash may be relied on (a hash collision only costs one more look). */
    private boolean mayRelyOn(int keyHash) {
        for (int h : hashes) {
            if (h == keyHash) {
                return true;
            }
        }
        return false;
    }

    private boolean reliesOnMetatable() {
        return metatableRelied;
    }

    /** Interpreter only (after a deoptimisation): invalidates what relied on {@code key}, and never relies on it again. */
    private void changed(Object key) {
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

package dev.moat.language.host;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

import java.util.IdentityHashMap;

/**
 * Copies guest values for the host: numbers, booleans and nil as Java values, strings as Java strings,
 * tables as an inert {@link CopiedTable} snapshot (raw access only, so no guest code runs while
 * copying — SECURITY.md A4). Functions never cross. Cycles and nesting deeper than {@link #MAX_DEPTH}
 * are errors; every copied entry is charged to the memory budget.
 */
public final class GuestToHost {
    public static final int MAX_DEPTH = 100;
    public static final int MAX_ENTRIES = 1_000_000;

    private GuestToHost() {
    }

    @TruffleBoundary
    public static Object copy(Object v, Node site) {
        return copy(v, site, new IdentityHashMap<>(), 0, new int[1]);
    }

    private static Object copy(Object v, Node site, IdentityHashMap<MoatTable, Boolean> active, int depth, int[] count) {
        if (v == MoatNil.NIL) {
            return null;
        }
        if (v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return v;
        }
        if (v instanceof TruffleString s) {
            return MoatStrings.toJava(s);
        }
        if (v instanceof MoatTable t) {
            if (depth >= MAX_DEPTH) {
                throw MoatError.at(site, "table nested too deeply to pass to the host");
            }
            if (active.containsKey(t)) {
                throw MoatError.at(site, "cannot pass a table with cycles to the host");
            }
            active.put(t, Boolean.TRUE);
            CopiedTable copy = new CopiedTable();
            Object key = MoatNil.NIL;
            while (true) {
                Object[] entry = t.next(key);
                if (entry == null) {
                    break;
                }
                if (++count[0] > MAX_ENTRIES) {
                    throw MoatError.at(site, "table too large to pass to the host");
                }
                MoatContext.get(site).budget.allocate(32, site);
                Object k = entry[0];
                Object hostKey = k instanceof TruffleString ks ? MoatStrings.toJava(ks) : k;
                if (!(hostKey instanceof String || hostKey instanceof Long || hostKey instanceof Double || hostKey instanceof Boolean)) {
                    throw MoatError.at(site, "cannot pass a table with " + dev.moat.language.runtime.LuaValues.typeName(k) + " keys to the host");
                }
                copy.put(hostKey, copy(entry[1], site, active, depth + 1, count));
                key = k;
            }
            active.remove(t);
            return copy;
        }
        if (v instanceof MoatFunction) {
            throw MoatError.at(site, "cannot pass a function to the host");
        }
        throw MoatError.at(site, "cannot pass a " + dev.moat.language.runtime.LuaValues.typeName(v) + " value to the host");
    }
}

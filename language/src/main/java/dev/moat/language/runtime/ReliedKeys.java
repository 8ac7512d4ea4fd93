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

    Assumption relyOn(Object key) {
        return keys.computeIfAbsent(key, k -> Truffle.getRuntime().createAssumption("table key unchanged"));
    }

    void changed(Object key) {
        Assumption a = keys.remove(key);
        if (a != null) {
            a.invalidate();
        }
    }
}

package dev.moat.language.nodes.table;

import com.oracle.truffle.api.Assumption;
import dev.moat.language.runtime.MoatTable;

/**
 * A value read from one table and folded into compiled code as a constant (a module's field, a metatable's
 * handler): valid while the key it was read under is unchanged (ReliedKeys) and the engine serves one context.
 */
final class FoldedValue {
    final MoatTable table;
    final Object value;
    final Assumption keyUnchanged;
    final Assumption singleContext;

    FoldedValue(MoatTable table, Object value, Assumption keyUnchanged, Assumption singleContext) {
        this.table = table;
        this.value = value;
        this.keyUnchanged = keyUnchanged;
        this.singleContext = singleContext;
    }

    boolean valid() {
        return keyUnchanged.isValid() && singleContext.isValid();
    }
}

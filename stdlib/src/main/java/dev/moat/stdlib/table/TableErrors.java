package dev.moat.stdlib.table;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

/**
 * The two kinds of errors a Lua library function raises. {@code luaL_error} ("invalid order function for
 * sorting") is prefixed with the position of the Lua code that called the function; a runtime error of
 * the core ("attempt to compare two table values") raised while the C function runs has no position.
 */
final class TableErrors {
    private TableErrors() {
    }

    /** An error as luaG_runerror raises it inside a C function: no position. */
    @TruffleBoundary
    static MoatError runtime(Node site, String message) {
        return MoatError.plain(message, site);
    }

    /** An error as luaL_error raises it: prefixed with the calling Lua code's position, if any. */
    @TruffleBoundary
    static MoatError withPosition(Node site, String message) {
        return MoatError.at(site, message);
    }

    /** Lua's luaT_objtypename: a table's metatable may name its type with a string {@code __name}. */
    @TruffleBoundary
    static String typeName(Object v) {
        if (v instanceof MoatTable t && t.getMetatable() != null && t.getMetatable().get(Metatables.NAME) instanceof TruffleString name) {
            return MoatStrings.toJava(name);
        }
        return LuaValues.typeName(v);
    }

    /** Lua's luaG_ordererror. */
    @TruffleBoundary
    static MoatError compare(Node site, Object a, Object b) {
        String t1 = typeName(a);
        String t2 = typeName(b);
        if (t1.equals(t2)) {
            return runtime(site, "attempt to compare two " + t1 + " values");
        }
        return runtime(site, "attempt to compare " + t1 + " with " + t2);
    }
}

package dev.moat.stdlib.table;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.MoatError;

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

    /** Lua's luaG_ordererror. */
    @TruffleBoundary
    static MoatError compare(Node site, Object a, Object b) {
        String t1 = LuaValues.objTypeName(a);
        String t2 = LuaValues.objTypeName(b);
        if (t1.equals(t2)) {
            return runtime(site, "attempt to compare two " + t1 + " values");
        }
        return runtime(site, "attempt to compare " + t1 + " with " + t2);
    }
}

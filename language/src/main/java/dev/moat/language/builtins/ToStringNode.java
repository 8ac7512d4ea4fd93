package dev.moat.language.builtins;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.MultiValue;
import dev.moat.language.runtime.ObjectIds;

/**
 * luaL_tolstring: the string form used by tostring, print and %s — {@code __tostring} first, then
 * {@code __name}, then the raw form with an opaque identity for tables and functions.
 */
public final class ToStringNode extends Node {
    private static final TruffleString TRUE = MoatStrings.fromJava("true");
    private static final TruffleString FALSE = MoatStrings.fromJava("false");
    private static final TruffleString NIL = MoatStrings.fromJava("nil");

    @Child private InvokeNode invoke;

    public static ToStringNode create() {
        return new ToStringNode();
    }

    public TruffleString execute(Object v) {
        if (v instanceof TruffleString s) {
            return s;
        }
        if (v instanceof Long || v instanceof Double) {
            return LuaValues.numberToString(v);
        }
        if (v == MoatNil.NIL) {
            return NIL;
        }
        if (v instanceof Boolean b) {
            return b ? TRUE : FALSE;
        }
        return withMetatable(v);
    }

    private TruffleString withMetatable(Object v) {
        MoatTable mt = v instanceof MoatTable t ? t.getMetatable() : null;
        if (mt != null) {
            Object handler = mt.get(Metatables.TOSTRING);
            if (handler != null && handler != MoatNil.NIL) {
                if (invoke == null) {
                    CompilerDirectives.transferToInterpreterAndInvalidate();
                    invoke = insert(InvokeNode.create());
                }
                Object result = MultiValue.first(invoke.callFromBuiltin(handler, v));
                if (result instanceof TruffleString s) {
                    return s;
                }
                if (result instanceof Long || result instanceof Double) {
                    return LuaValues.numberToString(result);
                }
                throw MoatError.at(this, "'__tostring' must return a string");
            }
            Object name = mt.get(Metatables.NAME);
            if (name instanceof TruffleString s) {
                return described(MoatStrings.toJava(s), v);
            }
        }
        return described(LuaValues.typeName(v), v);
    }

    @TruffleBoundary
    private static TruffleString described(String prefix, Object v) {
        return MoatStrings.fromJava(prefix + ": " + ObjectIds.of(v));
    }
}

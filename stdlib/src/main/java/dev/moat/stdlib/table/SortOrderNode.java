package dev.moat.stdlib.table;

import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.ImportStatic;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.nodes.expression.StringOrderNode;
import dev.moat.language.nodes.table.MetamethodLookupNode;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MultiValue;

/**
 * The order table.sort uses: the comparator's truthiness when one is given, otherwise Lua's {@code <}
 * (numbers across subtypes, strings bytewise, then {@code __lt} of the first operand, then of the second).
 * A failed comparison has no position, as in Lua, where lua_lessthan fails inside the C function.
 *
 * <p>Specialised on the operand types met so far: the quicksort has seven comparison sites, and with
 * every case written out at each of them a compiled sort of integers carried the string comparison
 * and the metamethod call seven times over.
 */
@ImportStatic(Metatables.class)
abstract class SortOrderNode extends Node {
    static SortOrderNode create() {
        return SortOrderNodeGen.create();
    }

    /** True when {@code a} sorts before {@code b}; {@code comparator} is nil or a function. */
    final boolean less(Object a, Object b, Object comparator) {
        return execute(a, b, comparator);
    }

    abstract boolean execute(Object a, Object b, Object comparator);

    @Specialization
    static boolean byComparator(Object a, Object b, MoatFunction comparator, @Cached("create()") InvokeNode invoke) {
        return LuaValues.isTruthy(MultiValue.first(invoke.callFromBuiltin(comparator, a, b)));
    }

    @Specialization
    static boolean integers(long a, long b, MoatNil comparator) {
        return a < b;
    }

    @Specialization
    static boolean floats(double a, double b, MoatNil comparator) {
        return a < b;
    }

    @Specialization
    static boolean integerFloat(long a, double b, MoatNil comparator) {
        return LuaArith.lt(a, b);
    }

    @Specialization
    static boolean floatInteger(double a, long b, MoatNil comparator) {
        return LuaArith.lt(a, b);
    }

    @Specialization
    static boolean strings(TruffleString a, TruffleString b, MoatNil comparator,
                    @Cached("create()") StringOrderNode order) {
        return order.execute(a, b) < 0;
    }

    /** Anything else compares through {@code __lt}, or fails as Lua's lua_lessthan does. */
    @Fallback
    boolean byMetamethod(Object a, Object b, Object comparator,
                    @Cached("create(LT)") MetamethodLookupNode lt,
                    @Cached("create()") InvokeNode invoke) {
        Object handler = lt.findEither(MoatContext.get(this), a, b);
        if (handler == null) {
            throw TableErrors.compare(this, a, b);
        }
        return LuaValues.isTruthy(MultiValue.first(invoke.callFromBuiltin(handler, a, b)));
    }
}

package dev.moat.stdlib.table;

import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.BranchProfile;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.nodes.table.MetamethodLookupNode;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MultiValue;

/**
 * The order table.sort uses: the comparator's truthiness when one is given, otherwise Lua's {@code <}
 * (numbers across subtypes, strings bytewise, then {@code __lt} of the first operand, then of the second).
 * A failed comparison has no position, as in Lua, where lua_lessthan fails inside the C function.
 */
final class SortOrderNode extends Node {
    @Child private InvokeNode invoke = InvokeNode.create();
    @Child private TruffleString.CompareBytesNode compareBytes = TruffleString.CompareBytesNode.create();
    @Child private MetamethodLookupNode lt = MetamethodLookupNode.create(Metatables.LT);
    private final BranchProfile metamethodPath = BranchProfile.create();

    static SortOrderNode create() {
        return new SortOrderNode();
    }

    /** True when {@code a} sorts before {@code b}; {@code comparator} is nil or a function. */
    boolean less(Object a, Object b, Object comparator) {
        if (comparator != MoatNil.NIL) {
            return LuaValues.isTruthy(MultiValue.first(invoke.callWith(comparator, a, b)));
        }
        if (a instanceof Long x && b instanceof Long y) {
            return x < y;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x < y;
        }
        if (a instanceof Long x && b instanceof Double y) {
            return LuaArith.lt(x, y);
        }
        if (a instanceof Double x && b instanceof Long y) {
            return LuaArith.lt(x, y);
        }
        if (a instanceof TruffleString x && b instanceof TruffleString y) {
            return compareBytes.execute(x, y, MoatStrings.ENCODING) < 0;
        }
        metamethodPath.enter();
        Object handler = lt.findEither(MoatContext.get(this), a, b);
        if (handler == null) {
            throw TableErrors.compare(this, a, b);
        }
        return LuaValues.isTruthy(MultiValue.first(invoke.callWith(handler, a, b)));
    }
}

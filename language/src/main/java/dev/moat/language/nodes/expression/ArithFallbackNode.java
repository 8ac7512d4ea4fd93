package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.nodes.table.MetamethodLookupNode;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatStrings;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.runtime.MultiValue;

/**
 * The slow path of every arithmetic and bitwise operator: string coercion, metamethods
 * ({@code __add}, ... tried on the first operand, then the second) and Lua's error messages.
 */
public final class ArithFallbackNode extends Node {
    @Child private InvokeNode invoke;
    @Child private MetamethodLookupNode metamethods;
    /**
     * Whether this site has computed on two numbers here (strings coerced, bitwise operations on floats,
     * the DSL's leftovers such as an integer division by zero). Until it has, compiled code leaves that
     * path out: a site that only ever calls metamethods on tables (a vector class's {@code a + b}) would
     * otherwise carry the coercions, both subtypes' conversions and the boxing of the result, about a
     * hundred Graal nodes that count against the inlining budget of every caller, for values the
     * operator's own specializations already take.
     */
    @CompilationFinal private boolean computedOnNumbers;

    public Object execute(VirtualFrame frame, ArithOp op, Object a, Object b, Node site, String descA, String descB) {
        // Lua 5.4 coerces strings in arithmetic (through the string metatable) but not in bitwise operations.
        Object na = op.bitwise ? numberOnly(a) : LuaArith.toNumber(a);
        Object nb = op.bitwise ? numberOnly(b) : LuaArith.toNumber(b);
        if (na != null && nb != null) {
            if (!computedOnNumbers) {
                CompilerDirectives.transferToInterpreterAndInvalidate();
                computedOnNumbers = true;
            }
            if (op.bitwise) {
                Long ia = LuaArith.toInteger(na);
                Long ib = LuaArith.toInteger(nb);
                if (ia != null && ib != null) {
                    return op.onLongs(ia, ib);
                }
            } else if (a instanceof TruffleString || b instanceof TruffleString) {
                // Lua does string arithmetic in the string library's metamethods (C code), so its
                // errors carry no "chunk:line:" position.
                if ((op == ArithOp.IDIV || op == ArithOp.MOD) && na instanceof Long && nb instanceof Long l && l == 0) {
                    throw new MoatError(MoatStrings.fromJava(op == ArithOp.IDIV ? "attempt to divide by zero"
                            : "attempt to perform 'n%0'"), site);
                }
                return compute(op, na, nb, site);
            } else {
                return compute(op, na, nb, site);
            }
        }
        MoatContext context = MoatContext.get(this);
        MetamethodLookupNode lookup = metamethods;
        if (lookup == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            lookup = metamethods = insert(MetamethodLookupNode.create(op.event)); // a site has one operator
        }
        Object handler = lookup.findEither(context, a, b);
        if (handler != null) {
            if (invoke == null) {
                CompilerDirectives.transferToInterpreterAndInvalidate();
                invoke = insert(InvokeNode.create());
            }
            return MultiValue.first(invoke.callWith(frame, handler, a, b, op.handlerDescription));
        }
        if (!op.bitwise && (a instanceof TruffleString || b instanceof TruffleString)) {
            // What the string metatable's arithmetic metamethods report for a non-numeric string.
            throw stringArithError(op, a, b, site);
        }
        throw error(op, a, b, na, nb, site, descA, descB);
    }

    @TruffleBoundary
    private static MoatError stringArithError(ArithOp op, Object a, Object b, Node site) {
        String name = MoatStrings.toJava(op.event).substring(2);
        return MoatError.at(site, "attempt to " + name + " a '" + LuaValues.typeName(a) + "' with a '" + LuaValues.typeName(b) + "'");
    }

    private static Object numberOnly(Object v) {
        return v instanceof Long || v instanceof Double ? v : null;
    }

    /** Arithmetic on two numbers (Long/Double) with Lua's integer/float rules. */
    public static Object compute(ArithOp op, Object na, Object nb, Node site) {
        if (na instanceof Long x && nb instanceof Long y && op.integerResult()) {
            if ((op == ArithOp.IDIV || op == ArithOp.MOD) && y == 0) {
                throw divideByZero(op, site);
            }
            return op.onLongs(x, y);
        }
        return op.onDoubles(toDouble(na), toDouble(nb));
    }

    private static double toDouble(Object n) {
        return n instanceof Long l ? (double) l : (Double) n;
    }

    @TruffleBoundary
    public static MoatError divideByZero(ArithOp op, Node site) {
        return MoatError.at(site, op == ArithOp.IDIV ? "attempt to divide by zero" : "attempt to perform 'n%0'");
    }

    @TruffleBoundary
    private static MoatError error(ArithOp op, Object a, Object b, Object na, Object nb, Node site,
                                   String descA, String descB) {
        if (op.bitwise && na != null && nb != null) {
            // As luaG_tointerror: the first operand is named when it has no integer value, else the second.
            String named = LuaArith.toInteger(na) == null ? descA : descB;
            return MoatError.at(site, "number" + (named == null ? "" : " (" + named + ")") + " has no integer representation");
        }
        boolean blameFirst = na == null;
        Object bad = blameFirst ? a : b;
        String desc = blameFirst ? descA : descB;
        if (op.bitwise && bad instanceof Double) {
            return MoatError.at(site, "number has no integer representation");
        }
        String what = op.bitwise ? "perform bitwise operation on" : "perform arithmetic on";
        if (bad instanceof com.oracle.truffle.api.strings.TruffleString && op.bitwise) {
            what = "perform bitwise operation on";
        }
        return MoatError.at(site, "attempt to " + what + " a " + LuaValues.objTypeName(bad) + " value"
                + (desc == null ? "" : " (" + desc + ")"));
    }
}

package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.nodes.table.MetamethodLookupNode;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MultiValue;

/**
 * {@code < <= > >=}. {@code a > b} is evaluated left to right and then computed as {@code b < a}
 * ({@code swapped}), as Lua does. Numbers compare exactly across subtypes, strings bytewise; other
 * operands use {@code __lt}/{@code __le} or fail with "attempt to compare ...". Without {@code __le},
 * {@code a <= b} is {@code not (b < a)} through {@code __lt}, as in lua5.4's reference build
 * (LUA_COMPAT_LT_LE, part of the LUA_COMPAT_5_3 that Lua's makefile and Debian's package define).
 */
public abstract class CompareNode extends BinaryNode {
    protected final boolean orEqual;
    protected final boolean swapped;

    protected CompareNode(boolean orEqual, boolean swapped) {
        this.orEqual = orEqual;
        this.swapped = swapped;
    }

    /**
     * Records the operands' subtypes; once an operand has had both (and can hand them over unboxed), the site
     * becomes a {@link TaggedCompareNode}, which takes that operand unboxed (the specializations run first in
     * the interpreter). A node without operand nodes (the tagged node's own fallback) stays as it is.
     */
    private void noteSubtypes(boolean leftFloat, boolean rightFloat) {
        if (operandsWantTagging(leftFloat, rightFloat)) {
            replaceWithTagged(TaggedCompareNode.order(orEqual, swapped, getLeft(), getRight(),
                    withoutOperands(CompareNodeGen.create(orEqual, swapped, null, null))));
        }
    }

    @Specialization
    protected boolean doLong(long a, long b) {
        noteSubtypes(false, false);
        long x = swapped ? b : a;
        long y = swapped ? a : b;
        return orEqual ? x <= y : x < y;
    }

    @Specialization
    protected boolean doDouble(double a, double b) {
        noteSubtypes(true, true);
        double x = swapped ? b : a;
        double y = swapped ? a : b;
        return orEqual ? x <= y : x < y;
    }

    @Specialization
    protected boolean doLongDouble(long a, double b) {
        noteSubtypes(false, true);
        return swapped ? (orEqual ? LuaArith.le(b, a) : LuaArith.lt(b, a)) : (orEqual ? LuaArith.le(a, b) : LuaArith.lt(a, b));
    }

    @Specialization
    protected boolean doDoubleLong(double a, long b) {
        noteSubtypes(true, false);
        return swapped ? (orEqual ? LuaArith.le(b, a) : LuaArith.lt(b, a)) : (orEqual ? LuaArith.le(a, b) : LuaArith.lt(a, b));
    }

    @Specialization
    protected boolean doString(TruffleString a, TruffleString b, @Cached("create()") StringOrderNode compare) {
        chargeStringWork(a, b, this);
        int c = swapped ? compare.execute(b, a) : compare.execute(a, b);
        return orEqual ? c <= 0 : c < 0;
    }

    @Fallback
    protected boolean doGeneric(VirtualFrame frame, Object a, Object b, @Cached("create()") InvokeNode invoke,
                                @Cached("lookupFor(orEqual)") MetamethodLookupNode lookup,
                                @Cached("lessThanForLessEqual(orEqual)") MetamethodLookupNode lessThan) {
        Object x = swapped ? b : a;
        Object y = swapped ? a : b;
        return compareWithMetamethods(frame, x, y, orEqual, invoke, lookup, lessThan, this);
    }

    /** For {@code <=} and {@code >=}: the {@code __lt} lookup used when there is no {@code __le}; else null. */
    protected static MetamethodLookupNode lessThanForLessEqual(boolean orEqual) {
        return orEqual ? MetamethodLookupNode.create(Metatables.LT) : null;
    }

    protected static MetamethodLookupNode lookupFor(boolean orEqual) {
        return MetamethodLookupNode.create(orEqual ? Metatables.LE : Metatables.LT);
    }

    /**
     * Comparing strings reads up to the shorter length: 1 instruction per 256 bytes (a vectorised memcmp),
     * so comparisons of short strings cost nothing extra and long ones are paid for (SECURITY.md D3).
     */
    public static void chargeStringWork(TruffleString a, TruffleString b, Node site) {
        int n = Math.min(a.byteLength(MoatStrings.ENCODING), b.byteLength(MoatStrings.ENCODING));
        if (n >= 256) {
            MoatContext.get(site).budget.charge(n >> 8, site);
        }
    }

    /**
     * Generic comparison (also used by math.min/max): numbers, strings, then the metamethod, looked up
     * through {@code lookup}, which must be for {@code __le} when {@code orEqual}, else {@code __lt};
     * {@code lessThan}, for {@code __lt}, is tried when {@code orEqual} finds no {@code __le} (null: not);
     * {@code frame} as in InvokeNode#call.
     */
    public static boolean compareWithMetamethods(VirtualFrame frame, Object x, Object y, boolean orEqual,
                                                 InvokeNode invoke, MetamethodLookupNode lookup,
                                                 MetamethodLookupNode lessThan, Node site) {
        if ((x instanceof Long || x instanceof Double) && (y instanceof Long || y instanceof Double)) {
            return numbers(x, y, orEqual);
        }
        if (x instanceof TruffleString s && y instanceof TruffleString t) {
            chargeStringWork(s, t, site);
            int c = MoatStrings.compare(s, t);
            return orEqual ? c <= 0 : c < 0;
        }
        Object handler = lookup.findEither(MoatContext.get(site), x, y);
        if (handler == null && lessThan != null) {
            // luaT_callorderTM under LUA_COMPAT_LT_LE: 'x <= y' is 'not (y < x)', y's metatable looked at first
            Object lt = lessThan.findEither(MoatContext.get(site), y, x);
            if (lt != null) {
                return !LuaValues.isTruthy(MultiValue.first(invoke.callWith(frame, lt, y, x, "metamethod 'le'")));
            }
        }
        if (handler == null) {
            throw compareError(x, y, site);
        }
        return LuaValues.isTruthy(MultiValue.first(invoke.callWith(frame, handler, x, y, orEqual ? "metamethod 'le'" : "metamethod 'lt'")));
    }

    private static boolean numbers(Object x, Object y, boolean orEqual) {
        if (x instanceof Long a) {
            if (y instanceof Long b) {
                return orEqual ? a <= b : a < b;
            }
            double d = (Double) y;
            return orEqual ? LuaArith.le(a, d) : LuaArith.lt(a, d);
        }
        double a = (Double) x;
        if (y instanceof Long b) {
            return orEqual ? LuaArith.le(a, b) : LuaArith.lt(a, b);
        }
        double d = (Double) y;
        return orEqual ? a <= d : a < d;
    }

    @TruffleBoundary
    public static MoatError compareError(Object x, Object y, Node site) {
        String t1 = LuaValues.objTypeName(x);
        String t2 = LuaValues.objTypeName(y);
        if (t1.equals(t2)) {
            return MoatError.runtime(site, "attempt to compare two " + t1 + " values");
        }
        return MoatError.runtime(site, "attempt to compare " + t1 + " with " + t2);
    }
}

package dev.moat.language.nodes.call;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinRootNode;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.expression.ArithNode;
import dev.moat.language.runtime.CallArguments;

/**
 * The only argument of a call {@code f(a / b)}, evaluated by the call ({@link CallNode}) so that a call of
 * {@code math.floor} or {@code math.ceil} on two integers is computed at the site, exactly and without the
 * float division: {@code floor(t / BASE)}, the carry of Lua code written before {@code //}, cost a float
 * conversion, a division, a rounding, two range tests and a conversion back on the critical path of its loop
 * (≈ 35 cycles), where an integer division by a constant is a multiplication and a shift.
 *
 * <p>Exact: for integers with {@code |a| < 2^53} and {@code 0 < |b| < 2^53} the float quotient's rounding error
 * is below {@code 1/|b|}, the distance from the true quotient to the nearest integer it is not, so the float
 * quotient lies between the same two integers and rounds to the same one, which fits in an integer as Lua's
 * {@code math.floor} returns it. Anything else (floats, strings, metamethods, larger integers, a zero divisor,
 * another callee) divides here as the operator would and calls the function with the quotient.
 *
 * <p>The call is charged as the call of a builtin is at a call expression (DispatchNode: one instruction,
 * counted, the caller's next test covers it), so the count is the same whichever way the site runs.
 */
public final class QuotientArgumentNode extends Node {
    @Child private MoatExpressionNode dividend;
    @Child private MoatExpressionNode divisor;
    /** The division, on operands evaluated here (no children): its errors and position are the operator's. */
    @Child private ArithNode division;

    /** Whether this site's callee is floor or ceil (see SiteBuiltin). */
    @Child private SiteBuiltin rounder = new SiteBuiltin(root -> root.rounding() != null);

    /** Bounds of the operands the rounding computes exactly: {@code |v| < 2^53}. */
    private static final long EXACT = 1L << 53;

    public QuotientArgumentNode(MoatExpressionNode dividend, MoatExpressionNode divisor, ArithNode division) {
        this.dividend = dividend;
        this.divisor = divisor;
        this.division = division;
    }

    /**
     * Evaluates the dividend, then the divisor; returns the call's result (a Long) if the site computes it (the
     * callee is the floor or ceil builtin it met first and both operands are integers it computes exactly), else
     * the call's argument array holding the quotient. Only one of the two is ever live in
     * compiled code (the other way deoptimises), so the result is not a merge that would box.
     */
    Object evaluate(VirtualFrame frame, Object callee) {
        Object a = dividend.execute(frame);
        Object b = divisor.execute(frame);
        BuiltinRootNode root = rounder.match(callee, fits(a, b));
        if (root != null) {
            return round(root.rounding().roundsUp(), (Long) a, (Long) b);
        }
        Object[] argv = CallArguments.create(1);
        argv[CallArguments.FIRST] = division.executeEvaluated(frame, a, b);
        return argv;
    }

    private static boolean fits(Object a, Object b) {
        return a instanceof Long x && b instanceof Long y && y != 0
                && x > -EXACT && x < EXACT && y > -EXACT && y < EXACT;
    }

    /** The rounded quotient (up: ceil) of two integers {@link #fits} accepts; charges the builtin's call. */
    private long round(boolean roundsUp, long a, long b) {
        MoatContext.get(this).budget.count(1);
        if (CompilerDirectives.isPartialEvaluationConstant(b)) {
            // A constant divisor: Graal turns the integer division into a multiplication and shifts.
            return roundsUp ? Math.ceilDiv(a, b) : Math.floorDiv(a, b);
        }
        // A variable one: the float division (≈ 13 cycles where a 64-bit integer division may take 40 or
        // more), truncated, then moved down (floor) or up (ceil) if that was on the other side of the quotient.
        double q = (double) a / (double) b;
        long t = (long) q;
        if (roundsUp) {
            return (double) t < q ? t + 1 : t;
        }
        return (double) t > q ? t - 1 : t;
    }
}

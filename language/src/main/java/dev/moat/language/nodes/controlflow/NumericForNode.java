package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.CompilerAsserts;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.RepeatingNode;
import com.oracle.truffle.api.profiles.ConditionProfile;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.MoatError;

/**
 * The numeric {@code for} with Lua 5.4 semantics. With integer start and step the iteration count is
 * computed up front in unsigned arithmetic (so loops near the integer limits never overflow); otherwise
 * the loop runs on floats. Loop state lives in hidden frame slots (OSR needs it in the frame); the
 * control variable is declared afresh each iteration from the hidden index slot. An integer loop of up to
 * {@link #COUNTED_LOOP_MAX} iterations keeps its count in an int tested before each iteration, the shape
 * Graal compiles as a counted loop; others test a long count after each iteration.
 */
public final class NumericForNode extends MoatStatementNode {
    /**
     * The longest loop (in iterations, less one) that runs with an int count ({@link Body#countedIteration}),
     * whose compiled code may have no safepoint poll when it is an innermost loop without allocations: a
     * timeout waits for at most this many iterations of such a body (milliseconds), where 2^31 could take a
     * minute. Longer loops run on a long count and keep their polls.
     */
    static final long COUNTED_LOOP_MAX = 1L << 24;

    @Child private MoatExpressionNode start;
    @Child private MoatExpressionNode limit;
    @Child private MoatExpressionNode step;
    @Child private LoopNode loop;
    private final int indexSlot;
    private final int countSlot;
    private final int stepSlot;
    private final ConditionProfile integerProfile = ConditionProfile.create();
    private final ConditionProfile intCount = ConditionProfile.create();
    /**
     * Set when the body holds a call that is never inlined (recursion from inside a loop, see DispatchNode):
     * such a loop runs on a long count tested after each iteration. A counted loop's gain (no safepoint polls)
     * needs a body without calls, and with a call in it the test-first shape measured slower (queens 5 %).
     */
    @CompilationFinal private boolean callsOut;
    private final int resumePoint;

    /**
     * {@code iterationCharge}: instructions each iteration charges (1, plus the entry charge of the body
     * block, which the translator moved here). With {@code resumePoint} >= 0, a loop of a generator body
     * that a yield in its body can suspend.
     */
    public NumericForNode(MoatExpressionNode start, MoatExpressionNode limit, MoatExpressionNode step,
                          MoatStatementNode body, int iterationCharge,
                          int indexSlot, int countSlot, int stepSlot, int resumePoint) {
        this.start = start;
        this.limit = limit;
        this.step = step;
        this.indexSlot = indexSlot;
        this.countSlot = countSlot;
        this.stepSlot = stepSlot;
        this.resumePoint = resumePoint;
        this.loop = Truffle.getRuntime().createLoopNode(new Body(body, iterationCharge, indexSlot, countSlot, stepSlot, resumePoint));
    }

    /** The body holds a call that stays a call (see {@link #callsOut}); the loop's next run uses a long count. */
    public void markCallsOut() {
        CompilerAsserts.neverPartOfCompilation();
        callsOut = true;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        runReturning(frame);
    }

    @Override
    public Object runReturning(VirtualFrame frame) {
        // One call site of the loop, so that compiled code holds one copy of its body (resuming a generator
        // body enters the loop with its state already in the slots).
        if (!ResumePoints.isSuspended(frame, resumePoint) && !prepare(frame)) {
            return null;
        }
        return loopResult(loop.execute(frame));
    }

    /** Evaluates the bounds into the loop's slots; false if the loop runs no iteration. */
    private boolean prepare(VirtualFrame frame) {
        Object init = start.execute(frame);
        Object lim = limit.execute(frame);
        Object stp = step == null ? (Object) 1L : step.execute(frame);
        if (integerProfile.profile(init instanceof Long && stp instanceof Long)) {
            long i0 = (Long) init;
            long s = (Long) stp;
            if (s == 0) {
                throw error("'for' step is zero");
            }
            long l;
            if (lim instanceof Long ll) {
                l = ll;
            } else {
                Long clipped = forLimit(i0, lim, s);
                if (clipped == null) {
                    return false;
                }
                l = clipped;
            }
            if (s > 0 ? i0 > l : i0 < l) {
                return false;
            }
            long count = s > 0 ? Long.divideUnsigned(l - i0, s) : Long.divideUnsigned(i0 - l, -(s + 1) + 1L);
            frame.setLong(indexSlot, i0);
            if (intCount.profile(!callsOut && count >= 0 && count <= COUNTED_LOOP_MAX)) {
                frame.setInt(countSlot, (int) count);
            } else {
                frame.setLong(countSlot, count);
            }
            frame.setLong(stepSlot, s);
            return true;
        } else {
            // Converted in forprep's order, which decides the error when several are bad.
            double l = toFloat(lim, "limit");
            double s = toFloat(stp, "step");
            double i0 = toFloat(init, "initial");
            if (s == 0) {
                throw error("'for' step is zero");
            }
            // Lua's forprep skips only on a definite "past the limit" (so a NaN bound runs the body once).
            if (s > 0 ? l < i0 : i0 < l) {
                return false;
            }
            frame.setDouble(indexSlot, i0);
            frame.setDouble(countSlot, l);
            frame.setDouble(stepSlot, s);
            return true;
        }
    }

    private static Object loopResult(Object r) {
        return r == RepeatingNode.BREAK_LOOP_STATUS ? null : r;
    }

    /** Lua's forlimit for a non-integer limit; null means the loop must not run. */
    @TruffleBoundary
    private Long forLimit(long init, Object lim, long step) {
        Object n = lim instanceof Double ? lim : LuaArith.toNumber(lim);
        if (n == null) {
            throw error("bad 'for' limit (number expected, got " + dev.moat.language.runtime.LuaValues.objTypeName(lim) + ")");
        }
        if (n instanceof Long l) {
            return l;
        }
        double d = (Double) n;
        double f = step < 0 ? Math.ceil(d) : Math.floor(d);
        if (LuaArith.fitsLong(f)) {
            return (long) f;
        }
        if (d > 0) {
            return step < 0 ? null : Long.MAX_VALUE;
        }
        return step > 0 ? null : Long.MIN_VALUE;
    }

    @TruffleBoundary
    private double toFloat(Object v, String what) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d) {
            return d;
        }
        Object n = LuaArith.toNumber(v); // a numeric string too, as forprep's tonumber takes it
        if (n != null) {
            return n instanceof Long l ? (double) l : (Double) n;
        }
        throw error("bad 'for' " + what + (what.equals("initial") ? " value" : "") + " (number expected, got "
                + dev.moat.language.runtime.LuaValues.objTypeName(v) + ")"); // luaG_forerror: __name too
    }

    @TruffleBoundary
    private MoatError error(String message) {
        return MoatError.at(this, message);
    }

    private static final class Body extends LoopBodyNode {
        private final int iterationCharge;
        private final int indexSlot;
        private final int countSlot;
        private final int stepSlot;
        private final ConditionProfile integerLoop = ConditionProfile.create();
        private final ConditionProfile countedLoop = ConditionProfile.create();

        Body(MoatStatementNode body, int iterationCharge, int indexSlot, int countSlot, int stepSlot, int resumePoint) {
            super(body, resumePoint);
            this.iterationCharge = iterationCharge;
            this.indexSlot = indexSlot;
            this.countSlot = countSlot;
            this.stepSlot = stepSlot;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            return executeRepeatingWithValue(frame) == CONTINUE_LOOP_STATUS;
        }

        @Override
        public Object executeRepeatingWithValue(VirtualFrame frame) {
            if (countedLoop.profile(frame.isInt(countSlot))) {
                return countedIteration(frame);
            }
            if (!ResumePoints.isSuspended(frame, resumePoint)) {
                MoatContext.get(this).budget.charge(iterationCharge, this);
            }
            Object result = ResumePoints.runLoopBody(frame, resumePoint, body);
            if (result != null) {
                return result;
            }
            if (integerLoop.profile(frame.isLong(stepSlot))) {
                long left = frame.getLong(countSlot);
                if (left == 0) {
                    return BREAK_LOOP_STATUS;
                }
                frame.setLong(countSlot, left - 1);
                frame.setLong(indexSlot, frame.getLong(indexSlot) + frame.getLong(stepSlot));
                return CONTINUE_LOOP_STATUS;
            }
            double s = frame.getDouble(stepSlot);
            double next = frame.getDouble(indexSlot) + s;
            double l = frame.getDouble(countSlot);
            if (s > 0 ? !(next <= l) : !(next >= l)) {
                return BREAK_LOOP_STATUS;
            }
            frame.setDouble(indexSlot, next);
            return CONTINUE_LOOP_STATUS;
        }

        /**
         * An iteration of a loop whose remaining count fits in an int: the exit test comes first and compares
         * an int that steps down by one, so that Graal recognises a counted loop in 32-bit range and drops the
         * HotSpot and Truffle safepoint polls of an innermost loop that does not allocate (a timeout still
         * stops the enclosing loop or call; the instruction budget, charged here, stops any iteration).
         */
        private Object countedIteration(VirtualFrame frame) {
            int left = frame.getInt(countSlot);
            if (!ResumePoints.isSuspended(frame, resumePoint)) {
                if (left < 0) {
                    return BREAK_LOOP_STATUS;
                }
                MoatContext.get(this).budget.charge(iterationCharge, this);
            }
            Object result = ResumePoints.runLoopBody(frame, resumePoint, body);
            if (result != null) {
                return result;
            }
            frame.setInt(countSlot, left - 1);
            frame.setLong(indexSlot, frame.getLong(indexSlot) + frame.getLong(stepSlot));
            return CONTINUE_LOOP_STATUS;
        }
    }
}

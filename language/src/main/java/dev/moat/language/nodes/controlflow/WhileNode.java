package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.RepeatingNode;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.runtime.LuaValues;

/**
 * {@code while c do ... end} and {@code repeat ... until c} on a Truffle {@link LoopNode} (OSR and
 * safepoint polls for the timeout). Each iteration charges one instruction for the condition, so even
 * an empty infinite loop exhausts the budget, and pays its body block's entry charge in the same update.
 * A {@code repeat} iteration charges before its body (which always runs); a {@code while} iteration
 * charges once its condition has held, and the final test, which runs no body, charges its 1 alone.
 * Charged before the condition, as it was, the iteration's counter store sat in front of the
 * condition's type and bounds guards and the body block's store behind them: compiled code cannot merge
 * two stores a deoptimisation point separates, so every iteration stored the counter twice.
 */
public final class WhileNode extends MoatStatementNode {
    @Child private LoopNode loop;

    /**
     * {@code iterationCharge}: 1 plus the body block's entry charge (taken from the block). With
     * {@code resumePoint} >= 0, a loop of a generator body that a yield in its body can suspend.
     */
    public WhileNode(MoatExpressionNode condition, MoatStatementNode body, boolean repeatUntil, int iterationCharge,
                     int resumePoint) {
        this.loop = Truffle.getRuntime().createLoopNode(new Body(condition, body, repeatUntil, iterationCharge, resumePoint));
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        loop.execute(frame);
    }

    @Override
    public Object runReturning(VirtualFrame frame) {
        Object result = loop.execute(frame);
        return result == RepeatingNode.BREAK_LOOP_STATUS ? null : result;
    }

    private static final class Body extends LoopBodyNode {
        @Child private MoatExpressionNode condition;
        private final boolean repeatUntil;
        private final int iterationCharge;

        Body(MoatExpressionNode condition, MoatStatementNode body, boolean repeatUntil, int iterationCharge,
             int resumePoint) {
            super(body, resumePoint);
            this.condition = condition;
            this.repeatUntil = repeatUntil;
            this.iterationCharge = iterationCharge;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            return executeRepeatingWithValue(frame) == CONTINUE_LOOP_STATUS;
        }

        /** CONTINUE/BREAK status, or the value of a {@code return} inside the loop. */
        @Override
        public Object executeRepeatingWithValue(VirtualFrame frame) {
            // Resuming inside the body: this iteration's charge and condition are behind it; resuming at a
            // repeat's condition (mark 2, where a bare generator step bailed), its body is too.
            int mark = ResumePoints.mark(frame, resumePoint);
            if (mark == 0) {
                if (!repeatUntil && !LuaValues.isTruthy(condition.execute(frame))) {
                    MoatContext.get(this).budget.charge(1, this); // the final test: no body follows
                    return BREAK_LOOP_STATUS;
                }
                MoatContext.get(this).budget.charge(iterationCharge, this);
            }
            if (mark != 2) {
                Object result = ResumePoints.runLoopBody(frame, resumePoint, body);
                if (result != null) {
                    return result;
                }
            } else {
                ResumePoints.arriveAtBail(frame);
            }
            if (repeatUntil) {
                return untilHolds(frame) ? BREAK_LOOP_STATUS : CONTINUE_LOOP_STATUS;
            }
            return CONTINUE_LOOP_STATUS;
        }

        /** A repeat's condition; a bail out of it is recorded as mark 2, where the next step goes on. */
        private boolean untilHolds(VirtualFrame frame) {
            if (resumePoint < 0) {
                return LuaValues.isTruthy(condition.execute(frame));
            }
            try {
                return LuaValues.isTruthy(condition.execute(frame));
            } catch (GeneratorBail b) {
                throw ResumePoints.placeAt(frame, resumePoint, 2, b);
            }
        }
    }
}

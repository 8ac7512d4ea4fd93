package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RepeatingNode;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.MoatStatementNode;

/**
 * A label that gotos jump back to: {@code body} is the statements from the label to the end of its
 * block; a goto to the label from inside them runs them again. A loop like {@code while}: on a Truffle
 * {@link LoopNode} (OSR, safepoint polls for the timeout), and every jump back charges the statements it
 * resumes, so a goto loop exhausts the instruction budget like any other loop.
 */
public final class LabelLoopNode extends MoatStatementNode {
    @Child private LoopNode loop;

    public LabelLoopNode(MoatStatementNode body, Object label, int resumeCharge) {
        this.loop = Truffle.getRuntime().createLoopNode(new Repeat(body, label, resumeCharge));
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

    private static final class Repeat extends Node implements RepeatingNode {
        @Child private MoatStatementNode body;
        private final Object label;
        private final int resumeCharge;

        Repeat(MoatStatementNode body, Object label, int resumeCharge) {
            this.body = body;
            this.label = label;
            this.resumeCharge = resumeCharge;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            return executeRepeatingWithValue(frame) == CONTINUE_LOOP_STATUS;
        }

        /** BREAK when the statements ran to the block's end, CONTINUE after a jump back, or a {@code return}'s value. */
        @Override
        public Object executeRepeatingWithValue(VirtualFrame frame) {
            try {
                Object result = body.runReturning(frame);
                return result != null ? result : BREAK_LOOP_STATUS;
            } catch (GotoException g) {
                if (g.label != label) {
                    throw g; // a label further out (gotos to later labels of this block are caught inside body)
                }
                MoatContext.get(this).budget.charge(resumeCharge, this);
                return CONTINUE_LOOP_STATUS;
            }
        }
    }
}

package dev.moat.language.nodes.generator;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.nodes.controlflow.ReturnException;
import dev.moat.language.nodes.controlflow.ResumeContainer;
import dev.moat.language.nodes.controlflow.ResumePoints;

/**
 * A block of a generator body with a yield in some of its statements, or any block of a body that takes
 * bare steps (see {@link ResumePoints}): a yield leaving it marks 1 + the index of its statement, and
 * resuming skips the statements before that one; a bail out of its statement marks -(1 + index), and the
 * next step runs that statement again from its start.
 * The block's instruction charge is paid on a fresh entry only, so a generator pays what the same body
 * pays on a coroutine stack.
 */
public final class ResumableBlockNode extends MoatStatementNode implements ResumeContainer {
    @Children private final MoatStatementNode[] statements;
    @CompilationFinal(dimensions = 1) private final boolean[] holdsYield;
    /** Set by the constructor; zeroed by {@link #takeEntryCharge} at translation, never after. */
    @CompilationFinal private int charge;
    private final int resumePoint;

    public ResumableBlockNode(MoatStatementNode[] statements, boolean[] holdsYield, int charge, int resumePoint) {
        this.statements = statements;
        this.holdsYield = holdsYield;
        this.charge = charge;
        this.resumePoint = resumePoint;
    }

    /**
     * Hands the fresh-entry charge to the loop iteration or generator entry that runs this block (at
     * translation only). Those pay it exactly when this block would: when they are not resuming.
     */
    public int takeEntryCharge() {
        int taken = charge;
        charge = 0;
        return taken;
    }

    @Override
    public int resumePoint() {
        return resumePoint;
    }

    /** 1 + the statement's index for a statement holding a yield (as runStatement records a bail). */
    @Override
    public int yieldMark(Node child) {
        for (int i = 0; i < statements.length; i++) {
            if (statements[i] == child) {
                return holdsYield[i] ? i + 1 : 0;
            }
        }
        return 0;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        Object result = runReturning(frame);
        if (result != null) {
            throw new ReturnException(result);
        }
    }

    @Override
    public Object runReturning(VirtualFrame frame) {
        int mark = ResumePoints.mark(frame, resumePoint);
        if (mark == 0 && charge > 0) {
            MoatContext.get(this).budget.count(charge); // blocks count, loops and calls test (see Budget)
        }
        int first = mark == 0 ? 0 : mark - 1;
        if (mark < 0) {
            ResumePoints.arriveAtBail(frame);
            first = -mark - 1;
        }
        return runFrom(frame, first);
    }

    /**
     * The statements from {@code first} on. One exploded loop for fresh entries and resumes alike: a
     * separate copy for resuming would double the compiled code at every level of nested blocks.
     */
    @ExplodeLoop
    private Object runFrom(VirtualFrame frame, int first) {
        for (int i = 0; i < statements.length; i++) {
            if (i >= first) {
                Object result = holdsYield[i]
                        ? ResumePoints.runStatement(frame, resumePoint, i, statements[i])
                        : statements[i].runReturning(frame);
                if (result != null) {
                    return result;
                }
            }
        }
        return null;
    }
}

package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.MoatStatementNode;

/**
 * A block of statements. It counts its statement count to the instruction budget once on entry —
 * per basic block, not per statement — so compiled code pays one add per block. It does not test the
 * limit: loop iterations and calls do (see Budget), so straight-line code between them has no test.
 * With {@code charge == 0} it is a plain sequence (used for the parts of one statement).
 *
 * <p>A loop body or function body gives its entry charge to the loop iteration or function entry that
 * always runs right before it ({@link #takeEntryCharge}): the count is the same, and compiled code has
 * one counter update and one limit test fewer per iteration or call.
 */
public final class BlockNode extends MoatStatementNode {
    @Children private final MoatStatementNode[] statements;
    /** Set by the constructor; zeroed by {@link #takeEntryCharge} at translation, never after. */
    @CompilationFinal private int charge;

    public BlockNode(MoatStatementNode[] statements, int charge) {
        this.statements = statements;
        this.charge = charge;
    }

    /** Hands this block's entry charge to the node that runs it (translation time only); returns it. */
    public int takeEntryCharge() {
        int taken = charge;
        charge = 0;
        return taken;
    }

    @Override
    @ExplodeLoop
    public void executeVoid(VirtualFrame frame) {
        if (charge > 0) {
            MoatContext.get(this).budget.count(charge);
        }
        for (MoatStatementNode statement : statements) {
            statement.executeVoid(frame);
        }
    }

    @Override
    @ExplodeLoop
    public Object runReturning(VirtualFrame frame) {
        if (charge > 0) {
            MoatContext.get(this).budget.count(charge);
        }
        for (MoatStatementNode statement : statements) {
            Object result = statement.runReturning(frame);
            if (result != null) {
                return result;
            }
        }
        return null;
    }
}

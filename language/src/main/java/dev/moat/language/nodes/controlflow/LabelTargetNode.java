package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.MoatStatementNode;

/**
 * A label that gotos jump forward to: {@code body} is the statements before the label (from where its
 * first goto can stand); a goto to the label ends the body there, and the statements after the label,
 * which follow this node in its block, run next. The {@code goto continue} idiom is one of these.
 *
 * <p>Unlike a resumption at a statement index known only at run time, nothing here varies: partial
 * evaluation sees the body, the catch and the statements after it as fixed code, so a compiled loop
 * with a {@code goto continue} keeps its frame virtual (see LabeledBlocks in the translator).
 */
public final class LabelTargetNode extends MoatStatementNode {
    @Child private MoatStatementNode body;
    private final Object label;
    /** What resuming the block at the label charges: the statements from the label to the block's end (at least 1). */
    private final int resumeCharge;

    public LabelTargetNode(MoatStatementNode body, Object label, int resumeCharge) {
        this.body = body;
        this.label = label;
        this.resumeCharge = resumeCharge;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        try {
            body.executeVoid(frame);
        } catch (GotoException g) {
            arrived(g);
        }
    }

    @Override
    public Object runReturning(VirtualFrame frame) {
        try {
            return body.runReturning(frame);
        } catch (GotoException g) {
            arrived(g);
            return null;
        }
    }

    private void arrived(GotoException g) {
        if (g.label != label) {
            throw g; // a label further out
        }
        MoatContext.get(this).budget.count(resumeCharge); // forward: no loop, so no limit test (see Budget)
    }
}

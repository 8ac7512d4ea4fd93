package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.MoatStatementNode;

/**
 * A block with labels whose jumps do not nest (see LabeledBlocks in the translator; most blocks with
 * labels become LabelTargetNode / LabelLoopNode instead): a {@code goto} to one of them (from this block
 * or a nested one) resumes execution at the label's statement index. Backward gotos form loops, so every
 * resumption is charged again, and the wall-clock safepoint is polled. Correct everywhere, but compiled
 * code cannot tell which statement a resumption starts at, so it calls them through the array and the
 * frame escapes.
 */
public final class LabeledBlockNode extends MoatStatementNode {
    @Children private final MoatStatementNode[] statements;
    @CompilationFinal(dimensions = 1) private final Object[] labels;
    @CompilationFinal(dimensions = 1) private final int[] labelIndex;

    public LabeledBlockNode(MoatStatementNode[] statements, Object[] labels, int[] labelIndex) {
        this.statements = statements;
        this.labels = labels;
        this.labelIndex = labelIndex;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        runReturning(frame);
    }

    @Override
    public Object runReturning(VirtualFrame frame) {
        MoatContext context = MoatContext.get(this);
        int start = 0;
        while (true) {
            context.budget.charge(Math.max(1, statements.length - start), this);
            try {
                for (int i = start; i < statements.length; i++) {
                    Object result = statements[i].runReturning(frame);
                    if (result != null) {
                        return result;
                    }
                }
                return null;
            } catch (GotoException g) {
                start = find(g.label);
                if (start < 0) {
                    throw g;
                }
                com.oracle.truffle.api.nodes.LoopNode.reportLoopCount(this, 1);
                com.oracle.truffle.api.TruffleSafepoint.poll(this);
            }
        }
    }

    private int find(Object label) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                return labelIndex[i];
            }
        }
        return -1;
    }
}

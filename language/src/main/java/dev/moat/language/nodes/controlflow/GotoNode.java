package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatStatementNode;

/**
 * {@code goto label}. The label may be declared after the goto, so the node holds a reference that the
 * translator fills in once the label is found (before any execution).
 */
public final class GotoNode extends MoatStatementNode {
    /** Filled by the translator with the label's identity object. */
    public static final class LabelRef {
        public Object label;
    }

    private final LabelRef ref;

    public GotoNode(LabelRef ref) {
        this.ref = ref;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        throw new GotoException(ref.label);
    }
}

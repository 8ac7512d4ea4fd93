package dev.moat.language.nodes.local;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.runtime.MoatFunction;

/** Assigns upvalue {@code index} of the running closure; all closures sharing the cell see it. */
public final class UpvalueWriteNode extends MoatStatementNode {
    private final int index;
    @Child private MoatExpressionNode value;

    public UpvalueWriteNode(int index, MoatExpressionNode value) {
        this.index = index;
        this.value = value;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        Object v = value.execute(frame);
        ((MoatFunction) frame.getArguments()[0]).cell(index).value = v;
    }
}

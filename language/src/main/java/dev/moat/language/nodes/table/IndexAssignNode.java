package dev.moat.language.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.runtime.MoatTable;

/** The statement {@code obj[key] = value} with a single target. */
public final class IndexAssignNode extends MoatStatementNode {
    @Child private MoatExpressionNode object;
    @Child private MoatExpressionNode key;
    @Child private MoatExpressionNode value;
    @Child private IndexSetNode set = IndexSetNode.create();
    private final String description;

    public IndexAssignNode(MoatExpressionNode object, MoatExpressionNode key, MoatExpressionNode value, String description) {
        this.object = object;
        this.key = key;
        this.value = value;
        this.description = description;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        Object obj = object.execute(frame);
        Object k = MoatTable.normalizeKey(key.execute(frame));
        Object v = value.execute(frame);
        set.set(obj, k, v, this, description);
    }
}

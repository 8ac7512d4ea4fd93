package dev.moat.language.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.MoatTable;

/** The expression {@code obj[key]} (and {@code obj.name}, whose key is a constant string). */
public final class IndexExpressionNode extends MoatExpressionNode {
    @Child private MoatExpressionNode object;
    @Child private MoatExpressionNode key;
    @Child private IndexGetNode get = IndexGetNode.create();
    private final String description;

    public IndexExpressionNode(MoatExpressionNode object, MoatExpressionNode key, String description) {
        this.object = object;
        this.key = key;
        this.description = description;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Object obj = object.execute(frame);
        Object k = MoatTable.normalizeKey(key.execute(frame));
        return get.get(obj, k, this, description);
    }
}

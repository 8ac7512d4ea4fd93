package dev.moat.language.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.runtime.MoatTable;

/** {@code obj.name = value} (and global writes) with a constant, interned key and cached hash. */
public final class FieldAssignNode extends MoatStatementNode {
    @Child private MoatExpressionNode object;
    @Child private MoatExpressionNode value;
    @Child private IndexSetNode set = IndexSetNode.create();
    private final TruffleString key;
    private final int keyHash;
    private final String description;

    public FieldAssignNode(MoatExpressionNode object, TruffleString key, MoatExpressionNode value, String description) {
        this.object = object;
        this.key = key;
        this.keyHash = MoatTable.keyHash(key);
        this.value = value;
        this.description = description;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        Object obj = object.execute(frame);
        Object v = value.execute(frame);
        set.setField(frame, obj, key, keyHash, v, this, description);
    }
}

package dev.moat.language.nodes.table;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.MoatTable;

/**
 * {@code obj.name} (and global reads, {@code _ENV.name}): the key is a constant, interned string whose
 * hash is computed once here, so a lookup is a probe with an identity comparison in the common case.
 */
public final class FieldExpressionNode extends MoatExpressionNode {
    @Child private MoatExpressionNode object;
    @Child private IndexGetNode get = IndexGetNode.create();
    private final TruffleString key;
    private final int keyHash;
    private final String description;

    public FieldExpressionNode(MoatExpressionNode object, TruffleString key, String description) {
        this.object = object;
        this.key = key;
        this.keyHash = MoatTable.keyHash(key);
        this.description = description;
    }

    public TruffleString getKey() {
        return key;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return get.getField(frame, object.execute(frame), key, keyHash, this, description);
    }
}

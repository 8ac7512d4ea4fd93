package dev.moat.language.nodes.table;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.UnexpectedResultException;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.TaggedNumber;

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

    /** Set once a TaggedArithNode reads this field: numbers then come from the lookup as TaggedNumbers. */
    @CompilationFinal private boolean tagged;

    @Override
    public Object execute(VirtualFrame frame) {
        Object v = get.getField(frame, object.execute(frame), key, keyHash, this, description);
        if (tagged && v instanceof TaggedNumber n) {
            return n.box();
        }
        return v;
    }

    /**
     * For a parent computing on both number subtypes: a field that holds integers in some tables and floats
     * in others comes from the table's storage to the parent without a box (see TaggedNumber).
     */
    @Override
    public boolean yieldsTaggedUnboxed() {
        return true;
    }

    @Override
    public TaggedNumber executeTagged(VirtualFrame frame) throws UnexpectedResultException {
        if (!tagged) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            tagged = true;
            get.requestTaggedFields();
        }
        Object v = get.getField(frame, object.execute(frame), key, keyHash, this, description);
        if (v instanceof TaggedNumber n) {
            return n;
        }
        return TaggedNumber.expect(v);
    }
}

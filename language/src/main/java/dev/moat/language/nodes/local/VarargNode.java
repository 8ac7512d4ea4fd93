package dev.moat.language.nodes.local;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.MoatNil;

/** {@code ...}: the extra arguments of a vararg function, kept as an Object[] in a frame slot. */
public final class VarargNode extends MoatExpressionNode {
    private final int slot;
    private final boolean multi;

    public VarargNode(int slot, boolean multi) {
        this.slot = slot;
        this.multi = multi;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Object[] varargs = (Object[]) frame.getObject(slot);
        if (multi) {
            return varargs;
        }
        return varargs.length == 0 ? MoatNil.NIL : varargs[0];
    }
}

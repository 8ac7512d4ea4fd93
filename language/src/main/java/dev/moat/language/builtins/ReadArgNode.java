package dev.moat.language.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.MoatNil;

/** Reads the i-th (0-based) Lua argument of a builtin call; missing arguments are nil. */
public final class ReadArgNode extends MoatExpressionNode {
    private final int index;

    public ReadArgNode(int index) {
        this.index = CallArguments.FIRST + index;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Object[] args = frame.getArguments();
        return index < args.length ? args[index] : MoatNil.NIL;
    }
}

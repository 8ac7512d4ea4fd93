package dev.moat.language.nodes.local;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.MoatFunction;

/** Reads upvalue {@code index} of the running closure (argument 0 of the frame). */
public final class UpvalueReadNode extends MoatExpressionNode {
    private final int index;
    private final String name;

    public UpvalueReadNode(int index, String name) {
        this.index = index;
        this.name = name;
    }

    public String getName() {
        return name;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return ((MoatFunction) frame.getArguments()[0]).upvalues[index].value;
    }
}

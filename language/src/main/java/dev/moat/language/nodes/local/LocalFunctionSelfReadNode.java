package dev.moat.language.nodes.local;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.MoatFunction;

/**
 * The name of a {@code local function f} read inside f's own body, typically a recursive call. While the
 * local is never assigned again (the translator knows once the enclosing function is translated, before any
 * node runs: {@link LocalVar#assignedAgain}), the local holds exactly the closure that is running, so the
 * read is argument 0 of the frame: a register in compiled code, where an upvalue read is dependent loads
 * (closure, upvalue array and its length, value) in front of every recursive call. Each execution of the
 * declaration makes a new closure, so this holds for every closure of f. Such an f is captured by value,
 * and f's own copy of it, taken before f was assigned, is nil (see LocalVar); only a reassigned f is in a
 * Cell, read here.
 */
public final class LocalFunctionSelfReadNode extends MoatExpressionNode {
    private final int upvalueIndex;
    private final LocalVar local;

    public LocalFunctionSelfReadNode(int upvalueIndex, LocalVar local) {
        this.upvalueIndex = upvalueIndex;
        this.local = local;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        MoatFunction running = (MoatFunction) frame.getArguments()[0];
        if (local.assignedAgain) {
            return running.cell(upvalueIndex).value;
        }
        return running;
    }
}

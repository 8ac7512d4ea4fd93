package dev.moat.language.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.CallArguments;

import java.util.Arrays;

/** Reads all Lua arguments of a variadic builtin call as an {@code Object[]}. */
public final class ReadAllArgsNode extends MoatExpressionNode {
    @Override
    public Object execute(VirtualFrame frame) {
        Object[] args = frame.getArguments();
        return Arrays.copyOfRange(args, CallArguments.FIRST, args.length);
    }
}

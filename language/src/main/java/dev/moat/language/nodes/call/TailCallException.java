package dev.moat.language.nodes.call;

import com.oracle.truffle.api.nodes.ControlFlowException;
import dev.moat.language.runtime.MoatFunction;

/**
 * A proper tail call: {@code return f(args)} unwinds the current Lua frame by throwing this, and the
 * caller's call node invokes {@code f} in its place, so tail-recursive loops run in constant stack.
 */
public final class TailCallException extends ControlFlowException {
    private static final long serialVersionUID = 1L;
    public final transient MoatFunction function;
    public final transient Object[] arguments;

    public TailCallException(MoatFunction function, Object[] arguments) {
        this.function = function;
        this.arguments = arguments;
    }
}

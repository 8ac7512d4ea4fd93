package dev.moat.language.nodes.call;

import com.oracle.truffle.api.nodes.ControlFlowException;
import dev.moat.language.runtime.MoatFunction;

/**
 * A proper tail call beyond the direct ones (DirectTailCallNode): {@code return f(args)} unwinds the current
 * Lua frame by throwing this, the function's root returns it as the call's result (LuaFunctionRoot), and the
 * caller's call site invokes {@code f} in its place, so tail-recursive loops run in constant stack. Every
 * site that calls a Lua function's call target therefore checks the result for one of these.
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

package dev.moat.language.runtime;

import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import dev.moat.language.nodes.call.TailCallException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * A function value: a call target plus, for Lua closures, the captured upvalue cells (flat closure,
 * as in Lua's own implementation). Builtins have no upvalues.
 *
 * <p>Calling convention: the frame arguments are {@code [function, arg1, ..., argN]}; the callee reads
 * its upvalues from argument 0. A call returns one value, or an {@code Object[]} for zero or several
 * values (see {@link MultiValue}).
 */
@ExportLibrary(InteropLibrary.class)
public final class MoatFunction implements TruffleObject {
    public final RootCallTarget target;
    public final Cell[] upvalues;
    /** True for functions written in Lua: only those take part in proper tail calls. */
    public final boolean isLua;

    public MoatFunction(RootCallTarget target, Cell[] upvalues, boolean isLua) {
        this.target = target;
        this.upvalues = upvalues;
        this.isLua = isLua;
    }

    public String getName() {
        return target.getRootNode().getName();
    }

    @ExportMessage
    boolean hasLanguage() {
        return true;
    }

    @ExportMessage
    Class<? extends com.oracle.truffle.api.TruffleLanguage<?>> getLanguage() {
        return dev.moat.language.MoatLanguage.class;
    }

    @ExportMessage
    Object toDisplayString(boolean allowSideEffects) {
        return "function";
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    /** Called from the host: arguments are copied into guest values; the first result is returned. */
    @ExportMessage
    Object execute(Object[] arguments, @Cached IndirectCallNode call) {
        Object[] argv = new Object[arguments.length + 1];
        for (int i = 0; i < arguments.length; i++) {
            argv[i + 1] = dev.moat.language.host.HostToGuest.convert(arguments[i], null, null);
        }
        MoatFunction function = this;
        argv[0] = function;
        while (true) {
            try {
                return MultiValue.first(call.call(function.target, argv));
            } catch (TailCallException tc) {
                function = tc.function;
                argv = tc.arguments;
            }
        }
    }
}

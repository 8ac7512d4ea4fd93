package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import dev.moat.language.nodes.call.TailCallException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

import java.util.function.Supplier;

/**
 * A function value: a call target plus, for Lua closures, the captured upvalue cells (flat closure,
 * as in Lua's own implementation). Builtins have no upvalues.
 *
 * <p>Calling convention: the frame arguments are {@code [function, arg1, ..., argN]}; the callee reads
 * its upvalues from argument 0. A call returns one value, or an {@code Object[]} for zero or several
 * values (see {@link MultiValue}).
 *
 * <p>A library builtin gets its call target on its first call ({@link #getTarget()}): a context installs
 * about 200 builtins and a script calls a handful, and making a target costs its nodes, Truffle's
 * reflection over their classes and a call target, which dominated the CLI's cold start.
 */
@ExportLibrary(InteropLibrary.class)
public final class MoatFunction implements TruffleObject {
    /** Null until the first call of a function made with {@link #lazy}; then it never changes. */
    private RootCallTarget target;
    private final Supplier<RootCallTarget> pending;
    public final Cell[] upvalues;
    /** True for functions written in Lua: only those take part in proper tail calls. */
    public final boolean isLua;

    public MoatFunction(RootCallTarget target, Cell[] upvalues, boolean isLua) {
        this.target = target;
        this.pending = null;
        this.upvalues = upvalues;
        this.isLua = isLua;
    }

    private MoatFunction(Supplier<RootCallTarget> pending, Cell[] upvalues) {
        this.pending = pending;
        this.upvalues = upvalues;
        this.isLua = false;
    }

    /** A builtin whose call target {@code pending} makes when it is first needed (shared targets: see BuiltinTargets). */
    public static MoatFunction lazy(Supplier<RootCallTarget> pending, Cell[] upvalues) {
        return new MoatFunction(pending, upvalues);
    }

    public RootCallTarget getTarget() {
        RootCallTarget t = target;
        if (CompilerDirectives.injectBranchProbability(CompilerDirectives.SLOWPATH_PROBABILITY, t == null)) {
            t = makeTarget();
        }
        return t;
    }

    @TruffleBoundary
    private RootCallTarget makeTarget() {
        RootCallTarget t = pending.get();
        target = t;
        return t;
    }

    public String getName() {
        return getTarget().getRootNode().getName();
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
                return MultiValue.first(call.call(function.getTarget(), argv));
            } catch (TailCallException tc) {
                function = tc.function;
                argv = tc.arguments;
            }
        }
    }
}

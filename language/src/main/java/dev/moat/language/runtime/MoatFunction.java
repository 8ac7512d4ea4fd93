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
 * A function value: a call target plus, for Lua closures, the captured upvalues (flat closure, as in
 * Lua's own implementation): each is the {@link Cell} of a captured local, or, for a local that no
 * assignment writes after its declaration, its value itself (no sharing to keep, see
 * LocalVar#byValue); which of the two is known per upvalue when the function is translated. Builtins
 * that keep state keep it in Cells ({@link #cell}).
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
public class MoatFunction implements TruffleObject {
    /** Null until the first call of a {@link #lazy} builtin; then it never changes. */
    private RootCallTarget target;
    public final Object[] upvalues;
    /** True for functions written in Lua: only those take part in proper tail calls. */
    public final boolean isLua;

    public MoatFunction(RootCallTarget target, Object[] upvalues, boolean isLua) {
        this.target = target;
        this.upvalues = upvalues;
        this.isLua = isLua;
    }

    private MoatFunction(Object[] upvalues) {
        this.upvalues = upvalues;
        this.isLua = false;
    }

    /** Upvalue {@code i} that is a Cell (a builtin's state, a captured local that is assigned again). */
    public final Cell cell(int i) {
        return (Cell) upvalues[i];
    }

    /** A builtin whose call target {@code pending} makes when it is first needed (shared targets: see BuiltinTargets). */
    public static MoatFunction lazy(Supplier<RootCallTarget> pending, Object[] upvalues) {
        return new LazyBuiltin(pending, upvalues);
    }

    /**
     * A subclass, so that closures, made by the million, do not carry a field only builtins need (with it
     * a function object took 32 bytes instead of 24).
     */
    private static final class LazyBuiltin extends MoatFunction {
        private final Supplier<RootCallTarget> pending;

        LazyBuiltin(Supplier<RootCallTarget> pending, Object[] upvalues) {
            super(upvalues);
            this.pending = pending;
        }
    }

    /**
     * Compiled code leaves to the interpreter for an unresolved builtin (a deoptimisation, not an
     * invalidation): a call out of line here cost every call site ≈ 20 Graal nodes. It happens at most once
     * per lazy function object, and builtins installed after their target exists are not lazy.
     */
    public final RootCallTarget getTarget() {
        RootCallTarget t = target;
        if (t == null) {
            CompilerDirectives.transferToInterpreter();
            t = makeTarget();
        }
        return t;
    }

    /**
     * The call target, or null for a lazy builtin not called yet: for a call site's guard against the target
     * it cached. Through {@link #getTarget()} that guard tested the target for null first, a deoptimisation
     * point Graal keeps inside a loop while it hoists the comparison, which splits the loop's counter updates.
     */
    public final RootCallTarget targetOrNull() {
        return target;
    }

    @TruffleBoundary
    private RootCallTarget makeTarget() {
        RootCallTarget t = ((LazyBuiltin) this).pending.get();
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
        Object[] argv = CallArguments.create(arguments.length);
        for (int i = 0; i < arguments.length; i++) {
            argv[CallArguments.FIRST + i] = dev.moat.language.host.HostToGuest.convert(arguments[i], null, null);
        }
        MoatFunction function = this;
        argv[CallArguments.CALLEE] = function;
        dev.moat.language.MoatContext context = dev.moat.language.MoatContext.get(null);
        // Called from a host function the script called, the function runs above that call's level; else at 0.
        int level = context.depth;
        argv[CallArguments.LEVEL] = level;
        try {
            while (true) {
                Object result = call.call(function.getTarget(), argv);
                if (result instanceof TailCallException tc) {
                    function = tc.function;
                    argv = tc.arguments;
                    continue;
                }
                context.budget.checkLimit(function.getTarget().getRootNode()); // the host's call is a run
                return MultiValue.first(result);
            }
        } finally {
            context.depth = level;
        }
    }
}

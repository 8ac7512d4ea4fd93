package dev.moat.language.nodes.call;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.BranchProfile;
import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinRootNode;
import dev.moat.language.coroutine.MoatCoroutine;
import dev.moat.language.nodes.LuaFunctionRoot;
import dev.moat.language.nodes.controlflow.ResumePoints;
import dev.moat.language.nodes.generator.GeneratorRootNode;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;

/**
 * Calls any guest value with a prepared argument array (callee and level slots free, see CallArguments):
 * resolves {@code __call}, and runs proper tail calls as a loop. Every guest call goes through here —
 * call expressions, metamethods and builtins that call back — so the cost model and tail-call handling
 * are the same everywhere. Each call charges 1 instruction: a Lua function charges it on entry together
 * with its body's first block (LuaFunctionRoot), a builtin's call is charged by {@link DispatchNode}.
 */
public final class InvokeNode extends Node {
    @Child private DispatchNode dispatch;
    private final BranchProfile notAFunction = BranchProfile.create();
    private final BranchProfile tailCall = BranchProfile.create();

    /**
     * Where this call site is: not yet known, in a Lua function (whose level is in its frame), or elsewhere:
     * in a builtin (Lua's "C function"), a host function or a run's root, which take the level published
     * in the context by the Lua call that runs them.
     */
    private static final byte UNKNOWN = 0;
    private static final byte IN_LUA = 1;
    private static final byte IN_BUILTIN = 2;
    @CompilationFinal private byte site = UNKNOWN;
    /** In a Lua function: its frame slot of the call level. */
    @CompilationFinal private int levelSlot = -1;
    /** In a generator body (GeneratorRootNode), whose bare steps bail before calls that might suspend. */
    @CompilationFinal private boolean inGenerator;
    /** Builtins whose callbacks may yield (pcall/xpcall bodies, __pairs), like Lua's lua_callk/lua_pcallk. */
    private final boolean yieldableFromBuiltin;
    /** A direct tail call's: the callee takes the calling function's own level, never one above it. */
    private final boolean forTailCall;
    /**
     * How this site names what it calls ("local 'f'", "method 'm'", "metamethod 'index'"), as Lua's traceback
     * names a function by the code that called it (see LuaTraceback); recorded at the first call that gives
     * one, so compiled code folds the test away.
     */
    @CompilationFinal private String callName;
    /**
     * This Lua call site has called {@code error} (seen in the interpreter): it hands its node to the call, so
     * that {@code error} finds its level-1 position without walking the stack, which materialises every
     * compiled frame on the way (13 µs an error against lua5.4's 0.8). Sites that never call it carry no test.
     */
    @CompilationFinal private boolean callsError;

    private InvokeNode(boolean yieldableFromBuiltin, boolean forTailCall, boolean forCallExpression) {
        this.yieldableFromBuiltin = yieldableFromBuiltin;
        this.forTailCall = forTailCall;
        this.dispatch = DispatchNodeGen.create(forCallExpression);
    }

    /**
     * For calls the calling code cannot see in its text: metamethods, {@code __close} handlers, builtins'
     * callbacks. These test the instruction limit for every callee (see DispatchNode#testsLimit).
     */
    public static InvokeNode create() {
        return new InvokeNode(false, false, false);
    }

    /**
     * For a call expression ({@code f(x)}, {@code o:m(x)}, {@code return f(x)}) and a generic {@code for}'s
     * iterator call: a leaf Lua callee or a builtin only counts its call, the caller's next test covers it
     * (see DispatchNode#testsLimit).
     */
    public static InvokeNode createForCallExpression() {
        return new InvokeNode(false, false, true);
    }

    /** For builtins that let the called function yield (Lua calls them with a continuation). */
    public static InvokeNode createYieldable() {
        return new InvokeNode(true, false, false);
    }

    /** For a direct tail call (DirectTailCallNode), which gives the callee the calling function's level. */
    static InvokeNode createForTailCall() {
        return new InvokeNode(false, true, true);
    }

    /**
     * Calls {@code callee}; {@code description} names it in errors ("global 'f'"), or is null. {@code frame}
     * is the calling Lua function's (its level goes into {@code argv}, see CallArguments); null outside Lua code.
     */
    public Object call(VirtualFrame frame, Object callee, Object[] argv, Node errorSite, String description) {
        if (description != null && callName == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            callName = description;
        }
        MoatContext context = MoatContext.get(this);
        if (site() == IN_LUA) {
            beforeArguments(frame, callee); // in a bare generator step: before the call charges anything
            // A tail call passes on the level its function was called from: the callee replaces that frame.
            argv[CallArguments.LEVEL] = forTailCall ? frame.getArguments()[CallArguments.LEVEL]
                    : frame.getObjectStatic(levelSlot);
            if (!forTailCall && (callsError || CompilerDirectives.inInterpreter() && notesErrorCall(context, callee, errorSite))
                    && callee == context.getErrorFunction()) {
                context.setErrorCallSite(errorSite);
                try {
                    return callFromLevel(context, callee, argv, errorSite, description);
                } finally {
                    context.setErrorCallSite(null);
                }
            }
            return callFromLevel(context, callee, argv, errorSite, description);
        }
        // A builtin may call back several times, and each callback's own builtin calls publish their levels.
        int level = context.depth;
        argv[CallArguments.LEVEL] = level;
        boolean errorFromBuiltin = (callsError || CompilerDirectives.inInterpreter() && notesErrorCall(context, callee, FROM_BUILTIN))
                && callee == context.getErrorFunction();
        if (errorFromBuiltin) {
            context.setErrorCallSite(FROM_BUILTIN); // pcall(error, "x"): level 1 is the builtin, no position
        }
        try {
            return callFromLevel(context, callee, argv, errorSite, description);
        } finally {
            context.depth = level;
            if (errorFromBuiltin) {
                context.setErrorCallSite(null);
            }
        }
    }

    /**
     * Stands for the call site of {@code error} when a builtin calls it (pcall(error, "x")): the function at
     * level 1 is then that builtin, which has no position.
     */
    public static final Node FROM_BUILTIN = new Node() {
    };

    /**
     * Interpreter only: true (and from now on) if this is a call of the context's {@code error} from a plain
     * call or method call in Lua code, or from a builtin ({@link #FROM_BUILTIN}).
     */
    private boolean notesErrorCall(MoatContext context, Object callee, Node errorSite) {
        if (callee == context.getErrorFunction()
                && (errorSite instanceof CallNode || errorSite instanceof MethodCallNode || errorSite == FROM_BUILTIN)) {
            callsError = true;
        }
        return callsError;
    }

    private Object callFromLevel(MoatContext context, Object callee, Object[] argv, Node errorSite, String description) {
        MoatFunction function;
        if (callee instanceof MoatFunction f) {
            function = f;
        } else {
            notAFunction.enter();
            Object handler = Metatables.metamethod(context, callee, Metatables.CALL);
            argv = prependCallee(callee, argv);
            if (handler instanceof MoatFunction f) {
                function = f;
            } else {
                argv = followCallChain(context, callee, handler, argv, errorSite == null ? this : errorSite, description);
                function = (MoatFunction) argv[CallArguments.CALLEE];
            }
        }
        argv[CallArguments.CALLEE] = function;
        if (!yieldableFromBuiltin && inBuiltin()) {
            // A builtin calling back into Lua is a C-call boundary: the callee cannot yield across it.
            MoatCoroutine co = context.getCoroutines().current();
            co.enterNonYieldable();
            try {
                co.checkCLevel(errorSite == null ? this : errorSite);
                return run(function, argv);
            } finally {
                co.exitNonYieldable();
            }
        }
        return run(function, argv);
    }

    private Object run(MoatFunction callee, Object[] arguments) {
        MoatFunction function = callee;
        Object[] argv = arguments;
        while (true) {
            Object result = dispatch.execute(function, argv);
            if (!(result instanceof TailCallException tc)) {
                return result;
            }
            tailCall.enter(); // the tail-called function is charged like any call, by itself or by dispatch
            function = tc.function;
            argv = tc.arguments;
        }
    }

    /**
     * In a generator body's bare step: bails before a call of {@code callee} that might suspend, before the
     * call's arguments are evaluated (what they do could not be undone). Call expressions call this right
     * after evaluating the callee; {@link #call} checks again for callees no expression evaluates (metamethods).
     */
    public void beforeArguments(VirtualFrame frame, Object callee) {
        if (site() == IN_LUA && inGenerator && ResumePoints.isBare(frame) && !runsOnBareStep(callee)) {
            throw ResumePoints.bail();
        }
    }

    /**
     * What a bare generator step may call on its own stack: a builtin that cannot suspend the coroutine.
     * Lua functions, callable objects (their {@code __call}) and builtins that may yield need a continuation.
     */
    private static boolean runsOnBareStep(Object callee) {
        return callee instanceof MoatFunction f && !f.isLua
                && !(f.getTarget().getRootNode() instanceof BuiltinRootNode b && b.mayYield());
    }

    private boolean inBuiltin() {
        return site() == IN_BUILTIN;
    }

    private byte site() {
        if (site == UNKNOWN) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            if (getRootNode() instanceof LuaFunctionRoot lua) {
                levelSlot = lua.levelSlot();
                inGenerator = lua instanceof GeneratorRootNode g && g.takesBareSteps();
                site = IN_LUA;
            } else {
                site = IN_BUILTIN;
            }
        }
        return site;
    }

    /** For builtins calling back into the script: calls with the given Lua arguments. */
    public Object callFromBuiltin(Object callee, Object... args) {
        return call(null, callee, CallArguments.of(args), null, null);
    }

    /** For metamethods: calls with the given Lua arguments ({@code frame} as in {@link #call}). */
    public Object callWith(VirtualFrame frame, Object callee, Object... args) {
        return call(frame, callee, CallArguments.of(args), null, null);
    }

    /**
     * {@link #callWith} for the two arguments of a binary operator's or {@code __index}'s handler, in one
     * array: the varargs form builds a second array and copies it, which compiled code removes but which
     * counted against the caller's inlining budget at every operator.
     */
    public Object callWith(VirtualFrame frame, Object callee, Object a, Object b) {
        return callWith(frame, callee, a, b, null);
    }

    /**
     * {@link #callWith(VirtualFrame, Object, Object, Object)} for a metamethod: {@code description} names it when it
     * cannot be called ("metamethod 'add'", as Lua's error says).
     */
    public Object callWith(VirtualFrame frame, Object callee, Object a, Object b, String description) {
        Object[] argv = CallArguments.create(2);
        argv[CallArguments.FIRST] = a;
        argv[CallArguments.FIRST + 1] = b;
        return call(frame, callee, argv, null, description);
    }

    /** {@link #callWith} for three arguments ({@code __newindex}). */
    public Object callWith(VirtualFrame frame, Object callee, Object a, Object b, Object c, String description) {
        Object[] argv = CallArguments.create(3);
        argv[CallArguments.FIRST] = a;
        argv[CallArguments.FIRST + 1] = b;
        argv[CallArguments.FIRST + 2] = c;
        return call(frame, callee, argv, null, description);
    }

    /** How this site names what it calls, once it has called something it names (see {@link #callName}); else null. */
    public String callName() {
        return callName;
    }

    /** Calls a function without a call node (threads started by the runtime, e.g. coroutine bodies). */
    @TruffleBoundary
    public static Object callUncached(MoatFunction function, Object[] argv) {
        MoatFunction f = function;
        Object[] args = argv;
        args[0] = f;
        while (true) {
            Object result = f.getTarget().call(args);
            if (!(result instanceof TailCallException tc)) {
                return result;
            }
            f = tc.function;
            args = tc.arguments;
        }
    }

    /** Links of {@code __call} handlers that are callable objects themselves, followed before "stack overflow". */
    static final int MAX_CALL_CHAIN = 200;

    /**
     * A callable object whose {@code __call} handler is not a function: Lua 5.4 calls the handler the same way,
     * so a chain of callable objects ends in a function that gets each object of the chain in front of the
     * call's arguments ({@code argvWithCallee} already has {@code callee} there). Returns those arguments with
     * the function in their callee slot. Fails as Lua does: "attempt to call" naming the link with nothing to
     * call under the call's own description, and "stack overflow" for a chain that does not end (Lua's shifts
     * its arguments up the stack until the stack is full).
     */
    @TruffleBoundary
    static Object[] followCallChain(MoatContext context, Object callee, Object handler, Object[] argvWithCallee,
                                    Node site, String description) {
        Object current = callee;
        Object next = handler;
        Object[] argv = argvWithCallee;
        for (int links = 1; !(next instanceof MoatFunction); links++) {
            if (next == null) {
                throw callError(current, site, description);
            }
            if (links >= MAX_CALL_CHAIN) {
                throw MoatError.runtime(site, "stack overflow").from(MoatError.Origin.DEPTH);
            }
            current = next;
            argv = prependCallee(current, argv);
            next = Metatables.metamethod(context, current, Metatables.CALL);
        }
        argv[CallArguments.CALLEE] = next;
        return argv;
    }

    /** The arguments of a callable object's {@code __call} handler: the object, then the call's arguments. */
    static Object[] prependCallee(Object callee, Object[] argv) {
        Object[] withSelf = new Object[argv.length + 1];
        withSelf[CallArguments.LEVEL] = argv[CallArguments.LEVEL];
        withSelf[CallArguments.FIRST] = callee;
        System.arraycopy(argv, CallArguments.FIRST, withSelf, CallArguments.FIRST + 1, CallArguments.count(argv));
        return withSelf;
    }

    @TruffleBoundary
    public static MoatError callError(Object callee, Node site, String description) {
        String desc = description == null ? "" : " (" + description + ")";
        return MoatError.runtime(site, "attempt to call a " + LuaValues.objTypeName(callee) + " value" + desc);
    }
}

package dev.moat.language.builtins;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ControlFlowException;
import com.oracle.truffle.api.nodes.RootNode;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.runtime.CallArguments;

import java.util.Arrays;

/** The root of a builtin function: runs the builtin node; its name is the one used in error messages. */
public final class BuiltinRootNode extends RootNode {
    @Child private BuiltinNode body;
    private final String name;
    private final String qualifiedName;
    /** Set at the first call, in the interpreter (see widenArgumentProfile). */
    private boolean profileWidened;

    /** {@code qualifiedName}: see {@link #getQualifiedName}. */
    public BuiltinRootNode(MoatLanguage language, BuiltinNode body, String name, String qualifiedName) {
        super(language);
        this.body = body;
        this.name = name;
        this.qualifiedName = qualifiedName;
    }

    /**
     * "string.rep": how Lua names a library function when no Lua call site names it; "?" for a builtin
     * no global or library field holds (see MoatBuiltin#anonymous).
     */
    public String getQualifiedName() {
        return qualifiedName;
    }

    /** True for the root of {@code coroutine.yield}. */
    public boolean isYield() {
        return body instanceof dev.moat.language.coroutine.YieldBuiltin;
    }

    /** True for builtins whose call can suspend the calling coroutine (see MayYield). */
    public boolean mayYield() {
        return body instanceof dev.moat.language.coroutine.MayYield;
    }

    /** True for the root of {@code type} (see nodes.expression.TypeTestNode). */
    public boolean isType() {
        return body instanceof BaseBuiltins.TypeNode;
    }

    /** The builtin as floor or ceil ({@link RoundsToInteger}), or null for any other. */
    public RoundsToInteger rounding() {
        return body instanceof RoundsToInteger r ? r : null;
    }

    /**
     * Publishes the level of the Lua function that called this builtin, where the builtin's own calls into
     * the script (and a coroutine switch) take it from: a builtin is not a level of its own, as in Lua
     * (see InvokeNode).
     */
    @Override
    public Object execute(VirtualFrame frame) {
        Object[] argv = frame.getArguments();
        // Tested in compiled code too: with engine.CompileImmediately the probe meets compiled code.
        if (CompilerDirectives.injectBranchProbability(CompilerDirectives.SLOWPATH_PROBABILITY,
                argv.length > CallArguments.FIRST && argv[CallArguments.FIRST] == ProfileProbe.MARK)) {
            throw ProfileProbe.INSTANCE;
        }
        if (CompilerDirectives.inInterpreter() && !profileWidened) {
            widenArgumentProfile(argv);
        }
        MoatContext.get(this).depth = CallArguments.callerLevel(argv);
        return body.execute(frame);
    }

    /**
     * At a builtin's first call, makes Truffle's profile of its argument types forget the types of the Lua
     * arguments, keeping the array's length and the types of the callee and level slots: a second call with
     * an array of that length whose Lua arguments are of a class no value has, which execute throws back at
     * once (thrown, not returned: a return would set the return type profile).
     *
     * <p>Why: one builtin target serves every call site of that builtin, and the sites pass it arguments of
     * different types ({@code string.format} a string here, an integer there). Each type met after the profile
     * was set invalidated it, and with it the builtin's compiled code and the compiled code of every caller
     * that called the builtin out of line (a held-out benchmark's main loop, 1.5 s of compilation, was compiled
     * three times because of {@code format}). A builtin's own nodes test their arguments' types anyway. The
     * length is what the profile is still worth having for: compiled code of a variadic builtin copies a known
     * number of arguments, which Graal keeps out of the heap. A call with another length ends the profile, as
     * before.
     */
    private void widenArgumentProfile(Object[] argv) {
        profileWidened = true;
        if (argv.length > CallArguments.FIRST) {
            Object[] probe = argv.clone();
            Arrays.fill(probe, CallArguments.FIRST, probe.length, ProfileProbe.MARK);
            try {
                getCallTarget().call(probe);
            } catch (ProfileProbe expected) {
                // the probe's way back
            }
        }
    }

    /** The marker argument of widenArgumentProfile's call, and what execute throws back at it. */
    private static final class ProfileProbe extends ControlFlowException {
        private static final long serialVersionUID = 1L;
        static final ProfileProbe INSTANCE = new ProfileProbe();
        static final Object MARK = new Object();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return "builtin " + name;
    }

    @Override
    public boolean isCloningAllowed() {
        return true;
    }
}

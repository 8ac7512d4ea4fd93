package dev.moat.language.coroutine;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.nodes.generator.GeneratorRootNode;
import dev.moat.language.runtime.MoatCoroutineMarker;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;

/**
 * A coroutine ("thread" in Lua). Its body runs on a stack of its own — a JDK continuation mounted on
 * the resumer's thread, or a Truffle virtual thread as a fallback; never a platform thread per
 * coroutine — and control passes by a strict handoff, so exactly one coroutine runs at any time and
 * all guest code stays single-threaded in effect. See {@link Coroutines} for resume/yield.
 */
@ExportLibrary(InteropLibrary.class)
public final class MoatCoroutine implements TruffleObject, MoatCoroutineMarker, GeneratorRootNode.FrameHolder {
    public enum Status {
        SUSPENDED("suspended"), RUNNING("running"), NORMAL("normal"), DEAD("dead");

        public final String luaName;

        Status(String luaName) {
            this.luaName = luaName;
        }
    }

    final MoatFunction body;
    /*
     * The fields below are handed between the resumer and the coroutine. With the continuation backend
     * both sides run on one thread; the virtual-thread backend publishes them through its volatile
     * handoff flag, so none of them needs to be volatile itself.
     */
    Status status = Status.SUSPENDED;
    /** The backend's handle on the coroutine's stack; null until the first resume. */
    Object handle;
    /** Values passed by resume (in) or by yield/return (out). */
    Object[] transfer;
    /** The error the body ended with: a MoatError or a non-catchable exception to re-raise. */
    Throwable failure;
    /** The error this coroutine died with, until coroutine.close reports it. */
    MoatError deathError;
    /** pcall/xpcall calls active in this coroutine: an error below one of them is caught inside it. */
    int protectedCalls;
    /**
     * With {@link #protectedCalls} and {@link #nonYieldable}: Lua's C level of the code running in this
     * coroutine (see {@link #cLevel}), set by each resume so that the level is then its resumer's plus one.
     */
    int resumeLevel;
    /**
     * To-be-closed values an uncaught error left pending, innermost first: like Lua, a coroutine that dies
     * with an error keeps them until coroutine.close (or wrap) closes them with that error.
     */
    java.util.ArrayList<Object> pendingCloses;
    boolean killed;
    boolean killRunsClose;
    /** Guest call depth saved while this coroutine is not running. */
    int savedDepth;
    /** Guest call depth of its resumer when it started: its own levels are counted from here. */
    int baseDepth;
    /** The most call levels it has been suspended with, already charged to the memory budget. */
    int chargedLevels;
    final boolean isMain;
    /**
     * The body's generator translation when this coroutine runs step by step (see GeneratorRootNode), else
     * null. Its frame lives here between steps; {@link #handle} is then the current step's continuation
     * while a yield from a nested call has it suspended, and null otherwise.
     */
    final RootCallTarget generatorTarget;
    private MaterializedFrame generatorFrame;
    /** Set when a generator step's code has finished (yielded directly, returned or failed). */
    boolean stepEnded;
    /**
     * How many more times a bare step may bail to a continuation before steps start in one (a body that
     * bails this often needs one on most steps, and trying bare first would only add); 0 if the body's
     * translation does not allow bare steps.
     */
    private int bareBailsLeft;
    /** True while a step runs bare. */
    boolean runningBare;
    /** A proper tail call out of a bare step, which the step's continuation makes. */
    dev.moat.language.nodes.call.TailCallException pendingTailCall;
    /** Open constructs a generator step must not unwind (to-be-closed for loops): yields switch stacks. */
    private int stackYieldsOnly;

    MoatCoroutine(MoatFunction body, boolean isMain, RootCallTarget generatorTarget, int bareStepBails) {
        this.body = body;
        this.isMain = isMain;
        this.generatorTarget = generatorTarget;
        this.bareBailsLeft = generatorTarget != null && generatorTarget.getRootNode() instanceof GeneratorRootNode g
                && g.takesBareSteps() ? bareStepBails : 0;
        if (isMain) {
            status = Status.RUNNING;
            // The entry root (EntryRootNode) calls the chunk as a builtin calls a function, which counts one more.
            resumeLevel = CHUNK_C_LEVEL - 1;
        }
    }

    /** True if the next step starts bare (see GeneratorBail). */
    boolean triesBareSteps() {
        return bareBailsLeft > 0;
    }

    /** A bare step bailed to a continuation: one fewer before steps start in one. */
    void bareStepBailed() {
        bareBailsLeft--;
    }

    @Override
    public MaterializedFrame generatorFrame() {
        return generatorFrame;
    }

    @Override
    public void setGeneratorFrame(MaterializedFrame frame) {
        generatorFrame = frame;
    }

    public void enterStackYieldsOnly() {
        stackYieldsOnly++;
    }

    public void exitStackYieldsOnly() {
        stackYieldsOnly--;
    }

    /** True if a direct yield in the generator body may suspend it by unwinding to its root. */
    boolean canUnwindToYield() {
        return generatorTarget != null && stackYieldsOnly == 0 && nonYieldable == 0;
    }

    /** How many builtin-to-Lua calls (C-call boundaries) are active in this coroutine. */
    private int nonYieldable;

    /** Lua's LUAI_MAXCCALLS: the C level whose call fails with "C stack overflow". */
    public static final int MAX_C_LEVEL = 200;
    /** The C level of a script's main chunk in lua.c (its lua_pcall of pmain, then of the chunk). */
    static final int CHUNK_C_LEVEL = 2;

    /**
     * Lua's count of nested C calls here (nCcalls): the resume that runs this coroutine, the pcalls and
     * xpcalls active in it, and builtins calling back into Lua (a sort comparator, a gsub function). Lua's
     * limit on it bounds how deeply those nest; Lua also counts metamethod calls, which Moat leaves to the
     * call-depth limit (they are plain calls of compiled code here).
     */
    public int cLevel() {
        return resumeLevel + protectedCalls + nonYieldable;
    }

    /**
     * After one more C level was entered (pcall, or a builtin calling a Lua function): raises Lua's error if
     * that level is not allowed; the caller leaves the level as usual (in a finally).
     */
    public void checkCLevel(Node site) {
        if (cLevel() >= MAX_C_LEVEL) {
            cLevelError(site);
        }
    }

    @TruffleBoundary
    private void cLevelError(Node site) {
        // luaE_checkcstack: exactly the limit is the error; beyond it only a stack error's own handling can
        // go (resumed coroutines start one level above their resumer), up to a tenth more.
        int level = cLevel();
        if (level == MAX_C_LEVEL) {
            throw MoatError.plain("C stack overflow", site).from(MoatError.Origin.DEPTH);
        }
        if (level >= MAX_C_LEVEL / 10 * 11) {
            throw MoatError.plain("error in error handling", site);
        }
    }

    public void enterNonYieldable() {
        nonYieldable++;
    }

    public void exitNonYieldable() {
        nonYieldable--;
    }

    int nonYieldableCalls() {
        return nonYieldable;
    }

    /**
     * Proper tail calls made as plain Java calls that are still on this coroutine's stack (see
     * DirectTailCallNode). Kept per coroutine because each coroutine has a stack of its own.
     */
    private int directTailCalls;

    /** True if one more tail call may be made as a Java call, and counts it (pair with {@link #exitDirectTailCall}). */
    public boolean tryEnterDirectTailCall(int limit) {
        if (directTailCalls >= limit) {
            return false;
        }
        directTailCalls++;
        return true;
    }

    public void exitDirectTailCall() {
        directTailCalls--;
    }

    /** lua_isyieldable: a coroutine, not inside a callback from a builtin. */
    public boolean isYieldable() {
        return !isMain && nonYieldable == 0;
    }

    public Status getStatus() {
        return status;
    }

    public boolean isMain() {
        return isMain;
    }

    @ExportMessage
    Object toDisplayString(boolean allowSideEffects) {
        return "thread";
    }
}

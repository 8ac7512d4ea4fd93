package dev.moat.language.coroutine;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.TruffleLogger;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.MoatOptions;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.nodes.FunctionRootNode;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.nodes.call.TailCallException;
import dev.moat.language.nodes.generator.GeneratorRootNode;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MultiValue;

import java.util.logging.Level;

/**
 * The coroutine machinery of one context, with Lua 5.4's semantics: which coroutine runs, statuses,
 * values passed by resume/yield, errors, and each coroutine's own call depth. The stack switching
 * itself is a {@link CoroutineBackend}'s job (JDK continuations, or virtual threads as a fallback).
 */
public final class Coroutines {
    /** At FINE, names each coroutine that runs as a generator (how tests see that one does). */
    private static final TruffleLogger LOG = TruffleLogger.getLogger(MoatLanguage.ID, "coroutine");
    private final MoatContext context;
    private final MoatCoroutine main = new MoatCoroutine(null, true, null, 0);
    private final CoroutineBackend backend;
    private MoatCoroutine current = main;
    /** Started and not dead: what MaxCoroutines limits. */
    private int live;
    private final int maxLive;
    /** Whether bodies with a generator translation run step by step (see GeneratorRootNode). */
    private final boolean generators;
    /** How many bails of a coroutine's bare steps before its steps start in a continuation; 0: never bare (see GeneratorBail). */
    private final int bareStepBails;

    public Coroutines(MoatContext context, int maxLive) {
        this.context = context;
        this.maxLive = maxLive;
        this.backend = CoroutineBackend.select(context.getEnv().getOptions().get(MoatOptions.CoroutineBackend), context);
        this.generators = backend.supportsGeneratorSteps() && context.getEnv().getOptions().get(MoatOptions.CoroutineGenerators);
        this.bareStepBails = context.getEnv().getOptions().get(MoatOptions.CoroutineBareSteps)
                ? Math.max(0, context.getEnv().getOptions().get(MoatOptions.CoroutineBareStepBails)) : 0;
    }

    public MoatCoroutine current() {
        return current;
    }

    /** "continuation" or "thread": which backend switches this context's coroutines. */
    public String backendName() {
        return backend.name();
    }

    @TruffleBoundary
    public MoatCoroutine create(MoatFunction body, Node site) {
        if (maxLive > 0 && live >= maxLive) {
            throw MoatError.at(site, "too many live coroutines (limit " + maxLive + ")");
        }
        context.budget.allocate(SizeModel.COROUTINE, site);
        RootCallTarget steps = generators && body.getTarget().getRootNode() instanceof FunctionRootNode root
                ? root.getGeneratorTarget() : null;
        MoatCoroutine co = new MoatCoroutine(body, false, steps, bareStepBails);
        if (steps != null && LOG.isLoggable(Level.FINE)) {
            LOG.fine("coroutine of " + describe(co) + " runs as a generator" + (co.triesBareSteps() ? " with bare steps" : ""));
        }
        return co;
    }

    private static String describe(MoatCoroutine co) {
        return co.generatorTarget.getRootNode().getName() + " (line "
                + dev.moat.language.runtime.LuaLines.startLine(co.generatorTarget.getRootNode().getSourceSection()) + ")";
    }

    /** What a failed resume gives: the error value (a message, or any Lua value passed to error). */
    public record Failure(Object error, MoatError.Origin origin) {
        public Failure(Object error) {
            this(error, MoatError.Origin.SCRIPT);
        }
    }

    /**
     * Resumes {@code co} and returns the values it yielded or returned (an Object[] the caller may keep),
     * or a {@link Failure} (coroutine.resume makes {true, values...} or {false, error} of it; see ResumeCallNode,
     * which steps a bare generator without this boundary).
     */
    @TruffleBoundary
    public Object resumeRaw(MoatCoroutine co, Object[] args, Node site) {
        if (co.status == MoatCoroutine.Status.DEAD) {
            return new Failure(MoatStrings.fromJava("cannot resume dead coroutine"));
        }
        if (co.status != MoatCoroutine.Status.SUSPENDED) {
            return new Failure(MoatStrings.fromJava("cannot resume non-suspended coroutine"));
        }
        if (co.handle != null && !backend.canResumeHere(co)) {
            throw otherThread(site);
        }
        if (current.cLevel() + 1 >= MoatCoroutine.MAX_C_LEVEL) {
            Failure tooDeep = resumedTooDeep(co, site);
            if (tooDeep != null) {
                return tooDeep;
            }
        }
        MoatCoroutine caller = enter(co);
        co.transfer = args;
        try {
            if (co.generatorTarget != null) {
                step(co, site);
            } else if (co.handle == null) {
                start(co, site);
            } else {
                backend.resume(co, site);
            }
        } finally {
            leave(caller);
        }
        return outcome(co);
    }

    /**
     * A resume made at Lua's C-level limit (see MoatCoroutine#cLevel), as lua_resume treats it: from the limit
     * on, it fails and leaves the coroutine as it was; one level below, a coroutine that has not started dies
     * at once (its body's call is one level too many), one that has yielded may still go on. Null: it runs.
     */
    @TruffleBoundary
    private Failure resumedTooDeep(MoatCoroutine co, Node site) {
        int level = current.cLevel();
        if (level < MoatCoroutine.MAX_C_LEVEL && !neverRan(co)) {
            return null;
        }
        MoatError overflow = MoatError.plain("C stack overflow", site).from(MoatError.Origin.DEPTH);
        if (level < MoatCoroutine.MAX_C_LEVEL) {
            co.status = MoatCoroutine.Status.DEAD;
            co.deathError = overflow;
        }
        return new Failure(overflow.getValue(), MoatError.Origin.DEPTH);
    }

    private static boolean neverRan(MoatCoroutine co) {
        return co.generatorTarget != null ? co.generatorFrame() == null : co.handle == null;
    }

    /** Makes {@code co} the running coroutine; returns the one that resumes it. */
    private MoatCoroutine enter(MoatCoroutine co) {
        MoatCoroutine caller = current;
        // The resumer's level plus one, whatever pcalls the coroutine has yielded inside (Lua drops their C
        // frames at the yield, and their levels with them).
        co.resumeLevel = caller.cLevel() + 1 - co.protectedCalls - co.nonYieldableCalls();
        caller.status = MoatCoroutine.Status.NORMAL;
        caller.savedDepth = context.depth;
        co.status = MoatCoroutine.Status.RUNNING;
        current = co;
        return caller;
    }

    /** Makes {@code caller} the running coroutine again, at its level. */
    private void leave(MoatCoroutine caller) {
        current = caller;
        caller.status = MoatCoroutine.Status.RUNNING;
        context.depth = caller.savedDepth;
    }

    /** What a resume of {@code co} gives once it has run: the values it passed out, or its Failure. */
    private static Object outcome(MoatCoroutine co) {
        Throwable failure = co.failure;
        if (failure != null) {
            co.failure = null;
            return failed(co, failure);
        }
        Object[] out = co.transfer;
        co.transfer = null;
        return out;
    }

    @TruffleBoundary
    private static Object failed(MoatCoroutine co, Throwable failure) {
        if (failure instanceof MoatError e) {
            co.deathError = e;
            return new Failure(e.getValue(), e.getOrigin());
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        throw (Error) failure;
    }

    /**
     * True if a resume of {@code co} may run its next step inline (see ResumeCallNode): a generator, suspended
     * by a direct yield (no continuation in progress), whose step starts bare.
     */
    boolean stepsInline(MoatCoroutine co) {
        return co.status == MoatCoroutine.Status.SUSPENDED && co.handle == null && co.triesBareSteps()
                && current.cLevel() + 1 < MoatCoroutine.MAX_C_LEVEL;
    }

    /**
     * A resume of {@code co} that runs its bare step through {@code step} (a call of its generator target from
     * the resuming code, which compiled code can inline); the same bookkeeping as {@link #resumeRaw} with
     * {@link #step} and {@link #runStep}, and a step that bails goes on in a continuation as there.
     */
    Object resumeInline(MoatCoroutine co, Object[] args, ResumeCallNode step, Node site) {
        MoatCoroutine caller = enter(co);
        try {
            if (co.generatorFrame() == null) {
                co.baseDepth = context.depth;
                live++;
            }
            context.depth = co.baseDepth;
            boolean ended = true;
            boolean bailed = false;
            co.runningBare = true;
            try {
                Object result = step.callStep(co, args);
                if (result instanceof TailCallException tc) {
                    ended = false;
                    bailed = true;
                    co.pendingTailCall = tc;
                } else {
                    bailed = result == GeneratorRootNode.BAILED;
                    ended = stepEnded(co, result);
                }
            } catch (MoatError e) {
                co.failure = e;
            } finally {
                co.runningBare = false;
                if (ended) {
                    co.status = MoatCoroutine.Status.DEAD;
                    live--;
                }
            }
            if (bailed) {
                co.bareStepBailed();
                continueBailedStep(co, site);
            }
        } finally {
            leave(caller);
        }
        return outcome(co);
    }

    /** The rest of a bare step that bailed, in a fresh continuation (see {@link #step}). */
    @TruffleBoundary
    private void continueBailedStep(MoatCoroutine co, Node site) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("a bare step of " + describe(co) + " goes on in a continuation");
        }
        backend.start(co, () -> runStep(co), site);
        if (co.stepEnded) {
            co.stepEnded = false;
            co.handle = null;
        }
    }

    private void start(MoatCoroutine co, Node site) {
        co.savedDepth = context.depth;
        co.baseDepth = context.depth;
        live++;
        try {
            backend.start(co, () -> runBody(co), site);
        } catch (RuntimeException | Error e) {
            if (co.handle == null) { // never got a stack: it cannot run, now or later
                co.status = MoatCoroutine.Status.DEAD;
                live--;
            }
            throw e;
        }
    }

    /** The body of a coroutine, on its own stack: runs the function and records how it ended. */
    private void runBody(MoatCoroutine co) {
        context.depth = co.savedDepth;
        try {
            Object[] in = co.transfer;
            co.transfer = null;
            Object result = InvokeNode.callUncached(co.body, bodyArguments(in, co.baseDepth));
            co.transfer = MultiValue.all(result);
        } catch (CoroutineKill k) {
            co.transfer = MultiValue.EMPTY;
        } catch (Throwable t) {
            co.failure = t;
        } finally {
            co.status = MoatCoroutine.Status.DEAD;
            live--;
        }
    }

    /**
     * One resume of a coroutine that runs as a generator, here in a fresh continuation (its code then ends
     * and the continuation is dropped) — a bare step is {@link #resumeInline}'s, called by ResumeCallNode —
     * unless a yield from a nested call suspended the previous step's continuation, which is then continued.
     */
    private void step(MoatCoroutine co, Node site) {
        if (co.handle != null) {
            backend.resume(co, site);
        } else {
            boolean first = co.generatorFrame() == null;
            if (first) {
                co.baseDepth = context.depth;
                live++;
            }
            try {
                backend.start(co, () -> runStep(co), site);
            } catch (RuntimeException | Error e) {
                if (first && co.handle == null) {
                    co.status = MoatCoroutine.Status.DEAD;
                    live--;
                }
                throw e;
            }
        }
        if (co.stepEnded) {
            co.stepEnded = false;
            co.handle = null;
        }
    }

    /** A generator step on the step's continuation: records how it ended, as {@link #runBody} does. */
    private void runStep(MoatCoroutine co) {
        context.depth = co.baseDepth;
        Object[] in = co.transfer;
        co.transfer = null;
        boolean ended = true;
        try {
            ended = stepEnded(co, callStep(co, in == null ? MultiValue.EMPTY : in));
        } catch (CoroutineKill k) {
            co.transfer = MultiValue.EMPTY;
        } catch (Throwable t) {
            co.failure = t;
        } finally {
            if (ended) {
                co.status = MoatCoroutine.Status.DEAD;
                live--;
            }
            co.stepEnded = true;
        }
    }

    /**
     * Records what a step's call returned: the body's results (true: it ended), or nothing when it suspended
     * or bailed (see GeneratorBail).
     */
    private static boolean stepEnded(MoatCoroutine co, Object result) {
        if (result == GeneratorRootNode.SUSPENDED || result == GeneratorRootNode.BAILED) {
            return false;
        }
        co.transfer = MultiValue.all(result);
        return true;
    }

    /**
     * Runs the step's body in its continuation (a proper tail call out of it runs here), or the tail call a
     * bare step left to it.
     */
    private static Object callStep(MoatCoroutine co, Object[] in) {
        TailCallException tail = co.pendingTailCall;
        co.pendingTailCall = null;
        if (tail == null) {
            Object result = co.generatorTarget.call(co.body, co, in, Boolean.FALSE);
            if (!(result instanceof TailCallException tc)) {
                return result;
            }
            tail = tc;
        }
        return InvokeNode.callUncached(tail.function, tail.arguments);
    }

    /** The body's call: its levels count from the level of the function that first resumed the coroutine. */
    private static Object[] bodyArguments(Object[] args, int callerLevel) {
        Object[] argv = CallArguments.of(args);
        argv[CallArguments.LEVEL] = callerLevel;
        return argv;
    }

    /** Suspends the running coroutine, handing {@code values} to its resumer; returns the next resume's arguments. */
    @TruffleBoundary
    public Object[] yield(Object[] values, Node site) {
        MoatCoroutine co = current;
        if (co.isMain) {
            // Raised by the runtime while yield (a builtin) runs, so Lua gives it no position.
            throw MoatError.plain("attempt to yield from outside a coroutine", site);
        }
        if (!co.isYieldable() || co.runningBare) {
            // Running bare, a generator step reaches a yield only through a builtin's callback (a bare step
            // bails before anything else that may yield): no stack to switch, as at a C-call boundary.
            throw MoatError.plain("attempt to yield across a C-call boundary", site);
        }
        chargeSuspendedStack(co, site);
        co.transfer = values;
        co.savedDepth = context.depth;
        co.status = MoatCoroutine.Status.SUSPENDED;
        if (!backend.suspend(co, site)) {
            co.transfer = null;
            co.status = MoatCoroutine.Status.RUNNING;
            throw MoatError.at(site, "attempt to yield across a C-call boundary");
        }
        if (co.killed) {
            throw new CoroutineKill(co.killRunsClose);
        }
        context.depth = co.savedDepth;
        Object[] in = co.transfer;
        co.transfer = null;
        return in;
    }

    /**
     * A direct yield in a generator body: suspends the running coroutine as {@link #yield} does, except
     * for the stack switch, which the caller replaces by unwinding to the generator root. False (nothing
     * done) when the coroutine must switch stacks instead.
     */
    public boolean suspendGenerator(Object[] values, Node site) {
        MoatCoroutine co = current;
        if (!co.canUnwindToYield()) {
            return false;
        }
        chargeSuspendedStack(co, site);
        co.transfer = values;
        co.savedDepth = context.depth;
        co.status = MoatCoroutine.Status.SUSPENDED;
        return true;
    }

    /** True if a direct yield in the running generator body may suspend it by unwinding (see DirectYieldNode). */
    public boolean canSuspendGenerator() {
        return current.canUnwindToYield();
    }

    /**
     * A suspended coroutine keeps its frames on the heap, so its stack is memory the script holds:
     * charged per call level, once for the deepest point it has yielded from (deterministic, as depth is).
     */
    private void chargeSuspendedStack(MoatCoroutine co, Node site) {
        int levels = context.depth - co.baseDepth;
        if (levels > co.chargedLevels) {
            context.budget.allocate((long) (levels - co.chargedLevels) * SizeModel.SUSPENDED_CALL_LEVEL, site);
            co.chargedLevels = levels;
        }
    }

    private static MoatError otherThread(Node site) {
        return MoatError.at(site, "cannot continue a coroutine suspended while another host thread ran the script");
    }

    /** coroutine.close: kills a suspended coroutine (running its pending __close handlers). */
    @TruffleBoundary
    public Object[] close(MoatCoroutine co, Node site) {
        if (co.status == MoatCoroutine.Status.SUSPENDED && co.handle != null) {
            if (!backend.canResumeHere(co)) {
                throw otherThread(site);
            }
            co.killed = true;
            co.killRunsClose = true;
            MoatCoroutine caller = enter(co);
            try {
                backend.resume(co, site);
            } finally {
                leave(caller);
            }
            Throwable failure = co.failure;
            co.failure = null;
            if (failure instanceof MoatError e) {
                // A __close handler failed while closing: the handlers still pending get its error.
                co.status = MoatCoroutine.Status.DEAD;
                return new Object[]{false, settleError(co, e.getValue())};
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure instanceof Error err) {
                throw err;
            }
        }
        co.status = MoatCoroutine.Status.DEAD;
        MoatError death = co.deathError;
        if (death != null) {
            // Closing a coroutine that died with an error closes what the error left pending and reports
            // the (possibly replaced) error once, as lua_resetthread does.
            return new Object[]{false, settleError(co, death.getValue())};
        }
        return new Object[]{true};
    }

    /**
     * A coroutine that died with {@code error}: runs the __close handlers its error left pending (each
     * error raised by one replaces the error, as in Lua) and forgets the error; returns the final error.
     * coroutine.close and coroutine.wrap call this.
     */
    @TruffleBoundary
    public Object settleError(MoatCoroutine co, Object error) {
        co.deathError = null;
        java.util.ArrayList<Object> pending = co.pendingCloses;
        co.pendingCloses = null;
        Object err = error;
        int level = context.depth; // the level of coroutine.close's caller, for each handler
        if (pending != null) {
            for (Object value : pending) {
                Object handler = dev.moat.language.runtime.Metatables.metamethod(context, value,
                        dev.moat.language.runtime.Metatables.CLOSE);
                Object[] argv = {null, level, value, err};
                if (!(handler instanceof dev.moat.language.runtime.MoatFunction)) {
                    // Lua calls what is there now: a __call handler, or nothing it can call, which is an
                    // error without a position (C code calls it)
                    Object viaCall = handler == null ? null
                            : dev.moat.language.runtime.Metatables.metamethod(context, handler, dev.moat.language.runtime.Metatables.CALL);
                    if (!(viaCall instanceof dev.moat.language.runtime.MoatFunction)) {
                        err = dev.moat.language.runtime.MoatStrings.fromJava("attempt to call a "
                                + dev.moat.language.runtime.LuaValues.objTypeName(handler == null ? dev.moat.language.runtime.MoatNil.NIL : handler) + " value");
                        continue;
                    }
                    argv = new Object[]{null, level, handler, value, err};
                    handler = viaCall;
                }
                dev.moat.language.runtime.MoatFunction f = (dev.moat.language.runtime.MoatFunction) handler;
                try {
                    dev.moat.language.nodes.call.InvokeNode.callUncached(f, argv);
                } catch (MoatError e) {
                    err = e.getValue();
                } finally {
                    context.depth = level;
                }
            }
        }
        return err;
    }

    /** True while an error raised now would leave the running coroutine uncaught (no pcall inside it). */
    public boolean errorEndsCurrentCoroutine() {
        return current != main && current.protectedCalls == 0;
    }

    /** Keeps a to-be-closed value for {@link #settleError} instead of closing it during the unwind. */
    @TruffleBoundary
    public void deferClose(Object value) {
        if (current.pendingCloses == null) {
            current.pendingCloses = new java.util.ArrayList<>();
        }
        current.pendingCloses.add(value);
    }

    /** pcall/xpcall entry: returns the coroutine whose count to restore with {@link #leaveProtected}. */
    public MoatCoroutine enterProtected() {
        MoatCoroutine co = current;
        co.protectedCalls++;
        return co;
    }

    public void leaveProtected(MoatCoroutine co) {
        co.protectedCalls--;
    }

    /** Context disposal: releases every suspended coroutine without running guest code. */
    @TruffleBoundary
    public void disposeAll() {
        backend.disposeAll();
    }
}

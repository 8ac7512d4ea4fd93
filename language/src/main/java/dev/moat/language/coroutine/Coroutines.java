package dev.moat.language.coroutine;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.MoatContext;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MultiValue;

import java.util.ArrayList;
import java.util.List;

/**
 * The coroutine machinery of one context: which coroutine runs, resume/yield handoffs, and shutting
 * down suspended coroutines when the context is disposed (no guest code runs after a run returns).
 */
public final class Coroutines {
    private final MoatContext context;
    private final MoatCoroutine main = new MoatCoroutine(null, true);
    private MoatCoroutine current = main;
    private final List<MoatCoroutine> started = new ArrayList<>();
    private int live;
    private final int maxLive;

    public Coroutines(MoatContext context, int maxLive) {
        this.context = context;
        this.maxLive = maxLive;
    }

    public MoatCoroutine current() {
        return current;
    }

    @TruffleBoundary
    public MoatCoroutine create(MoatFunction body, Node site) {
        if (maxLive > 0 && live >= maxLive) {
            throw MoatError.at(site, "too many live coroutines (limit " + maxLive + ")");
        }
        context.budget.allocate(SizeModel.COROUTINE, site);
        return new MoatCoroutine(body, false);
    }

    /** Resumes {@code co}; returns {true, values...} or {false, error}. Non-catchable failures are re-thrown. */
    @TruffleBoundary
    public Object[] resume(MoatCoroutine co, Object[] args, Node site) {
        if (co.status == MoatCoroutine.Status.DEAD) {
            return new Object[]{false, MoatStrings.fromJava("cannot resume dead coroutine")};
        }
        if (co.status != MoatCoroutine.Status.SUSPENDED) {
            return new Object[]{false, MoatStrings.fromJava("cannot resume non-suspended coroutine")};
        }
        MoatCoroutine caller = current;
        caller.status = MoatCoroutine.Status.NORMAL;
        caller.savedDepth = context.depth;
        co.resumer = caller;
        co.transfer = args;
        co.status = MoatCoroutine.Status.RUNNING;
        current = co;
        if (co.thread == null) {
            co.savedDepth = context.depth;
            start(co, site);
        } else {
            co.toCoroutine.release();
        }
        await(co.toResumer, site);
        current = caller;
        caller.status = MoatCoroutine.Status.RUNNING;
        context.depth = caller.savedDepth;
        Throwable failure = co.failure;
        if (failure != null) {
            co.failure = null;
            if (failure instanceof MoatError e) {
                co.deathError = e;
                return new Object[]{false, e.getValue()};
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            throw (Error) failure;
        }
        Object[] out = co.transfer;
        Object[] result = new Object[out.length + 1];
        result[0] = true;
        System.arraycopy(out, 0, result, 1, out.length);
        return result;
    }

    private void start(MoatCoroutine co, Node site) {
        Env env = context.getEnv();
        if (!env.isCreateThreadAllowed()) {
            co.status = MoatCoroutine.Status.DEAD;
            throw MoatError.at(site, "coroutines are not available in this context");
        }
        live++;
        started.add(co);
        Thread t = env.newTruffleThreadBuilder(() -> runBody(co)).virtual(true).build();
        co.thread = t;
        t.start();
    }

    private void runBody(MoatCoroutine co) {
        context.depth = co.savedDepth;
        try {
            Object result = InvokeNode.callUncached(co.body, prepend(co.transfer));
            co.transfer = MultiValue.all(result);
        } catch (CoroutineKill k) {
            co.transfer = MultiValue.EMPTY;
        } catch (Throwable t) {
            co.failure = t;
        } finally {
            co.status = MoatCoroutine.Status.DEAD;
            live--;
            co.toResumer.release();
        }
    }

    /** Blocks for a handoff while still letting Truffle safepoint actions (cancel, timeout) run. */
    private static void await(java.util.concurrent.Semaphore semaphore, Node site) {
        com.oracle.truffle.api.TruffleSafepoint.setBlockedThreadInterruptible(site, java.util.concurrent.Semaphore::acquire, semaphore);
    }

    private static Object[] prepend(Object[] args) {
        Object[] argv = new Object[args.length + 1];
        System.arraycopy(args, 0, argv, 1, args.length);
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
        if (!co.isYieldable()) {
            throw MoatError.plain("attempt to yield across a C-call boundary", site);
        }
        co.transfer = values;
        co.savedDepth = context.depth;
        co.status = MoatCoroutine.Status.SUSPENDED;
        co.toResumer.release();
        await(co.toCoroutine, site);
        if (co.killed) {
            throw new CoroutineKill(co.killRunsClose);
        }
        context.depth = co.savedDepth;
        return co.transfer;
    }

    /** coroutine.close: kills a suspended coroutine (running its pending __close handlers). */
    @TruffleBoundary
    public Object[] close(MoatCoroutine co, Node site) {
        if (co.status == MoatCoroutine.Status.SUSPENDED && co.thread != null) {
            MoatCoroutine caller = current;
            co.killed = true;
            co.killRunsClose = true;
            current = co;
            co.status = MoatCoroutine.Status.RUNNING;
            co.toCoroutine.release();
            await(co.toResumer, site);
            current = caller;
            Throwable failure = co.failure;
            if (failure instanceof MoatError e) {
                return new Object[]{false, e.getValue()};
            }
        }
        co.status = MoatCoroutine.Status.DEAD;
        MoatError death = co.deathError;
        if (death != null) {
            // Closing a coroutine that died with an error reports that error once, as lua_resetthread does.
            co.deathError = null;
            return new Object[]{false, death.getValue()};
        }
        return new Object[]{true};
    }

    /** The error a coroutine died with has been reported elsewhere (coroutine.wrap re-raised it). */
    public void forgetError(MoatCoroutine co) {
        co.deathError = null;
    }

    /** Context disposal: unwind every suspended coroutine thread without running guest code, then join. */
    @TruffleBoundary
    public void disposeAll() {
        for (MoatCoroutine co : started) {
            if (co.status != MoatCoroutine.Status.DEAD && co.thread != null) {
                co.killed = true;
                co.killRunsClose = false;
                co.toCoroutine.release();
            }
        }
        for (MoatCoroutine co : started) {
            if (co.thread != null) {
                try {
                    co.thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

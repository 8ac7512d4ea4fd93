package dev.moat.language.coroutine;

import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.MoatContext;
import dev.moat.language.runtime.MoatError;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The portable fallback when the JVM does not export continuations to Moat: each started coroutine
 * runs on its own Truffle virtual thread (never a platform thread), and a flag plus park/unpark hands
 * control over. Waiting is interruptible for Truffle safepoints, so cancel and timeout reach a run
 * whose threads are all waiting.
 */
final class VirtualThreadBackend extends CoroutineBackend {
    /** Per-coroutine handoff state; {@code coroutineTurn} says which side may run. */
    static final class Handoff {
        Thread thread;
        volatile Thread resumer;
        volatile boolean coroutineTurn;
    }

    private static final TruffleSafepoint.Interruptible<Handoff> UNTIL_COROUTINE_TURN = h -> {
        while (!h.coroutineTurn) {
            LockSupport.park(h);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    };

    private static final TruffleSafepoint.Interruptible<Handoff> UNTIL_RESUMER_TURN = h -> {
        while (h.coroutineTurn) {
            LockSupport.park(h);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    };

    private final MoatContext context;
    /** Started coroutines whose body has not returned: disposal wakes them with a kill. */
    private final Set<MoatCoroutine> unfinished = ConcurrentHashMap.newKeySet();
    /** Every coroutine thread started, until it is known to have terminated: disposal joins them. */
    private final CoroutineThreads threads = new CoroutineThreads();

    VirtualThreadBackend(MoatContext context) {
        this.context = context;
    }

    @Override
    void start(MoatCoroutine co, Runnable body, Node site) {
        Env env = context.getEnv();
        if (!env.isCreateThreadAllowed()) {
            throw MoatError.at(site, "coroutines are not available in this context");
        }
        Handoff h = new Handoff();
        h.thread = env.newTruffleThreadBuilder(() -> {
            try {
                body.run();
            } finally {
                unfinished.remove(co);
                h.coroutineTurn = false;
                LockSupport.unpark(h.resumer);
            }
        }).virtual(true).build();
        co.handle = h; // only once it has a thread: a coroutine whose thread could not be built is dead
        unfinished.add(co);
        threads.record(h.thread);
        h.resumer = Thread.currentThread();
        h.coroutineTurn = true;
        h.thread.start();
        await(h, UNTIL_RESUMER_TURN, site);
    }

    @Override
    void resume(MoatCoroutine co, Node site) {
        Handoff h = (Handoff) co.handle;
        h.resumer = Thread.currentThread();
        h.coroutineTurn = true;
        LockSupport.unpark(h.thread);
        await(h, UNTIL_RESUMER_TURN, site);
    }

    @Override
    boolean suspend(MoatCoroutine co, Node site) {
        Handoff h = (Handoff) co.handle;
        h.coroutineTurn = false;
        LockSupport.unpark(h.resumer);
        await(h, UNTIL_COROUTINE_TURN, site);
        return true;
    }

    @Override
    boolean canResumeHere(MoatCoroutine co) {
        return true; // the coroutine's frames belong to its own virtual thread
    }

    private static void await(Handoff h, TruffleSafepoint.Interruptible<Handoff> until, Node site) {
        TruffleSafepoint.setBlockedThreadInterruptible(site, until, h);
    }

    /** Wakes every suspended coroutine with a kill that runs no guest code, then joins all threads. */
    @Override
    void disposeAll() {
        for (MoatCoroutine co : new ArrayList<>(unfinished)) {
            Handoff h = (Handoff) co.handle;
            co.killed = true;
            co.killRunsClose = false;
            h.resumer = Thread.currentThread();
            h.coroutineTurn = true;
            LockSupport.unpark(h.thread);
        }
        threads.joinAll(10_000);
    }

    @Override
    String name() {
        return "thread";
    }
}

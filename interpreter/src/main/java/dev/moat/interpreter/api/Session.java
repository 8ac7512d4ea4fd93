package dev.moat.interpreter.api;

import dev.moat.interpreter.api.MoatException.Kind;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A persistent context: globals and functions defined by one {@link #eval} stay for the next. Budgets
 * accumulate over the session's life; after a budget is exhausted the session refuses further work.
 */
public final class Session implements AutoCloseable {
    private final Context context;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** Why the session refuses work: the kind of the eval that was stopped part-way, or null. */
    private Kind stoppedBy;
    private final MoatEngine engine;
    /**
     * The session's own runner thread: coroutines are continuations whose suspended frames belong to the
     * thread they ran on, so every eval of a session runs on the same thread.
     */
    private final java.util.concurrent.ExecutorService runner;

    /** The runner thread while an eval runs: a host function it calls must not wait for the session. */
    private volatile Thread evaluating;
    private volatile boolean closed;

    /** The session whose eval the current thread runs (runner threads only), to find waits that close a cycle. */
    private static final ThreadLocal<Session> SERVING = new ThreadLocal<>();
    /** The session a host function of this session's running eval waits for, or null. */
    private volatile Session waitingFor;

    Session(MoatEngine engine) {
        this.engine = engine;
        this.runner = engine.newSessionRunner();
        this.context = engine.onRunner(runner, () -> engine.newContext(out, engine.limits()), () -> {
        });
    }

    public Result eval(String code) {
        return eval("session", code);
    }

    /**
     * Evaluates {@code code} in the session. Refused with CANCELLED once the session or its engine is closed,
     * and when called by a host function of this session's own running eval (which would wait for itself).
     * An interrupted caller gets CANCELLED and the eval is interrupted.
     */
    public Result eval(String name, String code) {
        if (closed) {
            throw new MoatException(Kind.CANCELLED, "the session is closed", List.of());
        }
        if (Thread.currentThread() == evaluating) {
            throw new MoatException(Kind.CANCELLED,
                    "the session is busy: a host function cannot evaluate code in the session that called it", List.of());
        }
        Session caller = SERVING.get();
        if (caller == null) {
            return engine.onRunner(runner, () -> evalHere(name, code), this::interrupt);
        }
        synchronized (SERVING) { // check and mark as one step: two sessions calling each other at once see each other
            if (waitsFor(caller)) {
                throw new MoatException(Kind.CANCELLED, "the session is busy: it waits, through host functions, for the "
                        + "session that calls it", List.of());
            }
            caller.waitingFor = this;
        }
        try {
            return engine.onRunner(runner, () -> evalHere(name, code), this::interrupt);
        } finally {
            caller.waitingFor = null;
        }
    }

    /**
     * Whether this session's running eval waits, directly or through other sessions' host functions, for
     * {@code caller}'s: a host function of A evaluating in B while one of B's evaluates in A would leave both
     * runner threads waiting for each other for ever. Bounded, as another pair may be changing meanwhile.
     */
    private boolean waitsFor(Session caller) {
        Session s = waitingFor;
        for (int step = 0; s != null && step < 10_000; step++) {
            if (s == caller) {
                return true;
            }
            s = s.waitingFor;
        }
        return false;
    }

    /** Stops the running eval, keeping the session (Truffle's interrupt, not a cancel). */
    private void interrupt() {
        try {
            context.interrupt(Duration.ofSeconds(10));
        } catch (java.util.concurrent.TimeoutException | RuntimeException notStopped) {
            // a host function that does not return; closing the session would stop it
        }
    }

    private Result evalHere(String name, String code) {
        evaluating = Thread.currentThread();
        SERVING.set(this);
        try {
            return evalOnRunner(name, code);
        } finally {
            SERVING.remove();
            evaluating = null;
        }
    }

    private Result evalOnRunner(String name, String code) {
        if (stoppedBy != null) {
            throw new MoatException(Kind.CANCELLED, "the session is no longer usable: an earlier eval was stopped part-way ("
                    + stoppedBy + ")", List.of());
        }
        long start = System.nanoTime();
        int mark = out.size();
        try {
            Value results = context.eval(Source.newBuilder("moat", code, name).buildLiteral());
            List<Object> values = new ArrayList<>();
            for (long i = 0; i < results.getArraySize(); i++) {
                values.add(Values.toJava(results.getArrayElement(i)));
            }
            Value stats = stats(context);
            String all = out.toString(StandardCharsets.UTF_8);
            return new Result(values, all.substring(Math.min(mark, all.length())), stats.getArrayElement(0).asLong(),
                    stats.getArrayElement(1).asLong(), Duration.ofNanos(System.nanoTime() - start));
        } catch (PolyglotException e) {
            MoatException m = Errors.from(e, false);
            if (m.kind() != Kind.RUNTIME && m.kind() != Kind.SYNTAX && m.kind() != Kind.HOST_FUNCTION && m.kind() != Kind.DEPTH) {
                stoppedBy = m.kind(); // its globals may be half-updated
            }
            throw m;
        } catch (IllegalStateException e) {
            if (closed || engine.isClosed()) { // closed under the eval, from another thread
                throw new MoatException(Kind.CANCELLED, "the session is closed", List.of());
            }
            throw new MoatException(Kind.INTERNAL, "internal error", List.of());
        }
    }

    static Value stats(Context context) {
        return context.eval(Source.newBuilder("moat", "", "stats").mimeType("application/x-moat-stats").buildLiteral());
    }

    @Override
    public void close() {
        closed = true;
        try {
            context.close(true);
        } catch (IllegalStateException alreadyClosed) {
            // the engine closed it
        } finally {
            runner.shutdown();
            engine.forget(this);
        }
    }
}

package dev.moat.interpreter.api;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A compiled script; {@link #run} executes it in a fresh, isolated context each time. */
public final class Script {
    private final MoatEngine engine;
    private final Source source;

    Script(MoatEngine engine, Source source) {
        this.engine = engine;
        this.source = source;
    }

    public String name() {
        return source.getName();
    }

    public Result run() {
        return run(Map.of());
    }

    /** Runs with {@code inputs} copied in as globals; throws {@link MoatException} on any failure. */
    public Result run(Map<String, ?> inputs) {
        return run(inputs, engine.limits());
    }

    public Result run(Map<String, ?> inputs, Limits limits) {
        engine.checkOpen();
        RunningContext running = new RunningContext();
        return engine.onRunner(engine.runners(), () -> runHere(inputs, limits, running), running::cancel);
    }

    /** The context a run executes in, so that a host which stops waiting (an interrupt) can cancel the run. */
    private static final class RunningContext {
        private Context context;
        private boolean cancelled;

        /** Records the run's context; a run cancelled before it got one stops here. */
        synchronized void set(Context c) {
            if (cancelled) {
                throw new MoatException(MoatException.Kind.CANCELLED, "cancelled", List.of());
            }
            context = c;
        }

        synchronized boolean isCancelled() {
            return cancelled;
        }

        /** The context is the run's own, so cancelling closes it; the run's thread then ends with CANCELLED. */
        synchronized void cancel() {
            cancelled = true;
            if (context != null) {
                try {
                    context.close(true);
                } catch (RuntimeException alreadyClosed) {
                    // the run ended meanwhile
                }
            }
        }
    }

    private Result runHere(Map<String, ?> inputs, Limits limits, RunningContext running) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        AtomicBoolean timedOut = new AtomicBoolean();
        Context context = engine.newContext(out, limits);
        ScheduledFuture<?> timeout = null;
        try {
            running.set(context);
            if (!limits.timeout().isZero()) {
                timeout = engine.timer().schedule(() -> {
                    timedOut.set(true);
                    context.close(true);
                }, limits.timeout().toNanos(), TimeUnit.NANOSECONDS);
            }
            Value bindings = context.getBindings("moat");
            for (Map.Entry<String, ?> e : inputs.entrySet()) {
                bindings.putMember(e.getKey(), Values.toGuest(e.getValue()));
            }
            Value results = context.eval(source);
            List<Object> values = new ArrayList<>();
            for (long i = 0; i < results.getArraySize(); i++) {
                values.add(Values.toJava(results.getArrayElement(i)));
            }
            Value stats = Session.stats(context);
            return new Result(values, out.toString(StandardCharsets.UTF_8), stats.getArrayElement(0).asLong(),
                    stats.getArrayElement(1).asLong(), Duration.ofNanos(System.nanoTime() - start));
        } catch (PolyglotException e) {
            throw Errors.from(e, timedOut.get());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new MoatException(MoatException.Kind.CANCELLED, "the engine is closed", List.of());
        } catch (IllegalStateException e) {
            if (timedOut.get()) {
                throw new MoatException(MoatException.Kind.TIMEOUT, "timeout: the run exceeded its time limit", List.of());
            }
            if (running.isCancelled() || engine.isClosed()) { // the context was closed under the run
                throw new MoatException(MoatException.Kind.CANCELLED, "cancelled", List.of());
            }
            throw new MoatException(MoatException.Kind.INTERNAL, "internal error", List.of());
        } finally {
            if (timeout != null) {
                timeout.cancel(false);
            }
            try {
                context.close(true);
            } catch (RuntimeException ignored) {
                // already closed by the timeout
            }
        }
    }
}

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
    private boolean dead;
    private final MoatEngine engine;
    /**
     * The session's own runner thread: coroutines are continuations whose suspended frames belong to the
     * thread they ran on, so every eval of a session runs on the same thread.
     */
    private final java.util.concurrent.ExecutorService runner;

    Session(MoatEngine engine) {
        this.engine = engine;
        this.runner = engine.newSessionRunner();
        this.context = engine.onRunner(runner, () -> engine.newContext(out, engine.limits()));
    }

    public Result eval(String code) {
        return eval("session", code);
    }

    public Result eval(String name, String code) {
        return engine.onRunner(runner, () -> evalHere(name, code));
    }

    private Result evalHere(String name, String code) {
        if (dead) {
            throw new MoatException(Kind.CANCELLED, "session is no longer usable after an exhausted budget", List.of());
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
                dead = true;
            }
            throw m;
        }
    }

    static Value stats(Context context) {
        return context.eval(Source.newBuilder("moat", "", "stats").mimeType("application/x-moat-stats").buildLiteral());
    }

    @Override
    public void close() {
        try {
            context.close(true);
        } finally {
            runner.shutdown();
        }
    }
}

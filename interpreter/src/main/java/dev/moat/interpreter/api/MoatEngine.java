package dev.moat.interpreter.api;

import dev.moat.language.builtins.LibrarySelection;
import dev.moat.language.host.ModuleResolvers;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The entry point for hosts. Built once and shared (thread-safe): it owns one polyglot engine, so parsed
 * and compiled code is reused by every run, while each run gets a fresh context with everything denied
 * (no host access, IO, threads, native access, processes or environment).
 *
 * <pre>{@code
 * MoatEngine engine = MoatEngine.builder()
 *     .limits(Limits.defaults())
 *     .hostFunction("rate", 1, args -> rates.get((String) args.get(0)))
 *     .build();
 * Script rule = engine.compile("pricing.moat", code);      // syntax errors are thrown here
 * Result r = rule.run(Map.of("order", order));             // fresh isolated context per run
 * }</pre>
 */
public final class MoatEngine implements AutoCloseable {
    private final Engine engine;
    private final Limits limits;
    private final Map<String, HostFunctionSpec> hostFunctions;
    private final String libraries;
    private final String fixedTime;
    private final String randomSeed;
    private final ScheduledExecutorService timer;
    /** The name the builder's module resolver is registered under in-process (ModuleResolvers), or "". */
    private final String moduleResolver;
    private final java.util.concurrent.ExecutorService runners;
    /** Guest code runs on threads with a large stack, so deep recursion meets the depth limit, not the JVM's. */
    static final long RUNNER_STACK = 512L << 20;
    private volatile boolean closed;
    /** Open sessions, closed with the engine so that their runner threads end. */
    private final java.util.Set<Session> sessions = java.util.concurrent.ConcurrentHashMap.newKeySet();

    record HostFunctionSpec(int arity, HostFunction function) {
    }

    private MoatEngine(Builder b) {
        // A library name that no library has fails here, at build(), rather than at every run.
        LibrarySelection.parse(String.join(",", b.libraries));
        this.engine = Engine.newBuilder("moat").allowExperimentalOptions(true)
                .option("engine.WarnInterpreterOnly", "false")
                .option("engine.WarnVirtualThreadSupport", "false")
                .options(b.engineOptions).build();
        this.limits = b.limits;
        this.hostFunctions = Map.copyOf(b.hostFunctions);
        this.libraries = String.join(",", b.libraries);
        this.fixedTime = b.fixedTime == null ? "" : Long.toString(b.fixedTime.getEpochSecond());
        this.randomSeed = b.randomSeed == null ? "" : Long.toString(b.randomSeed);
        this.moduleResolver = b.moduleResolver == null ? "" : ModuleResolvers.register(b.moduleResolver);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "moat-timeout");
            t.setDaemon(true);
            return t;
        });
        this.runners = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(null, r, "moat-runner", RUNNER_STACK);
            t.setDaemon(true);
            return t;
        });
    }

    /** A single runner thread with a large stack, for a session that must always run on one thread. */
    java.util.concurrent.ExecutorService newSessionRunner() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "moat-session", RUNNER_STACK);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs guest work on a runner thread and waits for it; exceptions pass through unchanged. */
    <T> T onRunner(java.util.concurrent.Callable<T> work) {
        return onRunner(runners, work, () -> {
        });
    }

    /**
     * Runs {@code work} on {@code executor} and waits for it. If the waiting host thread is interrupted, the
     * host gets CANCELLED at once and {@code cancel} (which stops the guest code the work runs) is called on
     * the timer thread, so the host thread does not wait for the guest to notice. After {@link #close()} every
     * call is refused with CANCELLED.
     */
    <T> T onRunner(java.util.concurrent.ExecutorService executor, java.util.concurrent.Callable<T> work, Runnable cancel) {
        java.util.concurrent.Future<T> f;
        try {
            f = executor.submit(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new MoatException(MoatException.Kind.CANCELLED, closed ? "the engine is closed" : "the session is closed", List.of());
        }
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new MoatException(MoatException.Kind.INTERNAL, "internal error", List.of());
        } catch (InterruptedException e) {
            f.cancel(true);
            try {
                timer.execute(cancel);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // the engine is closing: it cancels every context itself
            }
            Thread.currentThread().interrupt();
            throw new MoatException(MoatException.Kind.CANCELLED, "cancelled", List.of());
        } catch (java.util.concurrent.CancellationException e) {
            throw new MoatException(MoatException.Kind.CANCELLED, "cancelled", List.of());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Parses a script (cached by the engine); syntax errors are reported here with line and column. Parsing
     * runs on a runner thread too: hostile source (a 50,000-long call chain) must not need the host thread's
     * stack.
     */
    public Script compile(String name, String code) {
        checkOpen();
        Source source = Source.newBuilder("moat", code, name).cached(true).buildLiteral();
        onRunner(() -> {
            try (Context context = newContext(new ByteArrayOutputStream(), limits)) {
                context.parse(source);
            } catch (PolyglotException e) {
                throw Errors.from(e, false);
            }
            return null;
        });
        return new Script(this, source);
    }

    /** A persistent context for stateful use (REPL-like sessions, repeated calls into script functions). */
    public Session newSession() {
        checkOpen();
        Session session = new Session(this);
        sessions.add(session);
        return session;
    }

    Context newContext(ByteArrayOutputStream out, Limits l) {
        Context context = Context.newBuilder("moat")
                .engine(engine)
                .allowAllAccess(false)
                .allowHostAccess(org.graalvm.polyglot.HostAccess.NONE)
                .allowHostClassLookup(c -> false)
                .allowIO(org.graalvm.polyglot.io.IOAccess.NONE)
                .allowCreateThread(true) // used only by coroutines (one virtual thread each, strict handoff)
                .allowNativeAccess(false)
                .allowCreateProcess(false)
                .allowEnvironmentAccess(org.graalvm.polyglot.EnvironmentAccess.NONE)
                .allowPolyglotAccess(org.graalvm.polyglot.PolyglotAccess.newBuilder().allowBindingsAccess("moat").build())
                .out(out)
                .err(out)
                .option("moat.MaxInstructions", Long.toString(l.instructions()))
                .option("moat.MaxMemory", Long.toString(l.memoryBytes()))
                .option("moat.MaxOutput", Long.toString(l.outputBytes()))
                .option("moat.MaxDepth", Integer.toString(l.callDepth()))
                .option("moat.Libraries", libraries)
                .option("moat.ReturnAllResults", "true")
                .option("moat.MaxCoroutines", "1000")
                .option("moat.FixedTime", fixedTime)
                .option("moat.RandomSeed", randomSeed)
                .option("moat.ModuleResolver", moduleResolver)
                .build();
        Value bindings = context.getBindings("moat");
        for (Map.Entry<String, HostFunctionSpec> e : hostFunctions.entrySet()) {
            bindings.putMember(e.getKey(), proxy(e.getKey(), e.getValue()));
        }
        return context;
    }

    private static ProxyExecutable proxy(String name, HostFunctionSpec spec) {
        return args -> {
            if (spec.arity() >= 0 && args.length != spec.arity()) {
                throw new IllegalArgumentException("expects " + spec.arity() + " argument" + (spec.arity() == 1 ? "" : "s")
                        + ", got " + args.length);
            }
            List<Object> copies = new ArrayList<>(args.length);
            for (Value a : args) {
                copies.add(Values.toJava(a));
            }
            Object result;
            try {
                result = spec.function().apply(copies);
            } catch (RuntimeException e) {
                throw new IllegalStateException(e.getMessage() == null ? "failed" : e.getMessage());
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage() == null ? "failed" : e.getMessage());
            }
            return Values.resultToGuest(result);
        };
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /**
     * Closes the engine: runs and sessions still executing are cancelled (their hosts get CANCELLED), and
     * later calls of {@code run}, {@code compile}, {@code newSession} or a session's {@code eval} are refused
     * with CANCELLED.
     */
    @Override
    public void close() {
        closed = true;
        if (!moduleResolver.isEmpty()) {
            ModuleResolvers.unregister(moduleResolver);
        }
        timer.shutdownNow();
        runners.shutdownNow();
        for (Session session : List.copyOf(sessions)) {
            session.close(); // ends its runner thread too
        }
        engine.close(true);
    }

    /** A closed session, no longer closed with the engine. */
    void forget(Session session) {
        sessions.remove(session);
    }

    boolean isClosed() {
        return closed;
    }

    java.util.concurrent.ExecutorService runners() {
        return runners;
    }

    /** Refuses work once the engine is closed. */
    void checkOpen() {
        if (closed) {
            throw new MoatException(MoatException.Kind.CANCELLED, "the engine is closed", List.of());
        }
    }

    /** Configures an engine: limits, host functions, libraries. */
    public static final class Builder {
        private Limits limits = Limits.defaults();
        private final Map<String, HostFunctionSpec> hostFunctions = new LinkedHashMap<>();
        private final List<String> libraries = new ArrayList<>();
        private final Map<String, String> engineOptions = new LinkedHashMap<>();
        private java.util.function.Function<String, String> moduleResolver;
        private java.time.Instant fixedTime;
        private Long randomSeed;

        /**
         * Deterministic runs: os.time/os.date see this instant and os.clock counts one nanosecond per
         * instruction, instead of the host's clocks.
         */
        public Builder fixedTime(java.time.Instant instant) {
            this.fixedTime = instant;
            return this;
        }

        /** Seeds math.random in every run (default: from the host clock, like lua5.4). */
        public Builder randomSeed(long seed) {
            this.randomSeed = seed;
            return this;
        }

        /** Where {@code require(name)} finds modules: name -> source text, or null when there is none. */
        public Builder moduleResolver(java.util.function.Function<String, String> resolver) {
            this.moduleResolver = resolver;
            return this;
        }

        /** Advanced: a GraalVM engine option, e.g. "engine.Compilation" = "false" to test the interpreter. */
        public Builder engineOption(String key, String value) {
            engineOptions.put(key, value);
            return this;
        }

        public Builder limits(Limits l) {
            this.limits = l;
            return this;
        }

        /** Registers a function scripts can call by {@code name}; {@code arity} -1 accepts any count. */
        public Builder hostFunction(String name, int arity, HostFunction function) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("not a Lua name: " + name);
            }
            hostFunctions.put(name, new HostFunctionSpec(arity, function));
            return this;
        }

        /**
         * Restricts the libraries (default: all of string, table, math, os, io, ...); {@link #build()} throws
         * IllegalArgumentException for a name that no library has.
         */
        public Builder libraries(String... names) {
            libraries.addAll(List.of(names));
            return this;
        }

        public MoatEngine build() {
            return new MoatEngine(this);
        }
    }
}

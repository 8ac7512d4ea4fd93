package dev.moat.tck;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Runs a script in a fresh Moat context and captures what it printed and the error it ended with. */
final class MoatRunner {
    record Outcome(String stdout, String error) {
    }

    private MoatRunner() {
    }

    /** One engine for a test class's scripts (they share parsed code), without the warnings meant for users. */
    static Engine sharedEngine() {
        return Engine.newBuilder("moat").allowExperimentalOptions(true).option("engine.WarnInterpreterOnly", "false")
                .option("engine.WarnVirtualThreadSupport", "false").build();
    }

    /** An engine that compiles every call target at its first call, synchronously, throwing on failures. */
    static Engine compileImmediatelyEngine() {
        return Engine.newBuilder("moat").allowExperimentalOptions(true)
                .option("engine.CompileImmediately", "true")
                .option("engine.BackgroundCompilation", "false")
                .option("engine.CompilationFailureAction", "Throw")
                .build();
    }

    /** An engine that never compiles (the reference for compiled results). */
    static Engine interpreterOnlyEngine() {
        return Engine.newBuilder("moat").allowExperimentalOptions(true).option("engine.Compilation", "false")
                .option("engine.WarnInterpreterOnly", "false").build();
    }

    static Outcome run(Engine engine, Path script, String chunkName) throws IOException {
        return run(engine, script, chunkName, java.util.Map.of());
    }

    /** As {@link #run(Engine, Path, String)}, with extra context options (e.g. moat.CoroutineBackend). */
    static Outcome run(Engine engine, Path script, String chunkName, java.util.Map<String, String> options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String code = Files.readString(script, StandardCharsets.UTF_8);
        Context.Builder builder = Context.newBuilder("moat").out(out).err(out).allowAllAccess(false).allowCreateThread(true)
                .allowExperimentalOptions(true).options(options);
        if (engine != null) {
            builder.engine(engine);
        }
        String error = null;
        try (Context context = builder.build()) {
            context.eval(Source.newBuilder("moat", code, chunkName).build());
        } catch (PolyglotException e) {
            error = e.getMessage();
        }
        return new Outcome(out.toString(StandardCharsets.ISO_8859_1), error);
    }

    /** What {@link #runTraced} saw: the program's output and the engine's log. */
    record Traced(String stdout, String log) {
    }

    /**
     * Runs {@code program} on an engine that compiles a call target after {@code threshold} calls or loop
     * iterations, synchronously and in one tier, with the boolean engine option {@code traceOption} (such
     * as "engine.TraceCompilation") on and the engine's log captured. Fails unless the Graal JIT is active.
     */
    static Traced runTraced(String program, int threshold, String traceOption) {
        return runTraced(program, threshold, traceOption, true);
    }

    /**
     * {@link #runTraced} on a context with its own engine (not an explicit one): the engine serves one
     * context only, which lets nodes fold that context's objects into constants (MoatLanguage's
     * single-context assumption), as in the CLI.
     */
    static Traced runTracedSingleContext(String program, int threshold, String traceOption) {
        return runTraced(program, threshold, traceOption, false);
    }

    /**
     * Fails unless an {@code engine.TraceCompilation} log shows the function {@code caller} compiled and a target
     * whose name matches {@code callee} compiled on its own, so called out of line (else a test of what such calls
     * do is too weak), and no compilation given up.
     */
    static void assertCompiledApart(String trace, String caller, String callee) {
        org.junit.jupiter.api.Assertions.assertTrue(java.util.regex.Pattern.compile("opt done .*\\b" + caller + "\\b")
                .matcher(trace).find(), caller + " never compiled (test too weak):\n" + trace);
        org.junit.jupiter.api.Assertions.assertTrue(java.util.regex.Pattern.compile("opt done .*" + callee).matcher(trace).find(),
                callee + " never compiled on its own, so never called out of line (test too weak):\n" + trace);
        org.junit.jupiter.api.Assertions.assertFalse(trace.contains("opt failed"), "a compilation gave up:\n" + trace);
    }

    /** {@link #runTraced} with further engine options (such as "compiler.Inlining" = "false"). */
    static Traced runTraced(String program, int threshold, String traceOption, java.util.Map<String, String> extraOptions) {
        return runTraced(program, threshold, traceOption, true, extraOptions);
    }

    private static Traced runTraced(String program, int threshold, String traceOption, boolean explicitEngine) {
        return runTraced(program, threshold, traceOption, explicitEngine, java.util.Map.of());
    }

    private static Traced runTraced(String program, int threshold, String traceOption, boolean explicitEngine,
            java.util.Map<String, String> extraOptions) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.Map<String, String> options = new java.util.HashMap<>(extraOptions);
        options.putAll(java.util.Map.of(
                "engine.BackgroundCompilation", "false",
                "engine.MultiTier", "false",
                "engine.SingleTierCompilationThreshold", Integer.toString(threshold),
                "engine.CompilationFailureAction", "Throw",
                traceOption, "true"));
        Engine engine = explicitEngine
                ? Engine.newBuilder("moat").allowExperimentalOptions(true).options(options).logHandler(log).build()
                : null;
        Context.Builder builder = Context.newBuilder("moat").out(out);
        if (engine != null) {
            builder.engine(engine);
        } else {
            builder.allowExperimentalOptions(true).options(options).logHandler(log);
        }
        try (Context context = builder.build()) {
            assertNotEquals("Interpreted", context.getEngine().getImplementationName(), "the Graal JIT must be active in tests (see surefire argLine)");
            context.eval(Source.create("moat", program));
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
        return new Traced(out.toString(StandardCharsets.UTF_8), log.toString(StandardCharsets.UTF_8));
    }
}

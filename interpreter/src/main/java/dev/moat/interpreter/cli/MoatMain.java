package dev.moat.interpreter.cli;

import dev.moat.language.MoatLanguage;
import dev.moat.language.host.ModuleResolvers;
import dev.moat.language.parser.SourceText;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code moat} command: {@code moat FILE [args]}, {@code moat -e CODE}, {@code moat -} (stdin),
 * {@code moat -v}, {@code moat -h}, and the REPL when started on a terminal without arguments.
 * Exit codes: 0 success, 1 script or syntax error, 2 bad usage, 3 a budget was exhausted.
 */
public final class MoatMain {
    static final String VERSION = "Moat 0.1 (Lua 5.4 on Truffle)";
    /** Guest recursion runs on this thread; a large stack lets deep Lua recursion reach the depth limit. */
    private static final long STACK_SIZE = 2L << 30;

    private MoatMain() {
    }

    public static void main(String[] args) {
        int[] status = new int[1];
        Thread runner = new Thread(null, () -> status[0] = run(args), "moat-main", STACK_SIZE);
        runner.start();
        try {
            runner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.flush();
        System.exit(status[0]);
    }

    static int run(String[] args) {
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("moat: " + e.getMessage());
            System.err.println(CliOptions.USAGE);
            return 2;
        }
        if (options.help) {
            System.out.println(CliOptions.USAGE);
            return 0;
        }
        if (options.version) {
            System.out.println(VERSION);
            if (!options.runsCode()) {
                return 0; // as lua -v: nothing to run, so no engine is made (half of the time -v took)
            }
        }
        try (Context context = options.newContext()) {
            for (CliOptions.Step step : options.steps) {
                int rc = runSource(context, stepSource(step), options);
                if (rc != 0) {
                    return rc;
                }
            }
            if (options.script == null) {
                if (options.interactive || !options.hasCode() && !options.version && System.console() != null) {
                    return new Repl(context, System.in, System.out, System.err, !options.version).run();
                }
                if (options.hasCode() || options.version) {
                    return 0;
                }
                return runSource(context, program(readAll(System.in), CliOptions.STDIN_NAME), options);
            }
            int rc = runScript(context, options);
            if (rc == 0 && options.interactive) {
                return new Repl(context, System.in, System.out, System.err, false).run();
            }
            return rc;
        } catch (IOException e) {
            System.err.println("moat: " + e.getMessage());
            return 1;
        } catch (PolyglotException e) {
            if (options.timedOut && e.isCancelled()) {
                return 3; // closing the cancelled context; the timeout is already reported
            }
            return ErrorReporter.report(e, System.err);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("moat: " + e.getMessage());
            return 2;
        } finally {
            if (options.moduleResolver != null) {
                ModuleResolvers.unregister(options.moduleResolver);
            }
        }
    }

    /**
     * What a -e, -l or -W runs: its code; for -l, the language's require step (lua.c's dolibrary: the global
     * {@code require} called from no guest frame, its first result stored in the global); {@code warn("@on")}.
     */
    static Source stepSource(CliOptions.Step step) {
        return switch (step.kind()) {
            case 'e' -> program(step.text(), "(command line)");
            case 'l' -> Source.newBuilder("moat", step.text(), "(command line)").mimeType(MoatLanguage.REQUIRE_STEP_MIME_TYPE).buildLiteral();
            default -> program("warn('@on')", "(command line)");
        };
    }

    private static int runScript(Context context, CliOptions options) throws IOException {
        Source source;
        if (options.script.equals("-")) {
            source = program(readAll(System.in), CliOptions.STDIN_NAME);
        } else {
            Path path = Path.of(options.script);
            if (!Files.isRegularFile(path)) {
                System.err.println("moat: cannot open " + options.script);
                return 1;
            }
            source = program(SourceText.withoutFirstLineComment(SourceText.decode(Files.readAllBytes(path))), options.script);
        }
        return runSource(context, source, options);
    }

    /** --stats: the run's meters (read through the language's internal stats source) and wall time. */
    private static void printStats(Context context, long nanos, PrintStream err) {
        try {
            Value stats = context.eval(Source.newBuilder("moat", "", "stats").mimeType("application/x-moat-stats").buildLiteral());
            // Formatted first and written with one print: printf hands the stream one piece per field, and a
            // JVM log on the same stderr (-Xlog, compiler threads) could land between them.
            String line = String.format("moat: instructions %d, bytes allocated %d, output bytes %d, time %.3f ms, engine %s%n",
                    stats.getArrayElement(0).asLong(), stats.getArrayElement(1).asLong(), stats.getArrayElement(2).asLong(), nanos / 1e6,
                    context.getEngine().getImplementationName());
            err.print(line);
            err.flush();
        } catch (PolyglotException e) {
            err.printf("moat: time %.3f ms%n", nanos / 1e6);
        }
    }

    /** Lua sources are bytes: what is not UTF-8 (a Latin-1 literal, a binary string) reaches the parser unchanged. */
    private static String readAll(InputStream in) throws IOException {
        return SourceText.withoutFirstLineComment(SourceText.decode(in.readAllBytes()));
    }

    /** Truffle's name for its fallback runtime (no JVMCI compiler found). */
    static final String INTERPRETED_ONLY = "Interpreted";

    /**
     * A source the language runs as a program: the script gets the context's application arguments (set by
     * {@link CliOptions#newContext()}) as {@code arg} and {@code ...}, and the evaluation returns a plain
     * integer, so no polyglot value of a guest object is ever made (the first one costs ≈ 100 ms of start-up).
     */
    private static Source program(String text, String name) {
        return Source.newBuilder("moat", text, name).mimeType(MoatLanguage.PROGRAM_MIME_TYPE).buildLiteral();
    }

    static int runSource(Context context, Source source, CliOptions options) {
        long start = System.nanoTime();
        PrintStream err = System.err;
        // Benchmarks set MOAT_REQUIRE_JIT=1 (bin/moat passes it on): a timed run without Graal is refused
        // rather than silently measured in Truffle's fallback interpreter.
        if (Boolean.getBoolean("moat.requireJit") && INTERPRETED_ONLY.equals(context.getEngine().getImplementationName())) {
            err.println("moat: the Graal JIT is not active (engine '" + INTERPRETED_ONLY + "'), but MOAT_REQUIRE_JIT is set");
            return 4;
        }
        RunTimer timer = options.timeoutMillis > 0 ? RunTimer.start(context, options.timeoutMillis) : null;
        try {
            Interrupts.guard(context, () -> context.eval(source));
            return 0;
        } catch (PolyglotException e) {
            System.out.flush();
            if (e.isInterrupted() && Interrupts.exiting()) {
                return 143; // terminated: the output so far is written; the process ends with the signal's status
            }
            if (Interrupts.byCtrlC(e)) {
                return Interrupts.report(e, err, "moat: ");
            }
            if (timer != null && timer.fired() && e.isCancelled()) {
                err.println("moat: timeout: the run exceeded its time limit (" + options.timeoutMillis + " ms)");
                options.timedOut = true;
                return 3;
            }
            return ErrorReporter.report(e, err);
        } finally {
            if (timer != null) {
                timer.cancel();
            }
            if (options.stats && (timer == null || !timer.fired())) {
                printStats(context, System.nanoTime() - start, err);
            }
        }
    }
}

package dev.moat.interpreter.cli;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Ctrl-C and SIGTERM while the CLI runs guest code. As in lua.c, Ctrl-C stops the running code with
 * "interrupted!" and a stack traceback (status 1; the REPL returns to its prompt), and a second Ctrl-C
 * before it has stopped ends the process at once. Moat buffers a run's output until the evaluation
 * ends, so in both cases, and when the process is terminated (SIGTERM, whose exit status stays), the
 * running code is interrupted first: it unwinds, and what it printed so far is written out.
 */
final class Interrupts {
    /** How long an exit waits for the running code to unwind and write its output. */
    private static final Duration UNWIND = Duration.ofSeconds(2);

    private static volatile Context running;
    private static volatile boolean interrupted;
    private static volatile boolean exiting;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Interrupts::beforeExit, "moat-exit"));
    }

    private Interrupts() {
    }

    /** Runs {@code evaluation} of {@code context} with Ctrl-C interrupting it. */
    static <T> T guard(Context context, Supplier<T> evaluation) {
        Signal signal = new Signal("INT");
        SignalHandler[] previous = new SignalHandler[1];
        interrupted = false;
        running = context;
        try {
            previous[0] = Signal.handle(signal, s -> {
                interrupted = true;
                restore(signal, previous[0]); // a second Ctrl-C: what it did before (ends the process)
                Thread stop = new Thread(() -> interrupt(context), "moat-interrupt");
                stop.setDaemon(true);
                stop.start();
            });
        } catch (IllegalArgumentException e) {
            previous[0] = null; // the JVM keeps SIGINT (-Xrs): Ctrl-C then ends the process as before
        }
        try {
            return evaluation.get();
        } finally {
            running = null;
            if (previous[0] != null) {
                restore(signal, previous[0]);
            }
        }
    }

    /** Whether {@code e} is the end of a run stopped by Ctrl-C (reported by {@link #report}). */
    static boolean byCtrlC(PolyglotException e) {
        return interrupted && e.isInterrupted();
    }

    /** Whether the process is ending (SIGTERM): an interrupted run then reports nothing. */
    static boolean exiting() {
        return exiting;
    }

    /** lua.c's report of an interrupted run: "interrupted!" and where the guest code was. */
    static int report(PolyglotException e, PrintStream err, String prefix) {
        StringBuilder sb = new StringBuilder(prefix).append("interrupted!\nstack traceback:");
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection at = frame.getSourceLocation();
            if (!frame.isGuestFrame() || at == null) {
                continue;
            }
            String root = frame.getRootName();
            sb.append("\n\t").append(at.getSource().getName()).append(':').append(dev.moat.interpreter.GuestLines.of(at)).append(": in ")
                    .append(root == null || root.isEmpty() || root.equals("main chunk") ? "main chunk" : "function '" + root + "'");
        }
        err.println(sb.append("\n\t[C]: in ?"));
        return 1;
    }

    private static void restore(Signal signal, SignalHandler handler) {
        try {
            Signal.handle(signal, handler);
        } catch (IllegalArgumentException e) {
            // as in guard
        }
    }

    private static void interrupt(Context context) {
        try {
            context.interrupt(UNWIND);
        } catch (TimeoutException | IllegalStateException | PolyglotException e) {
            // the run ended meanwhile, or does not unwind: the process's own exit still follows
        }
    }

    private static void beforeExit() {
        Context context = running;
        if (context != null) {
            exiting = true;
            interrupt(context);
        }
    }
}

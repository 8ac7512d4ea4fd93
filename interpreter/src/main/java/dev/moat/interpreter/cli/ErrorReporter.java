package dev.moat.interpreter.cli;

import dev.moat.interpreter.ErrorIdentity;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints guest errors the way {@code lua} does — "moat: FILE:LINE: message" and a stack traceback —
 * and maps them to exit codes. A Java stack trace is never printed: internal errors get one line.
 */
final class ErrorReporter {
    private ErrorReporter() {
    }

    static int report(PolyglotException e, PrintStream err) {
        return report(e, err, "moat: ");
    }

    /** As {@link #report(PolyglotException, PrintStream)}, each message after {@code prefix} (the REPL: none, as lua's). */
    static int report(PolyglotException e, PrintStream err, String prefix) {
        String message = e.getMessage() == null ? "(no error message)" : e.getMessage();
        if (e.isSyntaxError()) {
            err.println(prefix + message);
            return 1;
        }
        if (ErrorIdentity.budget(e) != null) {
            err.println(prefix + message);
            return 3;
        }
        if (e.isCancelled()) {
            err.println(prefix + "cancelled");
            return 3;
        }
        if (e.isInternalError() || e.isHostException()) {
            // Never show Java internals to script authors; MOAT_DEBUG=1 shows the cause for Moat developers.
            err.println(prefix + "internal error" + (System.getenv("MOAT_DEBUG") != null ? ": " + message : ""));
            return 1;
        }
        err.println(prefix + message);
        List<PolyglotException.StackFrame> frames = new ArrayList<>();
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame()) {
                frames.add(frame);
            }
        }
        if (frames.isEmpty()) {
            // Raised by the entry itself, outside the script (lua.c's message handler gave an error object's
            // __tostring, or the REPL's print failed): lua prints the message alone.
            return 1;
        }
        err.println("stack traceback:");
        int shown = 0;
        for (PolyglotException.StackFrame frame : frames) {
            if (shown++ >= 22) {
                err.println("\t...");
                break;
            }
            String name = frame.getRootName();
            SourceSection at = frame.getSourceLocation();
            if (at == null) {
                err.println("\t[C]: in function '" + name + "'");
            } else if ("main chunk".equals(name)) {
                err.println("\t" + at.getSource().getName() + ":" + at.getStartLine() + ": in main chunk");
            } else {
                err.println("\t" + at.getSource().getName() + ":" + at.getStartLine() + ": in function '" + name + "'");
            }
        }
        err.println("\t[C]: in ?");
        return 1;
    }
}

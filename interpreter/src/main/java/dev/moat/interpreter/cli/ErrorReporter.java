package dev.moat.interpreter.cli;

import dev.moat.interpreter.ErrorIdentity;
import org.graalvm.polyglot.PolyglotException;

import java.io.PrintStream;

/**
 * Prints guest errors the way {@code lua} does — "moat: FILE:LINE: message" and a stack traceback, which the
 * language's entries have already appended as lua.c's message handler does — and maps them to exit codes.
 * A Java stack trace is never printed: internal errors get one line.
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
        // A script's error arrives as lua.c's message handler makes it: the message and Lua's stack traceback
        // (the language's LuaCMessageHandler, at the launcher's entries), or an error object's __tostring alone.
        err.println(prefix + message);
        return 1;
    }
}

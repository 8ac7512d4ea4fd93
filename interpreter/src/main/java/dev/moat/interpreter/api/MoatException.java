package dev.moat.interpreter.api;

import java.util.List;

/**
 * The one exception a host sees from Moat. {@link #kind()} says what happened; the message is Moat's
 * own (for scripts: "chunk:line: message"), never a Java class name or Java stack trace.
 */
public final class MoatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * The documented error kinds (SECURITY.md P4), decided by what stopped the run, never by the message: a
     * script's {@code error("memory budget exhausted", 0)} or {@code error("stack overflow", 0)} is
     * {@code RUNTIME}. {@code DEPTH} and {@code HOST_FUNCTION} are catchable Lua errors the runtime raised (a call
     * nested too deep, a host function's failure) that reached the host uncaught, through {@code coroutine.wrap}
     * or caught and raised again with {@code error(e, 0)}; a look-alike message counts as one only in a run where
     * the runtime raised a real one.
     */
    public enum Kind {
        SYNTAX, RUNTIME, INSTRUCTION_BUDGET, MEMORY_BUDGET, OUTPUT_LIMIT, DEPTH, TIMEOUT, CANCELLED, HOST_FUNCTION, INTERNAL
    }

    private final Kind kind;
    private final transient List<String> traceback;

    public MoatException(Kind kind, String message, List<String> traceback) {
        super(message, null, false, false);
        this.kind = kind;
        this.traceback = List.copyOf(traceback);
    }

    public Kind kind() {
        return kind;
    }

    /** Moat stack frames, innermost first ("chunk:line: in function 'f'"). */
    public List<String> traceback() {
        return traceback;
    }

    @Override
    public String toString() {
        return "MoatException[" + kind + "]: " + getMessage();
    }
}

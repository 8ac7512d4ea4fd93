package dev.moat.interpreter.api;

import java.util.List;

/**
 * The one exception a host sees from Moat. {@link #kind()} says what happened; the message is Moat's
 * own (for scripts: "chunk:line: message"), never a Java class name or Java stack trace.
 */
public final class MoatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * The documented error kinds (SECURITY.md P4). {@code INSTRUCTION_BUDGET}, {@code MEMORY_BUDGET},
     * {@code OUTPUT_LIMIT}, {@code TIMEOUT} and {@code CANCELLED} are decided by what stopped the run, never by
     * the message, so a script cannot fake them with {@code error("memory budget exhausted", 0)} (it gets
     * {@code RUNTIME}). {@code DEPTH} and {@code HOST_FUNCTION} name catchable Lua errors by their message
     * ("stack overflow", "host function 'f': ..."), which a script could also raise itself.
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

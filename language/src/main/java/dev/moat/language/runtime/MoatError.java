package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.strings.TruffleString;

/**
 * A catchable Lua error carrying any guest value (usually a string with a "chunk:line:" prefix).
 * {@code pcall}/{@code xpcall} catch exactly this type; budget exhaustion uses a different exception
 * so that it cannot be caught by guest code.
 */
@ExportLibrary(InteropLibrary.class)
public final class MoatError extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    private final transient Object value;
    /** Lua's "stack overflow" (see {@link #stackOverflow}). */
    private boolean stackOverflow;

    public MoatError(Object value, Node location) {
        super(null, null, UNLIMITED_STACK_TRACE, location);
        this.value = value;
    }

    /** The error object as the guest sees it. */
    public Object getValue() {
        return value;
    }

    /** Creates an error whose message gets the position prefix of {@code location} ("chunk:line: msg"). */
    @TruffleBoundary
    public static MoatError at(Node location, String message) {
        return positioned(Positions.where(location), message, location);
    }

    private static MoatError positioned(String where, String message, Node location) {
        // The chunk's name may quote source bytes that are not UTF-8 (load's [string "..."]): kept as they are.
        return new MoatError(MoatStrings.fromBytes(dev.moat.language.parser.SourceText.toBytes(where + message)), location);
    }

    /**
     * A runtime error of the language itself (calling or indexing a bad value, ...). Lua gives it the
     * position of the Lua code that is running; when a builtin is running (pcall calling a number,
     * ipairs indexing a number) there is no position.
     */
    @TruffleBoundary
    public static MoatError runtime(Node site, String message) {
        if (site != null && !(site.getRootNode() instanceof Positions.LuaRoot)) {
            return plain(message, site);
        }
        return at(site, message);
    }

    /**
     * Lua's "stack overflow", at the position {@code where} ("chunk:line: " or empty): marked, because a message
     * handler that overflows the stack itself is not called again (xpcall's "error in error handling").
     */
    @TruffleBoundary
    public static MoatError stackOverflow(String where, Node location) {
        MoatError error = positioned(where, "stack overflow", location);
        error.stackOverflow = true;
        return error;
    }

    /** True for the error of a call nested beyond the depth limit (see {@link #stackOverflow}). */
    public boolean isStackOverflow() {
        return stackOverflow;
    }

    /** An error with a message and no position (Lua adds none when level info is unavailable). */
    @TruffleBoundary
    public static MoatError plain(String message, Node location) {
        return new MoatError(MoatStrings.fromJava(message), location);
    }

    @Override
    @TruffleBoundary
    public String getMessage() {
        if (value instanceof TruffleString s) {
            return MoatStrings.toJava(s);
        }
        if (value instanceof Long || value instanceof Double) {
            return LuaValues.toDisplay(value);
        }
        return "(error object is a " + LuaValues.typeName(value) + " value)";
    }

    @ExportMessage
    ExceptionType getExceptionType() {
        return ExceptionType.RUNTIME_ERROR;
    }

    @ExportMessage
    boolean hasExceptionMessage() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getExceptionMessage() {
        return getMessage();
    }
}

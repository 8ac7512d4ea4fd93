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
    private Origin origin = Origin.SCRIPT;

    /**
     * What the host is told an uncaught error is, as the interop member {@link #ORIGIN_MEMBER} of the exception
     * (the embedding API's DEPTH and HOST_FUNCTION kinds). Only the runtime sets it, on the errors it raises for
     * a call nested too deep and for a host function's failure; an error a script raises with {@code error} is
     * SCRIPT whatever its message, so a script cannot pass a message off as either.
     */
    public enum Origin {
        SCRIPT, DEPTH, HOST_FUNCTION;

        /** Whether {@code message} reads like the runtime's errors of this origin (SCRIPT: never). */
        public boolean readsLike(String message) {
            return switch (this) {
                case DEPTH -> message.endsWith("stack overflow"); // "stack overflow", "C stack overflow", positioned
                case HOST_FUNCTION -> message.contains(dev.moat.language.host.HostFunctions.ERROR_PREFIX);
                case SCRIPT -> false;
            };
        }
    }

    /** The exception's interop member naming its {@link Origin}; present only when that is not SCRIPT. */
    public static final String ORIGIN_MEMBER = "moatOrigin";

    public MoatError(Object value, Node location) {
        super(null, null, UNLIMITED_STACK_TRACE, location);
        this.value = value;
    }

    /**
     * Marks what raised this error (see {@link Origin}) and notes in the running context that the runtime
     * raised one of that origin (see {@link #rethrown}); returns it.
     */
    @TruffleBoundary
    public MoatError from(Origin raisedBy) {
        this.origin = raisedBy;
        if (raisedBy != Origin.SCRIPT) {
            dev.moat.language.MoatContext.get(getLocation()).noteRaised(raisedBy);
        }
        return this;
    }

    /**
     * The origin of an error a script raises with {@code value}: the runtime's own when this context's runtime
     * has raised an error of that origin and {@code value} reads like it ("...stack overflow", "host function
     * '..."), which is how {@code error(err, 0)} passes on an error a {@code pcall} or {@code coroutine.resume}
     * caught; otherwise SCRIPT, so the message alone never makes one.
     */
    @TruffleBoundary
    public static Origin rethrown(Object value, dev.moat.language.MoatContext context) {
        if (!(value instanceof TruffleString s)) {
            return Origin.SCRIPT;
        }
        String message = MoatStrings.toJava(s);
        for (Origin origin : Origin.values()) {
            if (context.hasRaised(origin) && origin.readsLike(message)) {
                return origin;
            }
        }
        return Origin.SCRIPT;
    }

    public Origin getOrigin() {
        return origin;
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
        return error.from(Origin.DEPTH);
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

    @ExportMessage
    boolean hasMembers() {
        return origin != Origin.SCRIPT;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return new dev.moat.language.host.CopiedArray(origin == Origin.SCRIPT ? new Object[0] : new Object[]{ORIGIN_MEMBER});
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return origin != Origin.SCRIPT && ORIGIN_MEMBER.equals(member);
    }

    @ExportMessage
    Object readMember(String member) throws com.oracle.truffle.api.interop.UnknownIdentifierException {
        if (!isMemberReadable(member)) {
            throw com.oracle.truffle.api.interop.UnknownIdentifierException.create(member);
        }
        return origin.name();
    }
}

package dev.moat.language.host;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.runtime.MoatError;

/**
 * Ends a run whose host function threw a Java {@code Error} (out of memory, stack overflow, a failed
 * assertion): the host's state is then unknown, so the script must not go on calling into it (SECURITY.md M8).
 * Like an exhausted budget it is not a {@link MoatError}, so {@code pcall}, {@code xpcall}, {@code __close}
 * handlers and coroutines never catch it; the host reads it as a host function's failure (the interop member
 * {@link MoatError#ORIGIN_MEMBER} is {@code HOST_FUNCTION}), which a script cannot fake.
 */
@ExportLibrary(InteropLibrary.class)
public final class HostFunctionAbort extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    public HostFunctionAbort(String functionName, String detail, Node location) {
        super(HostFunctions.ERROR_PREFIX + functionName + "' failed with a Java error (" + detail + "); the run is stopped",
                location);
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
        return true;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return new CopiedArray(new Object[]{MoatError.ORIGIN_MEMBER});
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return MoatError.ORIGIN_MEMBER.equals(member);
    }

    @ExportMessage
    Object readMember(String member) throws UnknownIdentifierException {
        if (!isMemberReadable(member)) {
            throw UnknownIdentifierException.create(member);
        }
        return MoatError.Origin.HOST_FUNCTION.name();
    }
}

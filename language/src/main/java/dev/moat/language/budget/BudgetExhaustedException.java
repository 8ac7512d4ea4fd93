package dev.moat.language.budget;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

/**
 * Thrown when a run exhausts a hard budget (instructions, memory, output). It is deliberately not a
 * {@link dev.moat.language.runtime.MoatError}, so {@code pcall}, {@code xpcall} and {@code __close}
 * handlers never catch it; the budget also stays exhausted, so any later guest step fails again.
 * The message starts with the budget's name so hosts and the CLI can tell which limit was hit.
 */
@ExportLibrary(InteropLibrary.class)
public final class BudgetExhaustedException extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    private final BudgetKind kind;

    public BudgetExhaustedException(BudgetKind kind, String message, Node location) {
        super(message, location);
        this.kind = kind;
    }

    public BudgetKind getKind() {
        return kind;
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

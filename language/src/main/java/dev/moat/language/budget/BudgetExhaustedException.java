package dev.moat.language.budget;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.host.CopiedArray;

/**
 * Thrown when a run exhausts a hard budget (instructions, memory, output). It is deliberately not a
 * {@link dev.moat.language.runtime.MoatError}, so {@code pcall}, {@code xpcall} and {@code __close}
 * handlers never catch it; the budget also stays exhausted, so any later guest step fails again.
 * The message starts with the budget's name; which limit was hit is also the interop member
 * {@link #BUDGET_MEMBER} of the exception object, which a host reads to tell a real exhaustion from a
 * script's own {@code error("instruction budget exhausted", 0)}: only this exception has that member, and
 * guest code can neither make nor catch one.
 */
@ExportLibrary(InteropLibrary.class)
public final class BudgetExhaustedException extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    /** The exception's interop member naming the exhausted budget ({@link BudgetKind#name()}). */
    public static final String BUDGET_MEMBER = "moatBudget";

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

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return new CopiedArray(new Object[]{BUDGET_MEMBER});
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return BUDGET_MEMBER.equals(member);
    }

    @ExportMessage
    Object readMember(String member) throws UnknownIdentifierException {
        if (!BUDGET_MEMBER.equals(member)) {
            throw UnknownIdentifierException.create(member);
        }
        return kind.name();
    }
}

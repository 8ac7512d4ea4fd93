package dev.moat.interpreter;

import dev.moat.language.budget.BudgetExhaustedException;
import dev.moat.language.budget.BudgetKind;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Which budget a failed run really exhausted, for the embedding API's error kinds and the CLI's exit code.
 * The message alone does not tell: a script can raise {@code error("instruction budget exhausted", 0)}
 * itself, and a host that grants a second, larger budget after an exhaustion would be fooled. The
 * exception object of a real exhaustion carries the member {@link BudgetExhaustedException#BUDGET_MEMBER},
 * which no guest error has.
 */
public final class ExhaustedBudget {
    private ExhaustedBudget() {
    }

    /** The exhausted budget, or null for any other error (read while the run's context is still open). */
    public static BudgetKind of(PolyglotException e) {
        String message = e.getMessage();
        if (message == null || !hasBudgetPrefix(message)) {
            return null; // the common case answers without making a polyglot value of the exception
        }
        try {
            Value guest = e.getGuestObject();
            if (guest == null || !guest.hasMember(BudgetExhaustedException.BUDGET_MEMBER)) {
                return null;
            }
            return BudgetKind.valueOf(guest.getMember(BudgetExhaustedException.BUDGET_MEMBER).asString());
        } catch (RuntimeException closedOrOther) {
            return null;
        }
    }

    private static boolean hasBudgetPrefix(String message) {
        for (BudgetKind kind : BudgetKind.values()) {
            if (message.startsWith(kind.prefix)) {
                return true;
            }
        }
        return false;
    }
}

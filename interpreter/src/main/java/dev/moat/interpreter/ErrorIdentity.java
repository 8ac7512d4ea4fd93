package dev.moat.interpreter;

import dev.moat.language.budget.BudgetExhaustedException;
import dev.moat.language.budget.BudgetKind;
import dev.moat.language.runtime.MoatError;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * What a failed run's error really is, for the embedding API's error kinds and the CLI's exit code, read from
 * the exception object rather than from its message. The message alone does not tell: a script can raise
 * {@code error("instruction budget exhausted", 0)} or {@code error("stack overflow", 0)} itself, and a host
 * that grants a larger budget after an exhaustion, or pages someone when its own function fails, would be
 * fooled. A real exhaustion carries the member {@link BudgetExhaustedException#BUDGET_MEMBER}; an error the
 * runtime raised for a call nested too deep or for a host function's failure carries
 * {@link MoatError#ORIGIN_MEMBER}; no error a script raises has either. Read while the run's context is open.
 */
public final class ErrorIdentity {
    private ErrorIdentity() {
    }

    /** The exhausted budget, or null for any other error. */
    public static BudgetKind budget(PolyglotException e) {
        String message = e.getMessage();
        if (message == null || !hasBudgetPrefix(message)) {
            return null; // the common case answers without making a polyglot value of the exception
        }
        String kind = member(e, BudgetExhaustedException.BUDGET_MEMBER);
        return kind == null ? null : BudgetKind.valueOf(kind);
    }

    /** DEPTH or HOST_FUNCTION for errors the runtime raised as such, else SCRIPT. */
    public static MoatError.Origin origin(PolyglotException e) {
        String message = e.getMessage();
        if (message == null || !(MoatError.Origin.DEPTH.readsLike(message) || MoatError.Origin.HOST_FUNCTION.readsLike(message))) {
            return MoatError.Origin.SCRIPT; // the runtime's messages for both say so; skip the polyglot value
        }
        String origin = member(e, MoatError.ORIGIN_MEMBER);
        return origin == null ? MoatError.Origin.SCRIPT : MoatError.Origin.valueOf(origin);
    }

    private static String member(PolyglotException e, String name) {
        try {
            Value guest = e.getGuestObject();
            return guest != null && guest.hasMember(name) ? guest.getMember(name).asString() : null;
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

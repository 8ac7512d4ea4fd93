package dev.moat.interpreter.api;

import dev.moat.interpreter.ErrorIdentity;
import dev.moat.interpreter.GuestLines;
import dev.moat.language.budget.BudgetKind;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

import java.util.ArrayList;
import java.util.List;

/** Maps polyglot exceptions to the documented {@link MoatException} kinds. */
final class Errors {
    private Errors() {
    }

    static MoatException from(PolyglotException e, boolean timedOut) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        BudgetKind budget = ErrorIdentity.budget(e); // by the exception's identity: a script can write the message too
        List<String> trace = new ArrayList<>();
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (!f.isGuestFrame()) {
                continue;
            }
            SourceSection at = f.getSourceLocation();
            trace.add(at == null ? "[builtin]: in function '" + f.getRootName() + "'"
                    : at.getSource().getName() + ":" + GuestLines.of(at) + ": in function '" + f.getRootName() + "'");
        }
        MoatException.Kind kind;
        if (e.isSyntaxError()) {
            kind = MoatException.Kind.SYNTAX;
        } else if (e.isCancelled() || e.isInterrupted()) {
            kind = timedOut ? MoatException.Kind.TIMEOUT : MoatException.Kind.CANCELLED;
            message = timedOut ? "timeout: the run exceeded its time limit" : "cancelled";
        } else if (budget != null) {
            kind = switch (budget) {
                case INSTRUCTIONS -> MoatException.Kind.INSTRUCTION_BUDGET;
                case MEMORY -> MoatException.Kind.MEMORY_BUDGET;
                case OUTPUT -> MoatException.Kind.OUTPUT_LIMIT;
            };
        } else if (e.isResourceExhausted()) {
            kind = MoatException.Kind.DEPTH;
            message = "stack overflow";
        } else if (e.isInternalError() || e.isHostException()) {
            kind = MoatException.Kind.INTERNAL;
            message = "internal error";
        } else {
            // Lua's "stack overflow" (call depth) and "C stack overflow" (pcalls, resumes and builtin callbacks
            // nested 200 deep) are DEPTH, a host function's failure HOST_FUNCTION, as the runtime raised them.
            kind = switch (ErrorIdentity.origin(e)) {
                case DEPTH -> MoatException.Kind.DEPTH;
                case HOST_FUNCTION -> MoatException.Kind.HOST_FUNCTION;
                case SCRIPT -> MoatException.Kind.RUNTIME;
            };
        }
        if (message.length() > 4096) {
            message = message.substring(0, 4096) + "...";
        }
        return new MoatException(kind, message, trace.size() > 22 ? trace.subList(0, 22) : trace);
    }
}

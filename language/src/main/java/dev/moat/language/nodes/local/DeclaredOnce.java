package dev.moat.language.nodes.local;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.MoatLanguage;

/**
 * Whether a captured local's declaration has run once only, so that there is one variable (a local
 * declared at the top of a chunk: the program's helper functions, {@code local M = 1000003},
 * {@code local floor = math.floor}). If no assignment writes the local after its declaration either
 * ({@link LocalVar#assignedAgain}), that variable keeps its value for good, and {@link UpvalueReadNode} folds
 * it into compiled code as a constant, guarded by {@link #assumption()}: a called helper then costs no
 * loads before the call. A second declaration (the local is in a loop or a function that runs again)
 * invalidates the assumption, and with it that code.
 *
 * <p>Recorded only while the engine serves one context (MoatLanguage.singleContextAssumption): otherwise
 * the first declaration invalidates it, as the folded value would be one context's object in an AST
 * shared by all.
 */
public final class DeclaredOnce {
    private final Assumption once = Truffle.getRuntime().createAssumption("local declared once");
    @CompilationFinal private boolean declared;

    /** Notes one execution of the declaration ({@code site} is the declaring node). */
    void declaring(Node site) {
        if (once.isValid()) {
            // In compiled code this runs only for a second declaration: decide once, in the interpreter.
            CompilerDirectives.transferToInterpreterAndInvalidate();
            if (declared || !MoatLanguage.get(site).singleContextAssumption().isValid()) {
                once.invalidate();
            }
            declared = true;
        }
    }

    public Assumption assumption() {
        return once;
    }
}

package dev.moat.language.nodes.local;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;

/**
 * A local variable as the translator resolved it: its frame slot, its name (for error messages), and
 * whether any closure captures it or any assignment writes it after its declaration. Captured locals live in a {@link dev.moat.language.runtime.Cell};
 * the flag is final once the enclosing function is translated, before any node runs.
 */
public final class LocalVar {
    public final String name;
    public final int slot;
    public final String attrib; // null, "const" or "close"
    @CompilationFinal public boolean captured;
    /** Set with {@link #captured}: whether the local's declaration has run once only (see DeclaredOnce). */
    @CompilationFinal public DeclaredOnce declaredOnce;
    /**
     * Whether an assignment other than its declaration writes the local (see LocalFunctionSelfReadNode);
     * final, like {@link #captured}, once the function that declares it is translated.
     */
    @CompilationFinal public boolean assignedAgain;

    /** Called by the translator when a closure captures the local. */
    public void capture() {
        if (!captured) {
            captured = true;
            declaredOnce = new DeclaredOnce();
        }
    }

    public LocalVar(String name, int slot, String attrib) {
        this.name = name;
        this.slot = slot;
        this.attrib = attrib;
    }
}

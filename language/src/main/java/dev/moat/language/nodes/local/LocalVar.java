package dev.moat.language.nodes.local;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;

/**
 * A local variable as the translator resolved it: its frame slot, its name (for error messages), and
 * whether any closure captures it. Captured locals live in a {@link dev.moat.language.runtime.Cell};
 * the flag is final once the enclosing function is translated, before any node runs.
 */
public final class LocalVar {
    public final String name;
    public final int slot;
    public final String attrib; // null, "const" or "close"
    @CompilationFinal public boolean captured;

    public LocalVar(String name, int slot, String attrib) {
        this.name = name;
        this.slot = slot;
        this.attrib = attrib;
    }
}

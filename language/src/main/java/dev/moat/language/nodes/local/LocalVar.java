package dev.moat.language.nodes.local;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;

/**
 * A local variable as the translator resolved it: its frame slot, its name (for error messages), whether
 * any closure captures it, and whether any assignment writes it after its declaration. The flags are
 * final once the enclosing function is translated, before any node runs; nodes that depend on them
 * choose their concrete form on first execution.
 *
 * <p>A captured local that is assigned again lives in a {@link dev.moat.language.runtime.Cell} that its
 * closures share; one that is not ({@link #byValue}) stays in its frame slot and closures copy its value,
 * since nothing could tell a copy from the variable. That includes a {@code local function}'s local, though
 * its own closure is made (and captures it, still nil) before the local is assigned: inside the function the
 * name is the running closure ({@link LocalFunctionSelfReadNode}), and closures made inside it capture the
 * running closure too ({@link ClosureNode}), so the nil copy is never read.
 */
public final class LocalVar {
    public final String name;
    public final int slot;
    public final String attrib; // null, "const" or "close"
    @CompilationFinal public boolean captured;
    /** Set with {@link #captured}: whether the local's declaration has run once only (see DeclaredOnce). */
    @CompilationFinal public DeclaredOnce declaredOnce;
    /** Whether an assignment other than its declaration writes the local (see LocalFunctionSelfReadNode). */
    @CompilationFinal public boolean assignedAgain;
    /**
     * The local of a {@code local function} statement: its closure is made (and captures the local) before
     * the local is assigned that closure, so its declaration (nil) is not the write that counts for
     * {@link #declaredOnce}; the assignment of the closure is.
     */
    @CompilationFinal public boolean localFunction;

    /**
     * A compile-time constant's value (nil as MoatNil, a Boolean, Long, Double or TruffleString), else null:
     * Lua 5.4 compiles the last {@code <const>} local of a declaration whose initializer is a constant
     * expression as the constant itself, so the translator reads it as a literal. That decides how
     * {@code x - k} is computed (see ArithNode#setSubtractAsAdd), how errors name it ("constant 'x'", or no
     * name for a number), and that closures do not capture it (it is no upvalue).
     */
    public Object compileTimeConstant;

    public LocalVar(String name, int slot, String attrib) {
        this.name = name;
        this.slot = slot;
        this.attrib = attrib;
    }

    /** Called by the translator when a closure captures the local. */
    public void capture() {
        if (!captured) {
            captured = true;
            declaredOnce = new DeclaredOnce();
        }
    }

    /** Captured, and closures hold its value instead of a Cell: it keeps the value its declaration gave it. */
    public boolean byValue() {
        return captured && !assignedAgain;
    }

    /** Captured and kept in a Cell. */
    public boolean inCell() {
        return captured && !byValue();
    }
}

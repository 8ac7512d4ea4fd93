package dev.moat.language.runtime;

/**
 * A captured local variable that is assigned after its declaration (or a {@code local function}'s own
 * local): it lives in a Cell instead of a frame slot; a new Cell is made each time the declaration runs,
 * which gives Lua's "fresh variable per loop iteration" semantics, and closures share the Cell, which
 * gives shared upvalues. Captured locals that are never assigned again need no sharing: closures copy
 * their value (see nodes.local.LocalVar#byValue). Builtins keep their state in Cells too.
 */
public final class Cell {
    public Object value;

    public Cell(Object value) {
        this.value = value;
    }
}

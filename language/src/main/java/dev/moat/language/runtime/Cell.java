package dev.moat.language.runtime;

/**
 * A captured local variable. Locals that some closure captures live in a Cell instead of a frame slot;
 * a new Cell is made each time the declaration runs, which gives Lua's "fresh variable per loop
 * iteration" semantics, and closures share the Cell, which gives shared upvalues.
 */
public final class Cell {
    public Object value;

    public Cell(Object value) {
        this.value = value;
    }
}

package dev.moat.language.builtins;

/**
 * Marks a builtin that rounds its one number to an integer, {@code math.floor} or {@code math.ceil}. A call
 * site whose only argument is a division, {@code floor(t / BASE)}, computes such a call from two integer
 * operands without the float division, the rounding and the conversions back (see
 * nodes.call.QuotientArgumentNode): the idiom of Lua code written before {@code //}, on the critical path of
 * every carry loop.
 */
public interface RoundsToInteger {
    /** True for ceil, false for floor. */
    boolean roundsUp();
}

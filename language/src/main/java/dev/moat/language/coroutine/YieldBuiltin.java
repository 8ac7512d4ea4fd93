package dev.moat.language.coroutine;

/**
 * Marks the builtin node of {@code coroutine.yield}, so that a generator body's direct yield can tell the
 * real yield from whatever else a script stored under that name.
 */
public interface YieldBuiltin extends MayYield {
}

package dev.moat.language.coroutine;

/**
 * Marks a builtin whose call can suspend the calling coroutine: {@code coroutine.yield} itself, and builtins
 * that call back into Lua code that may yield ({@code pcall}, {@code xpcall}, {@code pairs}' {@code __pairs}).
 * A generator step that runs bare (see nodes.controlflow.GeneratorBail) bails before calling one, as before
 * calling a Lua function; any other builtin runs on the bare step's stack.
 */
public interface MayYield {
}

package dev.moat.language.runtime;

/**
 * The layout of a guest call's argument array ({@code Object[]}, Truffle's calling convention):
 * {@code [CALLEE]} the function called, {@code [LEVEL]} the call level of the Lua function that makes
 * the call (an {@code Integer}; 0 at the top of a run), Lua's arguments from {@code [FIRST]} on.
 *
 * <p>Why the level travels with the call: a Lua function's own level is then its caller's plus one, held
 * in a frame slot, and checking it against the depth limit touches no memory; when Graal inlines the call
 * the whole bookkeeping folds away. A level kept in the context had to be stored on every entry and exit,
 * stores that compiled code cannot remove (bench/README.md, "Call levels in the arguments").
 */
public final class CallArguments {
    public static final int CALLEE = 0;
    public static final int LEVEL = 1;
    /** Index of the first Lua argument. */
    public static final int FIRST = 2;

    private CallArguments() {
    }

    /** An argument array for {@code count} Lua arguments, callee and level not yet set. */
    public static Object[] create(int count) {
        return new Object[FIRST + count];
    }

    /** An argument array holding {@code args} as Lua arguments, callee and level not yet set. */
    public static Object[] of(Object[] args) {
        Object[] argv = new Object[FIRST + args.length];
        System.arraycopy(args, 0, argv, FIRST, args.length);
        return argv;
    }

    /** The number of Lua arguments in {@code argv}. */
    public static int count(Object[] argv) {
        return argv.length - FIRST;
    }

    /** The call level of the function that made the call {@code argv} is the argument array of. */
    public static int callerLevel(Object[] argv) {
        return (Integer) argv[LEVEL];
    }
}

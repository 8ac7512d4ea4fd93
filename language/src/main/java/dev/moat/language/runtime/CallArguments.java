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
 *
 * <p>A level value also carries, above bit {@link #TAIL_CALL_SHIFT}, how many proper tail calls made as
 * plain Java calls are active below the frame that holds it (see nodes.call.DirectTailCallNode, which
 * bounds them). A call passes the count on unchanged, a direct tail call passes it on plus one, so it
 * travels like the level, with nothing stored per call (it was a counter on the coroutine, incremented and
 * decremented around every such call). It is 0 almost always, so the boxed value is then the small
 * {@code Integer} the level alone would be. Arithmetic on levels takes {@link #levelOf} first.
 */
public final class CallArguments {
    public static final int CALLEE = 0;
    public static final int LEVEL = 1;
    /** Index of the first Lua argument. */
    public static final int FIRST = 2;

    /** Where the count of active direct tail calls starts in a level value (see the class comment). */
    public static final int TAIL_CALL_SHIFT = 24;
    /** One more active direct tail call, added to a level value. */
    public static final int TAIL_CALL = 1 << TAIL_CALL_SHIFT;
    /** The deepest level a level value holds; depth limits above it are lowered to it. */
    public static final int MAX_LEVEL = TAIL_CALL - 1;

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

    /**
     * The level value (the level and the active direct tail calls, see the class comment) of the function
     * that made the call {@code argv} is the argument array of.
     */
    public static int callerLevel(Object[] argv) {
        return (Integer) argv[LEVEL];
    }

    /** The call level a level value holds. */
    public static int levelOf(int levelValue) {
        return levelValue & MAX_LEVEL;
    }

    /** The number of active direct tail calls a level value holds. */
    public static int tailCallsOf(int levelValue) {
        return levelValue >>> TAIL_CALL_SHIFT;
    }
}

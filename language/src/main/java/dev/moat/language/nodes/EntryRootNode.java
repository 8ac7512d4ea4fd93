package dev.moat.language.nodes;

import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.Cell;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;

/**
 * What the roots the polyglot API evaluates share (a chunk, a program, an interactive input): the chunk's main
 * function bound to this context's globals as {@code _ENV}, called at the level of whoever evaluates it (0, or
 * a host function's), the instruction limit tested once it returns, guest output flushed. Subclasses say
 * what the chunk gets as {@code ...} and what the evaluation returns.
 */
public abstract class EntryRootNode extends RootNode {
    private final RootCallTarget main;
    @Child private InvokeNode invoke = InvokeNode.create();
    /** For the launcher's entries only (see {@link LuaCMessageHandler}); null for the embedding API's chunks. */
    @Child private LuaCMessageHandler uncaught;

    protected EntryRootNode(MoatLanguage language, RootCallTarget main) {
        this(language, main, false);
    }

    /** {@code asLuaC}: report uncaught errors as lua.c's message handler does. */
    protected EntryRootNode(MoatLanguage language, RootCallTarget main, boolean asLuaC) {
        super(language);
        this.main = main;
        this.uncaught = asLuaC ? new LuaCMessageHandler() : null;
    }

    @Override
    public final Object execute(VirtualFrame frame) {
        MoatContext context = MoatContext.get(this);
        Object function = callee(context);
        Object[] argv = arguments(frame, context);
        int level = context.depth;
        try {
            Object result;
            try {
                result = invoke.call(null, function, argv, this, null);
            } catch (MoatError e) {
                throw uncaught == null ? e : uncaught.handle(e);
            }
            context.budget.checkLimit(this);
            return finish(context, result); // its errors are the entry's own (the REPL's print): no traceback
        } finally {
            context.depth = level;
            context.flush();
        }
    }

    /** What the entry calls: the chunk's main function, with this context's globals as {@code _ENV}. */
    protected Object callee(MoatContext context) {
        return new MoatFunction(main, new Cell[]{new Cell(context.getGlobals())}, true);
    }

    /** The chunk's call arguments (see CallArguments): what it gets as {@code ...}. */
    protected abstract Object[] arguments(VirtualFrame frame, MoatContext context);

    /** What the evaluation returns, given what the chunk returned. */
    protected abstract Object finish(MoatContext context, Object result);

    /** Not a guest frame: the chunk's own function appears in tracebacks as "main chunk". */
    @Override
    public boolean isInternal() {
        return true;
    }
}

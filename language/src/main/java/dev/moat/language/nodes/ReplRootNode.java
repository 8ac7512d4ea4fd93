package dev.moat.language.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.Cell;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MultiValue;

/**
 * One input of an interactive session ({@link MoatLanguage#REPL_MIME_TYPE}): runs the chunk and, as lua.c's
 * REPL does, calls the global {@code print} with whatever the chunk returned (all its values, the guest's
 * own, which the polyglot API would only hand out as copies). Evaluates to the integer 0.
 */
public final class ReplRootNode extends RootNode {
    private static final Integer DONE = 0;
    private final RootCallTarget main;
    @Child private InvokeNode invoke = InvokeNode.create();
    @Child private InvokeNode print = InvokeNode.create();

    public ReplRootNode(MoatLanguage language, RootCallTarget main) {
        super(language);
        this.main = main;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        MoatContext context = MoatContext.get(this);
        MoatFunction function = new MoatFunction(main, new Cell[]{new Cell(context.getGlobals())}, true);
        int level = context.depth;
        try {
            Object[] values = MultiValue.all(invoke.call(null, function, CallArguments.create(0), this, null));
            if (values.length > 0) {
                printValues(context, values);
            }
            context.budget.checkLimit(this);
            return DONE;
        } finally {
            context.depth = level;
            context.flush();
        }
    }

    private void printValues(MoatContext context, Object[] values) {
        Object[] argv = CallArguments.create(values.length);
        System.arraycopy(values, 0, argv, CallArguments.FIRST, values.length);
        try {
            Object function = context.getGlobal("print");
            print.call(null, function == null ? MoatNil.NIL : function, argv, this, null);
        } catch (MoatError e) {
            throw printFailed(e);
        }
    }

    @TruffleBoundary
    private MoatError printFailed(MoatError e) {
        return MoatError.plain("error calling 'print' (" + e.getMessage() + ")", this);
    }

    @Override
    public String getName() {
        return "interactive input";
    }

    /** Not a guest frame: the chunk's own function appears in tracebacks as "main chunk". */
    @Override
    public boolean isInternal() {
        return true;
    }
}

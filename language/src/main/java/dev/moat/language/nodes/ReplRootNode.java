package dev.moat.language.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MultiValue;

/**
 * One input of an interactive session ({@link MoatLanguage#REPL_MIME_TYPE}): runs the chunk and, as lua.c's
 * REPL does, calls the global {@code print} with whatever the chunk returned (all its values, the guest's
 * own, which the polyglot API would only hand out as copies). Evaluates to the integer 0.
 */
public final class ReplRootNode extends EntryRootNode {
    private static final Integer DONE = 0;
    @Child private InvokeNode print = InvokeNode.create();

    public ReplRootNode(MoatLanguage language, RootCallTarget main) {
        super(language, main, true);
    }

    @Override
    protected Object[] arguments(VirtualFrame frame, MoatContext context) {
        return CallArguments.create(0);
    }

    @Override
    protected Object finish(MoatContext context, Object result) {
        Object[] values = MultiValue.all(result);
        if (values.length > 0) {
            printValues(context, values);
        }
        return DONE;
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
}

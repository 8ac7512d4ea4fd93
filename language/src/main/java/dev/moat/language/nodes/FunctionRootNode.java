package dev.moat.language.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.controlflow.ReturnException;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MultiValue;
import dev.moat.language.runtime.Positions;

import java.util.Arrays;

/**
 * The root of a Lua function (and of a chunk's main function). Counts guest call depth — exceeding the
 * limit is Lua's catchable "stack overflow" — binds parameters and varargs, runs the body, and returns
 * the result of a final {@code return} directly or of a nested one via {@link ReturnException}.
 * A JVM StackOverflowError becomes the same catchable error, as a safety net.
 */
public final class FunctionRootNode extends RootNode implements Positions.LuaRoot {
    @Children private final MoatStatementNode[] prologue;
    @Child private MoatStatementNode body;
    @Child private MoatExpressionNode finalReturn;
    private final int varargSlot;
    private final int paramCount;
    private final String name;
    private final SourceSection section;

    public FunctionRootNode(MoatLanguage language, FrameDescriptor descriptor, MoatStatementNode[] prologue,
                            MoatStatementNode body, MoatExpressionNode finalReturn, int paramCount, int varargSlot,
                            String name, SourceSection section) {
        super(language, descriptor);
        this.prologue = prologue;
        this.body = body;
        this.finalReturn = finalReturn;
        this.paramCount = paramCount;
        this.varargSlot = varargSlot;
        this.name = name;
        this.section = section;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        MoatContext context = MoatContext.get(this);
        if (++context.depth > context.maxDepth) {
            context.depth--;
            CompilerDirectives.transferToInterpreter();
            throw MoatError.at(this.body, "stack overflow");
        }
        try {
            return executeBody(frame);
        } catch (ReturnException r) {
            return r.result;
        } catch (StackOverflowError e) {
            CompilerDirectives.transferToInterpreter();
            throw MoatError.at(this.body, "stack overflow");
        } finally {
            context.depth--;
        }
    }

    @ExplodeLoop
    private Object executeBody(VirtualFrame frame) {
        if (varargSlot >= 0) {
            Object[] args = frame.getArguments();
            int first = 1 + paramCount;
            frame.setObject(varargSlot, args.length > first ? Arrays.copyOfRange(args, first, args.length) : MultiValue.EMPTY);
        }
        for (MoatStatementNode p : prologue) {
            p.executeVoid(frame);
        }
        Object returned = body.runReturning(frame);
        if (returned != null) {
            return returned;
        }
        if (finalReturn != null) {
            return finalReturn.execute(frame);
        }
        return MultiValue.EMPTY;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public SourceSection getSourceSection() {
        return section;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean isCloningAllowed() {
        return true;
    }
}

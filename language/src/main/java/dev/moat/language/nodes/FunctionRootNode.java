package dev.moat.language.nodes;

import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.source.SourceSection;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.local.ClearLocalsNode;

/**
 * The root of a Lua function (and of a chunk's main function): one call runs the body from its start.
 */
public final class FunctionRootNode extends LuaFunctionRoot {
    /** The same body translated to run as a coroutine step by step, or null (see GeneratorRootNode). */
    private RootCallTarget generatorTarget;
    /** Where a compiled call marks its frame as virtual, so that dead slots are reset (see ClearLocalsNode); -1 if none are. */
    private final int compiledFrameSlot;
    /** A chunk's main function: run once per load, so never split (see isCloningAllowed). */
    private final boolean mainChunk;

    public FunctionRootNode(MoatLanguage language, FrameDescriptor descriptor, MoatStatementNode[] prologue,
                            MoatStatementNode body, MoatExpressionNode finalReturn, int paramCount, int varargSlot,
                            int callCharge, int levelSlot, int compiledFrameSlot, String name, SourceSection section,
                            boolean mainChunk) {
        super(language, descriptor, prologue, body, finalReturn, paramCount, varargSlot, callCharge, levelSlot, name,
                section);
        this.compiledFrameSlot = compiledFrameSlot;
        this.mainChunk = mainChunk;
    }

    /**
     * A function that may be split keeps an uninitialized copy of its whole tree, which Truffle makes at its first
     * call. A chunk's main function runs once for each time it is loaded, where that copy was a tenth of what
     * {@code load} cost (bench/README.md, "Loading a chunk"), and a split of it would serve no second caller.
     */
    @Override
    public boolean isCloningAllowed() {
        return !mainChunk;
    }

    @Override
    protected Object call(VirtualFrame frame, MoatContext context) {
        ClearLocalsNode.markCompiledFrame(frame, compiledFrameSlot);
        // The charge first: inlined in a loop, a call's counter update then sits next to the iteration's
        // and the two merge into one store, where the level test (a deoptimisation point) between them
        // kept both. A call past the depth limit has then been charged, which no budget notices.
        chargeCall(context);
        enterLevel(frame, frame.getArguments(), context);
        bindArguments(frame);
        return runBody(frame);
    }

    public RootCallTarget getGeneratorTarget() {
        return generatorTarget;
    }

    /** Set once by the translator, before the function can run. */
    public void setGeneratorTarget(RootCallTarget target) {
        this.generatorTarget = target;
    }
}

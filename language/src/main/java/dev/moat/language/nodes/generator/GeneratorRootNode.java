package dev.moat.language.nodes.generator;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.source.SourceSection;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.LuaFunctionRoot;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.nodes.controlflow.GeneratorBail;
import dev.moat.language.nodes.controlflow.GeneratorYield;
import dev.moat.language.nodes.controlflow.ResumePoints;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.MultiValue;

/**
 * A Lua function's body translated a second time to run as a coroutine one step at a time, for bodies
 * whose yields are all direct (the translator's GeneratorShape decides which). Each resume calls
 * this root once; its frame lives on the heap with the coroutine, so a yield only unwinds to here (see
 * {@link DirectYieldNode}, {@link ResumePoints}) instead of freezing and thawing a JVM stack. The caller
 * runs a step inside a fresh JDK continuation, which a yield from a nested call suspends the usual way, or,
 * where the translator found the body fit for it, bare on its own stack until the step reaches something that
 * might need a continuation (see GeneratorBail).
 *
 * <p>Arguments: the coroutine's body function, the frame holder, the values passed to resume, and whether
 * the step runs bare (Boolean.TRUE: without a continuation, see GeneratorBail).
 */
public final class GeneratorRootNode extends LuaFunctionRoot {
    /** What a call returns when the body yielded rather than returned. */
    public static final Object SUSPENDED = new Object() {
        @Override
        public String toString() {
            return "generator suspended";
        }
    };

    /** What a call returns when a bare step bailed: the caller runs the rest of the step in a continuation. */
    public static final Object BAILED = new Object() {
        @Override
        public String toString() {
            return "generator step bailed";
        }
    };

    /** Where a coroutine keeps its generator frame between steps. */
    public interface FrameHolder {
        MaterializedFrame generatorFrame();

        void setGeneratorFrame(MaterializedFrame frame);
    }

    private final int resumePoints;
    private final int resumeValuesSlot;
    /** Whether steps may run bare, without a continuation (see GeneratorBail; the translator's GeneratorShape decides). */
    private final boolean bareSteps;

    public GeneratorRootNode(MoatLanguage language, FrameDescriptor descriptor, MoatStatementNode[] prologue,
                             MoatStatementNode body, MoatExpressionNode finalReturn, int paramCount, int varargSlot,
                             int callCharge, int levelSlot, int resumePoints, int resumeValuesSlot, boolean bareSteps,
                             String name, SourceSection section) {
        super(language, descriptor, prologue, body, finalReturn, paramCount, varargSlot, callCharge, levelSlot, name,
                section);
        this.resumePoints = resumePoints;
        this.resumeValuesSlot = resumeValuesSlot;
        this.bareSteps = bareSteps;
        YieldPaths.assign(this);
    }

    /** True if this body's steps may run without a continuation of their own, bailing to one where needed. */
    public boolean takesBareSteps() {
        return bareSteps;
    }

    @Override
    protected Object call(VirtualFrame callFrame, MoatContext context) {
        Object[] args = callFrame.getArguments();
        FrameHolder holder = (FrameHolder) args[1];
        Object[] in = (Object[]) args[2];
        boolean bare = args[3] == Boolean.TRUE;
        MaterializedFrame frame = holder.generatorFrame();
        if (frame == null) {
            // The coroutine's first resume published the level the body runs above (Coroutines.runStep); the
            // level stays in the frame for the later steps, which run at the same level.
            frame = newFrame(args[0], context.depth, in);
            ResumePoints.startFresh(frame, bare);
            enterLevel(frame, frame.getArguments(), context);
            chargeCall(context); // the first step is the call: the same charge as on a coroutine stack
            holder.setGeneratorFrame(frame);
            bindArguments(frame);
        } else {
            frame.setObjectStatic(resumeValuesSlot, in);
            ResumePoints.startResuming(frame, bare);
        }
        try {
            return ResumePoints.resumeAtFinalReturn(frame) ? runFinalReturn(frame) : runBody(frame);
        } catch (GeneratorBail b) {
            if (!b.isPlaced()) {
                ResumePoints.bailedAtFinalReturn(frame);
            }
            return BAILED;
        } catch (GeneratorYield y) {
            return SUSPENDED;
        }
    }

    /** The frame of the first step: its arguments are those of a call of the function. */
    private MaterializedFrame newFrame(Object function, int callerLevel, Object[] in) {
        Object[] argv = CallArguments.of(in);
        argv[CallArguments.CALLEE] = function;
        argv[CallArguments.LEVEL] = callerLevel;
        MaterializedFrame frame = Truffle.getRuntime().createMaterializedFrame(argv, getFrameDescriptor());
        frame.setObjectStatic(ResumePoints.MARKS_SLOT, new int[resumePoints + 1]);
        frame.setObjectStatic(resumeValuesSlot, MultiValue.EMPTY);
        return frame;
    }
}

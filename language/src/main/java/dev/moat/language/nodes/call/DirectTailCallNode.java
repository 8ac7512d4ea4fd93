package dev.moat.language.nodes.call;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.BranchProfile;
import dev.moat.language.MoatContext;
import dev.moat.language.coroutine.MoatCoroutine;
import dev.moat.language.nodes.LuaFunctionRoot;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.Positions;

/**
 * The Lua-function case of a proper tail call ({@code return f(args)}), made as an ordinary Java call
 * while few such calls are nested on the current stack, and by unwinding with
 * {@link TailCallException} beyond that.
 *
 * <p>Why: unwinding the caller's frame with an exception on every tail call is slow (the exception
 * crosses compiled frames), and it sends every tail-called function through the <em>caller's</em> call
 * site, which then sees all of them and turns megamorphic — object-oriented code such as
 * {@code return self.scheduler:queue(p)} lost both inlining and its monomorphic call sites. A call from
 * here has a call site of its own. What stays Lua-exact: the callee takes over this frame's call level
 * (it is passed the level this function was called from, so "stack overflow" and the memory charged for
 * suspended coroutine stacks are as before), the call is charged once like any call, and error levels
 * skip the frame that Lua would have replaced ({@link Positions.FrameReplacingCall}). What is bounded:
 * at most {@link #MAX_NESTED} such calls per coroutine stack, so endless tail recursion still runs in
 * constant Java stack (deeper ones unwind to the nearest call site, as all tail calls used to).
 *
 * <p>A tail call of a leaf function (no calls of its own, see LeafFunctions) is not counted: the leaf
 * cannot continue the chain, so its frame is the chain's last. It touches no counter then, which makes
 * {@code return f(g(x))} with a leaf {@code f} (closures' composed functions) a plain call; the counter's
 * increment and decrement around it were two stores compiled code kept. A leaf may still run a
 * metamethod, an ordinary call one level up, so a stack holds at most one uncounted frame per call level.
 */
final class DirectTailCallNode extends Node implements Positions.FrameReplacingCall {
    /** Direct tail calls allowed on one stack at a time; OO code nests a handful. */
    static final int MAX_NESTED = 16;

    @Child private InvokeNode invoke = InvokeNode.createForTailCall();
    private final BranchProfile tooDeep = BranchProfile.create();

    /**
     * The first leaf and the first other callee this site called, so that compiled code folds the leaf test
     * for them. Each field only ever holds a target of its own kind, so hosts' threads racing on one shared
     * site can lose an entry but never give a wrong answer.
     */
    @CompilationFinal private RootCallTarget leafSeen;
    @CompilationFinal private RootCallTarget otherSeen;
    @CompilationFinal private boolean moreTargets;

    /** Tail-calls the Lua function {@code f} from the function whose frame is {@code frame}. */
    Object call(VirtualFrame frame, MoatFunction f, Object[] argv, Node errorSite, String description) {
        if (isLeaf(f.getTarget())) {
            // A leaf makes no calls of its own, so it ends the chain: its one frame needs no count.
            return invoke.call(frame, f, argv, errorSite, description);
        }
        MoatCoroutine co = MoatContext.get(this).getCoroutines().current();
        if (!co.tryEnterDirectTailCall(MAX_NESTED)) {
            tooDeep.enter();
            argv[CallArguments.CALLEE] = f;
            argv[CallArguments.LEVEL] = frame.getArguments()[CallArguments.LEVEL];
            throw new TailCallException(f, argv);
        }
        try {
            return invoke.call(frame, f, argv, errorSite, description);
        } finally {
            co.exitDirectTailCall();
        }
    }

    /** Whether {@code target} is a leaf Lua function (see LeafFunctions); a constant for the callees the site has seen. */
    private boolean isLeaf(RootCallTarget target) {
        if (target == leafSeen) {
            return true;
        }
        if (target == otherSeen) {
            return false;
        }
        boolean leaf = isLeafRoot(target);
        if (!moreTargets) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            if (leaf && leafSeen == null) {
                leafSeen = target;
            } else if (!leaf && otherSeen == null) {
                otherSeen = target;
            } else {
                moreTargets = true;
            }
        }
        return leaf;
    }

    private static boolean isLeafRoot(RootCallTarget target) {
        return target.getRootNode() instanceof LuaFunctionRoot root && root.isLeaf();
    }
}

package dev.moat.language.nodes.call;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.BranchProfile;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.Positions;

/**
 * The Lua-function case of a proper tail call ({@code return f(args)}), made as an ordinary Java call
 * while few such calls are active on the current stack, and by unwinding with
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
 * at most {@link #MAX_NESTED} such calls active on one coroutine stack, so endless tail recursion still
 * runs in constant Java stack (deeper ones unwind to the nearest call site, as all tail calls used to).
 *
 * <p>The count of active ones travels in the level value of the call's arguments (see CallArguments): this
 * function's arguments hold the count below it, every call passes it on and this one passes it plus one,
 * so it costs no memory access (a counter on the coroutine, incremented and decremented around each call,
 * was two stores that compiled code kept: closures, richards and deltablue 3–8 % slower with code shared).
 */
final class DirectTailCallNode extends Node implements Positions.FrameReplacingCall {
    /** Direct tail calls allowed on one stack at a time; OO code nests a handful. */
    static final int MAX_NESTED = 16;

    @Child private InvokeNode invoke = InvokeNode.createForTailCall();
    private final BranchProfile tooDeep = BranchProfile.create();

    /** Tail-calls the Lua function {@code f} from the function whose frame is {@code frame}. */
    Object call(VirtualFrame frame, MoatFunction f, Object[] argv, Node errorSite, String description) {
        // The level value this function was called with: the level the callee takes over, and the direct tail
        // calls active below this function.
        int from = CallArguments.callerLevel(frame.getArguments());
        if (CallArguments.tailCallsOf(from) >= MAX_NESTED) {
            tooDeep.enter();
            argv[CallArguments.CALLEE] = f;
            argv[CallArguments.LEVEL] = from;
            throw new TailCallException(f, argv);
        }
        argv[CallArguments.LEVEL] = from + CallArguments.TAIL_CALL;
        return invoke.call(frame, f, argv, errorSite, description);
    }
}

package dev.moat.language.nodes.call;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.BranchProfile;
import dev.moat.language.MoatContext;
import dev.moat.language.coroutine.MoatCoroutine;
import dev.moat.language.nodes.LuaFunctionRoot;
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
 * ({@code context.depth} is lowered during the call, so "stack overflow" and the memory charged for
 * suspended coroutine stacks are as before), the call is charged once like any call, and error levels
 * skip the frame that Lua would have replaced ({@link Positions.FrameReplacingCall}). What is bounded:
 * at most {@link #MAX_NESTED} such calls per coroutine stack, so endless tail recursion still runs in
 * constant Java stack (deeper ones unwind to the nearest call site, as all tail calls used to).
 */
final class DirectTailCallNode extends Node implements Positions.FrameReplacingCall {
    /** Direct tail calls allowed on one stack at a time; OO code nests a handful. */
    static final int MAX_NESTED = 16;

    @Child private InvokeNode invoke = InvokeNode.createForTailCall();
    private final BranchProfile tooDeep = BranchProfile.create();
    /**
     * The calling function's frame slot that records that its level went to the callee, or -1. With
     * it, the level is lowered once before the call and never raised again: the callee returns to the
     * caller's caller's level, and the calling function skips its own lowering (LuaFunctionRoot). That
     * is two stores fewer per tail call, the common {@code return f(g(x))} of functional code.
     */
    private final int releasedLevelSlot;
    /** Whether the calling function stored its level at all (not if it is call-free, see CallFreeCode); 0 = not known yet. */
    @CompilationFinal private byte callerLevel;
    private static final byte STORED = 1;
    private static final byte NOT_STORED = 2;

    DirectTailCallNode(int releasedLevelSlot) {
        this.releasedLevelSlot = releasedLevelSlot;
    }

    private boolean callerStoredItsLevel() {
        if (callerLevel == 0) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            callerLevel = getRootNode() instanceof LuaFunctionRoot lua && lua.isCallFree() ? NOT_STORED : STORED;
        }
        return callerLevel == STORED;
    }

    /** Tail-calls the Lua function {@code f}; {@code argv[0]} is reserved for the callee. */
    Object call(VirtualFrame frame, MoatFunction f, Object[] argv, Node errorSite, String description) {
        MoatContext context = MoatContext.get(this);
        MoatCoroutine co = context.getCoroutines().current();
        if (!co.tryEnterDirectTailCall(MAX_NESTED)) {
            tooDeep.enter();
            argv[0] = f;
            throw new TailCallException(f, argv);
        }
        // A call-free caller never stored its level, and metering off stores none: nothing to hand over.
        boolean counted = context.countsDepth && callerStoredItsLevel();
        if (counted) {
            context.depth--; // the callee replaces this frame's level, as in Lua
            if (releasedLevelSlot >= 0) {
                frame.setBoolean(releasedLevelSlot, true);
            }
        }
        try {
            return invoke.call(f, argv, errorSite, description);
        } finally {
            if (counted && releasedLevelSlot < 0) {
                context.depth++;
            }
            co.exitDirectTailCall();
        }
    }
}

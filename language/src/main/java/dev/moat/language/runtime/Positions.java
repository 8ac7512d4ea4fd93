package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.FrameInstance;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;
import dev.moat.language.coroutine.ContinuationCall;

import java.util.ArrayList;
import java.util.List;

/**
 * Lua's error positions ("chunk:line: "). A node in Lua code knows its own line; a builtin has none,
 * so its errors are reported at the line of the Lua code that called it, as luaL_error does (level 1).
 */
public final class Positions {
    private Positions() {
    }

    /** Marker for root nodes of Lua functions (so builtin frames are recognised while walking). */
    public interface LuaRoot {
    }

    /**
     * Marker for the node of a proper tail call made as a Java call: the frame that made it is one Lua
     * has already replaced by the callee's, so it does not count as a level.
     */
    public interface FrameReplacingCall {
    }

    @TruffleBoundary
    public static String where(Node node) {
        if (node != null) {
            SourceSection ss = node.getEncapsulatingSourceSection();
            if (ss != null && ss.isAvailable()) {
                return ss.getSource().getName() + ":" + LuaLines.startLine(ss) + ": ";
            }
        }
        return callerWhere(1);
    }

    /**
     * The position of the function at {@code level} on the guest stack: level 1 is the innermost Lua
     * function (the one that called the running builtin), level 2 its caller, and so on. Empty when that
     * level is a builtin or does not exist, as in Lua.
     */
    @TruffleBoundary
    public static String callerWhere(int level) {
        List<FrameInstance> frames = new ArrayList<>();
        Truffle.getRuntime().iterateFrames(f -> {
            if (!frames.isEmpty() && madeTailCall(f)) {
                return null; // replaced by its callee in Lua: not a level
            }
            if (rootOf(f) instanceof ContinuationCall.ContinuationRoot) {
                return null; // where a coroutine runs in the fallback runtime: not a level
            }
            frames.add(f);
            return frames.size() > level + 1 ? f : null;
        });
        if (level >= frames.size()) {
            return "";
        }
        FrameInstance frame = frames.get(level);
        RootNode root = rootOf(frame);
        if (!(root instanceof LuaRoot)) {
            return "";
        }
        return callSiteWhere(frame.getCallNode());
    }

    /** "chunk:line: " of a call site in Lua code ({@code call} or a node inside it), or empty without a position. */
    @TruffleBoundary
    public static String callSiteWhere(Node call) {
        if (call == null) {
            return "";
        }
        SourceSection ss = call.getEncapsulatingSourceSection();
        if (ss == null || !ss.isAvailable()) {
            return "";
        }
        return ss.getSource().getName() + ":" + LuaLines.startLine(ss) + ": ";
    }

    /** True if {@code frame} is waiting in a proper tail call (see {@link FrameReplacingCall}). */
    private static boolean madeTailCall(FrameInstance frame) {
        return isTailCallSite(frame.getCallNode());
    }

    /** True if {@code call}, a call node of a Lua function, is a proper tail call made as a Java call. */
    public static boolean isTailCallSite(Node call) {
        for (Node n = call; n != null && !(n instanceof RootNode); n = n.getParent()) {
            if (n instanceof FrameReplacingCall) {
                return true;
            }
        }
        return false;
    }

    private static RootNode rootOf(FrameInstance frame) {
        if (frame.getCallTarget() instanceof com.oracle.truffle.api.RootCallTarget rct) {
            return rct.getRootNode();
        }
        return null;
    }
}

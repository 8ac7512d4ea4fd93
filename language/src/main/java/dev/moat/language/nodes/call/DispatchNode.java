package dev.moat.language.nodes.call;

import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.dsl.ReportPolymorphism;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Cached.Shared;
import com.oracle.truffle.api.dsl.GenerateInline;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.LuaFunctionRoot;
import dev.moat.language.runtime.MoatFunction;

/**
 * Invokes a function's call target: a polymorphic inline cache of direct calls (so Graal can inline
 * the callee), falling back to an indirect call for megamorphic sites. The cache is keyed by call
 * target, which is shared by all closures of one function and all contexts of one engine.
 * A site that turns polymorphic asks Truffle to split its function (one copy per caller), so a
 * higher-order function such as {@code map(t, f)} gets a monomorphic call site in each caller.
 * Four targets: a method call on objects of a handful of classes (richards' {@code self.task:run()}
 * over its four task classes) stays direct; splitting cannot help there, the site has one caller.
 *
 * <p>Charges the call's instruction for callees that do not charge it themselves (builtins and host
 * functions; a Lua function's root charges its call on entry). For a cached target that is decided
 * when the cache entry is made, so compiled code has no test for it. A site that is not a call expression
 * (a metamethod, a builtin's callback) tests the limit before calling a leaf function, which does not test
 * on entry (see LeafFunctions); decided per cached target as well.
 *
 * <p>A function that calls itself from inside one of its loops (backtracking, as in n-queens' {@code place})
 * gets no direct call node for that call, so Graal never inlines the recursion: each inlined copy would
 * bring its own loop, nested in the caller's, and keep the caller's loop state live across it. Graal's
 * default of two recursive inlinings made queens' {@code place} 58 KB of code that spent its time moving
 * spilled values between stack slots; called, not inlined, it runs in 0.73 of the time (bench/README.md,
 * "Recursion inside loops"). Recursion outside loops (fib, towers) still inlines, where it pays.
 */
@GenerateInline(false)
@ReportPolymorphism
public abstract class DispatchNode extends Node {
    /** True at a call expression's site, where a leaf callee needs no test (see LeafFunctions). */
    private final boolean forCallExpression;

    protected DispatchNode(boolean forCallExpression) {
        this.forCallExpression = forCallExpression;
    }

    public abstract Object execute(MoatFunction function, Object[] arguments);

    @Specialization(guards = "function.getTarget() == cachedTarget", limit = "4")
    protected Object doDirect(MoatFunction function, Object[] arguments,
                              @Cached("function.getTarget()") RootCallTarget cachedTarget,
                              @Cached("chargesItsCalls(cachedTarget)") boolean chargesItself,
                              @Cached("testsBeforeCalling(cachedTarget)") boolean testsFirst,
                              @Cached("createDirectCall(cachedTarget)") DirectCallNode callNode,
                              @Shared @Cached IndirectCallNode indirectCall) {
        if (!chargesItself) {
            MoatContext.get(this).budget.charge(1, this);
        } else if (testsFirst) {
            MoatContext.get(this).budget.checkLimit(this);
        }
        if (callNode == null) {
            // Recursion inside a loop (see the class comment). The target is read from the function, not
            // taken from the cache: partial evaluation inlines an indirect call to a constant target.
            return indirectCall.call(function.getTarget(), arguments);
        }
        return callNode.call(arguments);
    }

    @ReportPolymorphism.Megamorphic
    @Specialization(replaces = "doDirect")
    protected Object doIndirect(MoatFunction function, Object[] arguments,
                                @Shared @Cached IndirectCallNode indirectCall) {
        RootCallTarget target = function.getTarget();
        if (!chargesItsCalls(target)) {
            MoatContext.get(this).budget.charge(1, this);
        } else if (testsBeforeCalling(target)) {
            MoatContext.get(this).budget.checkLimit(this);
        }
        return indirectCall.call(target, arguments);
    }

    /** A direct call node for {@code target}, or null for a call the compiler must not inline. */
    protected final DirectCallNode createDirectCall(RootCallTarget target) {
        return isRecursionInsideLoop(target) ? null : DirectCallNode.create(target);
    }

    /**
     * Whether this site is in a loop of the function it calls. Functions are compared by source
     * section, not root node: a split copy of a function calls the original's target.
     */
    private boolean isRecursionInsideLoop(RootCallTarget target) {
        RootNode callee = target.getRootNode();
        RootNode caller = getRootNode();
        if (!(callee instanceof LuaFunctionRoot) || !(caller instanceof LuaFunctionRoot)
                || callee.getSourceSection() == null || !callee.getSourceSection().equals(caller.getSourceSection())) {
            return false;
        }
        for (Node n = getParent(); n != null && n != caller; n = n.getParent()) {
            if (n instanceof LoopNode) {
                return true;
            }
        }
        return false;
    }

    /** True if this site must test the limit for the callee: a leaf reached other than by a call expression. */
    protected final boolean testsBeforeCalling(RootCallTarget target) {
        return !forCallExpression && target.getRootNode() instanceof LuaFunctionRoot lua && lua.isLeaf();
    }

    /** True for a Lua function, whose root charges its call on entry (see LuaFunctionRoot). */
    protected static boolean chargesItsCalls(RootCallTarget target) {
        return target.getRootNode() instanceof LuaFunctionRoot;
    }
}

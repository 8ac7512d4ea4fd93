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
import dev.moat.language.builtins.BuiltinRootNode;
import dev.moat.language.nodes.LuaFunctionRoot;
import dev.moat.language.nodes.controlflow.NumericForNode;
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
 * when the cache entry is made, so compiled code has no test for it. Whether the site tests the limit is
 * decided the same way ({@link #testsLimit}): a call expression only counts the call of a builtin and
 * leaves a leaf Lua function untested, other sites test for both.
 *
 * <p>A function that calls itself from inside one of its loops (backtracking, as in n-queens' {@code place})
 * gets no direct call node for that call, so Graal never inlines the recursion: each inlined copy would
 * bring its own loop, nested in the caller's, and keep the caller's loop state live across it. Graal's
 * default of two recursive inlinings made queens' {@code place} 58 KB of code that spent its time moving
 * spilled values between stack slots; called, not inlined, it runs in 0.73 of the time (bench/README.md,
 * "Recursion inside loops"). Recursion outside loops (fib, towers) still inlines, where it pays. The numeric
 * {@code for} loops around such a call are told so ({@link NumericForNode#markCallsOut}).
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

    @Specialization(guards = "function.targetOrNull() == cachedTarget", limit = "4")
    protected Object doDirect(MoatFunction function, Object[] arguments,
                              @Cached("function.getTarget()") RootCallTarget cachedTarget,
                              @Cached("chargesItsCalls(cachedTarget)") boolean chargesItself,
                              @Cached("testsLimit(cachedTarget)") boolean testsLimit,
                              @Cached("createDirectCall(cachedTarget)") DirectCallNode callNode,
                              @Shared @Cached IndirectCallNode indirectCall) {
        meter(chargesItself, testsLimit);
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
        meter(chargesItsCalls(target), testsLimit(target));
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
        boolean inLoop = false;
        for (Node n = getParent(); n != null && n != caller; n = n.getParent()) {
            if (n instanceof LoopNode) {
                inLoop = true;
            } else if (n instanceof NumericForNode loop) {
                loop.markCallsOut();
            }
        }
        return inLoop;
    }

    /**
     * The call's metering at this site: a builtin or host function's call is charged here (1), a Lua
     * function charges its own; {@code testsLimit} says whether this site also tests the limit.
     */
    private void meter(boolean chargesItself, boolean testsLimit) {
        if (!chargesItself) {
            if (testsLimit) {
                MoatContext.get(this).budget.charge(1, this);
            } else {
                MoatContext.get(this).budget.count(1);
            }
        } else if (testsLimit) {
            MoatContext.get(this).budget.checkLimit(this);
        }
    }

    /**
     * Whether this site tests the instruction limit for a call of {@code target}. A call expression leaves
     * the test out for a leaf Lua function and for a builtin (Lua's "C function"): both run bounded work
     * (a builtin charges its work with tests of its own, and everything either calls back tests), and the
     * caller tests at its next loop iteration, call or end (see LeafFunctions). A host function's call is
     * always tested; so is a leaf's or a builtin's from a metamethod or a callback, which the calling
     * code cannot see in its text. A Lua function that is not a leaf tests on entry, at no site.
     */
    protected final boolean testsLimit(RootCallTarget target) {
        RootNode root = target.getRootNode();
        if (root instanceof LuaFunctionRoot lua) {
            return lua.isLeaf() && !forCallExpression;
        }
        return !(forCallExpression && root instanceof BuiltinRootNode);
    }

    /** True for a Lua function, whose root charges its call on entry (see LuaFunctionRoot). */
    protected static boolean chargesItsCalls(RootCallTarget target) {
        return target.getRootNode() instanceof LuaFunctionRoot;
    }
}

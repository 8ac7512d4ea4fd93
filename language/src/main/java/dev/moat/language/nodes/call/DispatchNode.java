package dev.moat.language.nodes.call;

import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.dsl.ReportPolymorphism;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.GenerateInline;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.Node;
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
 * when the cache entry is made, so compiled code has no test for it.
 */
@GenerateInline(false)
@ReportPolymorphism
public abstract class DispatchNode extends Node {
    public abstract Object execute(MoatFunction function, Object[] arguments);

    @Specialization(guards = "function.getTarget() == cachedTarget", limit = "4")
    protected Object doDirect(MoatFunction function, Object[] arguments,
                              @Cached("function.getTarget()") RootCallTarget cachedTarget,
                              @Cached("chargesItsCalls(cachedTarget)") boolean chargesItself,
                              @Cached("create(cachedTarget)") DirectCallNode callNode) {
        if (!chargesItself) {
            MoatContext.get(this).budget.charge(1, this);
        }
        return callNode.call(arguments);
    }

    @ReportPolymorphism.Megamorphic
    @Specialization(replaces = "doDirect")
    protected Object doIndirect(MoatFunction function, Object[] arguments,
                                @Cached IndirectCallNode callNode) {
        RootCallTarget target = function.getTarget();
        if (!chargesItsCalls(target)) {
            MoatContext.get(this).budget.charge(1, this);
        }
        return callNode.call(target, arguments);
    }

    /** True for a Lua function, whose root charges its call on entry (see LuaFunctionRoot). */
    protected static boolean chargesItsCalls(RootCallTarget target) {
        return target.getRootNode() instanceof LuaFunctionRoot;
    }
}

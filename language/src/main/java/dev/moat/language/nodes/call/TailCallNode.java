package dev.moat.language.nodes.call;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.profiles.BranchProfile;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatFunction;

/**
 * {@code return f(args)} where a proper tail call applies: a Lua callee (or a Lua {@code __call}
 * handler) takes over the current frame, see {@link DirectTailCallNode}; builtins and objects with a
 * builtin {@code __call} are simply called, keeping this frame as Lua does for C functions (they cannot
 * recurse without a Lua frame in between).
 */
public final class TailCallNode extends MoatExpressionNode {
    @Child private MoatExpressionNode call; // a CallNode or MethodCallNode
    @Child private InvokeNode invoke = InvokeNode.createForCallExpression();
    @Child private DirectTailCallNode tailCall = new DirectTailCallNode();
    private final BranchProfile callableObject = BranchProfile.create();

    public TailCallNode(MoatExpressionNode call) {
        this.call = call;
    }

    /** The CallNode or MethodCallNode that computes the callee and the arguments. */
    MoatExpressionNode callExpression() {
        return call;
    }

    /** How Lua describes the callee ("local 'f'", "method 'rep'"), or null. */
    public String calleeDescription() {
        return call instanceof MethodCallNode m ? m.getMethodDescription() : ((CallNode) call).callDescription();
    }

    /** True for {@code return obj:m(...)}: error messages then do not count self as an argument. */
    public boolean isMethodCall() {
        return call instanceof MethodCallNode;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Object callee;
        Object[] argv;
        String description;
        if (call instanceof MethodCallNode m) {
            argv = m.prepare(frame);
            callee = argv[CallArguments.CALLEE];
            description = m.getMethodDescription();
        } else {
            CallNode c = (CallNode) call;
            callee = c.evaluateCallee(frame);
            QuotientArgumentNode quotient = c.quotientArgument();
            if (quotient != null) {
                // return floor(a / b): computed here as in a call expression (a builtin keeps this frame anyway)
                Object evaluated = quotient.evaluate(frame, callee);
                if (!(evaluated instanceof Object[] quotientArgv)) {
                    return evaluated;
                }
                argv = quotientArgv;
            } else {
                argv = c.evaluateArguments(frame);
            }
            description = c.callDescription();
        }
        MoatFunction luaTarget = null;
        Object[] luaArgv = argv;
        if (callee instanceof MoatFunction f) {
            if (f.isLua) {
                luaTarget = f;
            }
        } else {
            // A callable object's Lua __call is tail-called too (the caller's frame goes away, as in Lua).
            callableObject.enter();
            MoatContext context = MoatContext.get(this);
            Object handler = Metatables.metamethod(context, callee, Metatables.CALL);
            if (handler instanceof MoatFunction h && h.isLua) {
                luaTarget = h;
                luaArgv = InvokeNode.prependCallee(callee, argv);
            } else if (handler != null && !(handler instanceof MoatFunction)) {
                // A chain of callable objects: its Lua function is tail-called with the chain's objects in front.
                luaArgv = InvokeNode.followCallChain(context, callee, handler, InvokeNode.prependCallee(callee, argv), call, description);
                MoatFunction end = (MoatFunction) luaArgv[CallArguments.CALLEE];
                if (end.isLua) {
                    luaTarget = end;
                } else {
                    return invoke.call(frame, end, luaArgv, call, description); // a builtin keeps this frame, as above
                }
            }
        }
        // One call site for both Lua cases: Graal inlines the callee once, not once per way of getting there.
        if (luaTarget != null) {
            return tailCall.call(frame, luaTarget, luaArgv, call, description);
        }
        return invoke.call(frame, callee, argv, call, description);
    }
}

package dev.moat.language.nodes.call;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.builtins.BuiltinRootNode;
import dev.moat.language.runtime.MoatFunction;

import java.util.function.Predicate;

/**
 * Whether a call site's callee has been, every time, the one builtin it met first, where that builtin is one
 * the site can compute itself ({@code floor(a / b)}: QuotientArgumentNode; {@code type(x) == "table"}:
 * nodes.expression.TypeTestNode). Decided in the interpreter; compiled code compares the callee's call target
 * (shared by the contexts of an engine) with a constant and deoptimises once, for good, when it differs or the
 * site cannot compute a call. One field holding an immutable value, so a site that contexts on several threads
 * share is never half updated. A node, so that a split copy of the site decides for itself.
 */
public final class SiteBuiltin extends Node {
    private static final Object UNSEEN = new Object();
    /** Met another callee, or a call the site could not compute: calls, for good. */
    private static final Object CALLS = new Object();

    private final Predicate<BuiltinRootNode> wanted;
    /** UNSEEN, CALLS, or the call target of the builtin the site computes. */
    @CompilationFinal private Object mode = UNSEEN;

    /** {@code wanted}: which builtins the site computes (tested in the interpreter only). */
    public SiteBuiltin(Predicate<BuiltinRootNode> wanted) {
        this.wanted = wanted;
    }

    /**
     * The builtin's root if {@code callee} is the builtin this site computes and {@code computable} (the site can
     * compute this call), else null.
     */
    public BuiltinRootNode match(Object callee, boolean computable) {
        Object current = mode;
        if (current instanceof RootCallTarget target) {
            // getTarget: a context's builtin is resolved on its first call (with a deoptimisation, not here).
            if (callee instanceof MoatFunction f && f.getTarget() == target && computable) {
                return (BuiltinRootNode) target.getRootNode();
            }
            CompilerDirectives.transferToInterpreterAndInvalidate();
            mode = CALLS;
            return null;
        }
        if (current == UNSEEN) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            if (computable && callee instanceof MoatFunction f
                    && f.getTarget().getRootNode() instanceof BuiltinRootNode root && wanted.test(root)) {
                mode = f.getTarget();
                return root;
            }
            mode = CALLS;
        }
        return null;
    }
}

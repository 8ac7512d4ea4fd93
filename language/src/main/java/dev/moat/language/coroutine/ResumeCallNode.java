package dev.moat.language.coroutine;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.MoatContext;

/**
 * Resumes a coroutine ({@code coroutine.resume}, a {@code coroutine.wrap} function). A generator whose
 * step starts bare (see nodes.controlflow.GeneratorBail) has that step called from here, by a call node of
 * the resuming code, which compiled code can inline like any call: the step's values pass without the
 * coroutine machinery's own Java code in between. Every other resume goes through
 * {@link Coroutines#resumeRaw}. Returns what resumeRaw returns: the values passed out, or a Failure.
 */
public final class ResumeCallNode extends Node {
    /** The call of the first generator body this site stepped. */
    @Child private DirectCallNode direct;
    /** Once the site has stepped generators of two bodies. */
    @Child private IndirectCallNode indirect;

    public static ResumeCallNode create() {
        return new ResumeCallNode();
    }

    public Object resume(MoatCoroutine co, Object[] args) {
        Coroutines coroutines = MoatContext.get(this).getCoroutines();
        if (coroutines.stepsInline(co)) {
            return coroutines.resumeInline(co, args, this, this);
        }
        return coroutines.resumeRaw(co, args, this);
    }

    /** Calls the generator's step (arguments as GeneratorRootNode takes them, bare). */
    Object callStep(MoatCoroutine co, Object[] in) {
        RootCallTarget target = co.generatorTarget;
        if (indirect == null) {
            if (direct != null && direct.getCallTarget() == target) {
                return direct.call(co.body, co, in, Boolean.TRUE);
            }
            CompilerDirectives.transferToInterpreterAndInvalidate();
            if (direct == null) {
                direct = insert(DirectCallNode.create(target));
                return direct.call(co.body, co, in, Boolean.TRUE);
            }
            indirect = insert(IndirectCallNode.create());
        }
        return indirect.call(target, co.body, co, in, Boolean.TRUE);
    }
}

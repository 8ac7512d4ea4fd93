package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.nodes.ControlFlowException;

/**
 * Thrown by a generator body's direct yield after it has suspended its coroutine: unwinds the body to its
 * root, each resume point on the way recording where it was (see {@link ResumePoints}). One instance: it
 * carries nothing, and compiled code turns the throw into jumps through those handlers to the root's.
 */
public class GeneratorYield extends ControlFlowException {
    private static final long serialVersionUID = 1L;
    public static final GeneratorYield INSTANCE = new GeneratorYield();

    protected GeneratorYield() {
    }
}

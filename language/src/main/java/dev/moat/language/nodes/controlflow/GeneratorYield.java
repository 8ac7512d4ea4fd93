package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.nodes.ControlFlowException;

/**
 * Thrown by a generator body's direct yield after it has suspended its coroutine and recorded its way back
 * (see {@link ResumePoints#recordYield}): unwinds the body to its root, where nothing on the way catches it.
 * One instance: it carries nothing, and compiled code turns the throw into a jump to the root's handler.
 */
public class GeneratorYield extends ControlFlowException {
    private static final long serialVersionUID = 1L;
    public static final GeneratorYield INSTANCE = new GeneratorYield();

    protected GeneratorYield() {
    }
}

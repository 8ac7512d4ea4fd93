package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.nodes.ControlFlowException;

/** {@code goto label}: propagates to the block that declares the label (checked at translation). */
public final class GotoException extends ControlFlowException {
    private static final long serialVersionUID = 1L;
    public final transient Object label;

    public GotoException(Object label) {
        this.label = label;
    }
}

package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.nodes.ControlFlowException;

/** A {@code return} nested inside blocks or loops; caught by the function's root. */
public final class ReturnException extends ControlFlowException {
    private static final long serialVersionUID = 1L;
    public final transient Object result;

    public ReturnException(Object result) {
        this.result = result;
    }
}

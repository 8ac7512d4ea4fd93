package dev.moat.language.coroutine;

import com.oracle.truffle.api.nodes.ControlFlowException;

/**
 * Unwinds a suspended coroutine's thread: from coroutine.close (pending to-be-closed variables are
 * closed, as in Lua 5.4) or when the context is disposed (nothing guest-authored runs then).
 */
public final class CoroutineKill extends ControlFlowException {
    private static final long serialVersionUID = 1L;
    public final boolean runClose;

    public CoroutineKill(boolean runClose) {
        this.runClose = runClose;
    }
}

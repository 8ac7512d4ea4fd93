package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ControlFlowException;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatNil;

/**
 * To-be-closed values ({@code local x <close>}, the generic for's fourth value): checks that a value is
 * closable and calls its {@code __close(value, err)} when the scope exits normally, by break/return/goto,
 * or by a Lua error. Budget exhaustion is not a Lua error: no guest code runs after it.
 */
public final class CloseHelper extends Node {
    @Child private InvokeNode invoke = InvokeNode.create();

    public void checkClosable(Object value, String name, Node site) {
        if (value == MoatNil.NIL || value == Boolean.FALSE) {
            return;
        }
        if (Metatables.metamethod(MoatContext.get(this), value, Metatables.CLOSE) == null) {
            throw notClosable(name, site);
        }
    }

    @TruffleBoundary
    private static MoatError notClosable(String name, Node site) {
        return MoatError.at(site, "variable '" + name + "' got a non-closable value");
    }

    public void close(VirtualFrame frame, Object value, Object error) {
        close(frame, value, error, false);
    }

    /**
     * {@code unwinding}: the scope ends by an error or by coroutine.close, where Lua's C code calls the
     * handler, so that a missing one is "attempt to call a nil value" without a position or a name.
     */
    private void close(VirtualFrame frame, Object value, Object error, boolean unwinding) {
        if (value == MoatNil.NIL || value == Boolean.FALSE) {
            return;
        }
        Object handler = Metatables.metamethod(MoatContext.get(this), value, Metatables.CLOSE);
        if (handler == null) {
            // The __close checked at the declaration is gone: Lua calls what is there all the same.
            if (unwinding) {
                throw MoatError.plain("attempt to call a nil value", this);
            }
            handler = MoatNil.NIL;
        }
        invoke.callWith(frame, handler, value, error, "metamethod 'close'");
    }

    private void closeOnError(VirtualFrame frame, Object value, MoatError e) {
        dev.moat.language.coroutine.Coroutines coroutines = MoatContext.get(this).getCoroutines();
        if (coroutines.errorEndsCurrentCoroutine() && value != MoatNil.NIL && value != Boolean.FALSE) {
            coroutines.deferClose(value); // Lua closes it later, in coroutine.close
            return;
        }
        close(frame, value, e.getValue(), true);
    }

    public Object runThenClose(VirtualFrame frame, Object value, MoatStatementNode body) {
        Object result;
        try {
            result = body.runReturning(frame);
        } catch (MoatError e) {
            closeOnError(frame, value, e);
            throw e;
        } catch (ControlFlowException e) {
            if (!(e instanceof dev.moat.language.coroutine.CoroutineKill k)) {
                close(frame, value, MoatNil.NIL);
            } else if (k.runClose) {
                close(frame, value, MoatNil.NIL, true);
            }
            throw e;
        }
        close(frame, value, MoatNil.NIL);
        return result;
    }

    public Object runThenClose(VirtualFrame frame, Object value, LoopNode loop) {
        Object result;
        try {
            result = loop.execute(frame);
        } catch (MoatError e) {
            closeOnError(frame, value, e);
            throw e;
        } catch (ControlFlowException e) {
            if (!(e instanceof dev.moat.language.coroutine.CoroutineKill k)) {
                close(frame, value, MoatNil.NIL);
            } else if (k.runClose) {
                close(frame, value, MoatNil.NIL, true);
            }
            throw e;
        }
        close(frame, value, MoatNil.NIL);
        return result;
    }
}

package dev.moat.language.builtins;

import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Specialization;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MultiValue;

/**
 * pcall and xpcall. They catch {@link MoatError} only: budget exhaustion and cancellation are other
 * exception types and pass straight through, so a script cannot swallow them (SECURITY.md D4).
 */
public final class ProtectedCallBuiltins {
    private ProtectedCallBuiltins() {
    }

    static Object[] withStatus(boolean status, Object result) {
        Object[] values = MultiValue.all(result);
        Object[] out = new Object[values.length + 1];
        out[0] = status;
        System.arraycopy(values, 0, out, 1, values.length);
        return out;
    }

    @MoatBuiltin(name = "pcall", variadic = true)
    public abstract static class PcallNode extends BuiltinNode {
        @Specialization
        protected Object pcall(Object[] args, @Cached("create()") InvokeNode invoke) {
            if (args.length == 0) {
                throw argError(1, "value expected");
            }
            Object[] argv = new Object[args.length];
            System.arraycopy(args, 1, argv, 1, args.length - 1);
            try {
                return withStatus(true, invoke.call(args[0], argv, this, null));
            } catch (MoatError e) {
                return new Object[]{false, e.getValue()};
            }
        }
    }

    @MoatBuiltin(name = "xpcall", variadic = true)
    public abstract static class XpcallNode extends BuiltinNode {
        @Specialization
        protected Object xpcall(Object[] args, @Cached("create()") InvokeNode invoke,
                                @Cached("create()") InvokeNode handlerInvoke) {
            if (args.length < 2) {
                throw argError(2, "value expected");
            }
            Object handler = args[1];
            Object[] argv = new Object[args.length - 1];
            System.arraycopy(args, 2, argv, 1, args.length - 2);
            try {
                return withStatus(true, invoke.call(args[0], argv, this, null));
            } catch (MoatError e) {
                return new Object[]{false, handle(handler, e.getValue(), handlerInvoke)};
            }
        }

        /**
         * As in Lua, an error raised by the message handler is handed to the handler again; a handler that
         * keeps failing (Lua stops at its C-stack limit) ends with "error in error handling". Each attempt
         * is a guest call, so it is charged and depth-counted like any other.
         */
        private Object handle(Object handler, Object error, InvokeNode handlerInvoke) {
            Object value = error;
            for (int attempt = 0; attempt < MAX_HANDLER_ATTEMPTS; attempt++) {
                try {
                    return MultiValue.first(handlerInvoke.callWith(handler, value));
                } catch (MoatError inner) {
                    value = inner.getValue();
                }
            }
            return ERROR_IN_ERROR_HANDLING;
        }
    }

    static final int MAX_HANDLER_ATTEMPTS = 100;
    static final Object ERROR_IN_ERROR_HANDLING = MoatStrings.fromJava("error in error handling");
}

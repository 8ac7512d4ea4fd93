package dev.moat.language.builtins;

import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MultiValue;

/**
 * pcall and xpcall. They catch {@link MoatError} only: budget exhaustion and cancellation are other
 * exception types and pass straight through, so a script cannot swallow them (SECURITY.md D4). Each is
 * one of Lua's C levels (see MoatCoroutine#cLevel): the one at the limit fails with "C stack overflow".
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
    public abstract static class PcallNode extends BuiltinNode implements dev.moat.language.coroutine.MayYield {
        @Specialization
        protected Object pcall(Object[] args, @Cached("createYieldable()") InvokeNode invoke) {
            if (args.length == 0) {
                throw argError(1, "value expected");
            }
            Object[] argv = CallArguments.create(args.length - 1);
            System.arraycopy(args, 1, argv, CallArguments.FIRST, args.length - 1);
            var coroutines = dev.moat.language.MoatContext.get(this).getCoroutines();
            var co = coroutines.enterProtected();
            try {
                co.checkCLevel(this);
                return withStatus(true, invoke.call(null, args[0], argv, this, null));
            } catch (MoatError e) {
                return new Object[]{false, e.getValue()};
            } finally {
                coroutines.leaveProtected(co);
            }
        }
    }

    @MoatBuiltin(name = "xpcall", variadic = true)
    public abstract static class XpcallNode extends BuiltinNode implements dev.moat.language.coroutine.MayYield {
        /** How many times a failing message handler is re-invoked before Lua gives up (LUAI_MAXCCALLS). */
        private static final int MAX_HANDLER_ERRORS = 200;
        private static final TruffleString ERROR_IN_HANDLING = MoatStrings.fromJava("error in error handling");

        @Specialization
        protected Object xpcall(Object[] args, @Cached("createYieldable()") InvokeNode invoke,
                                @Cached("create()") InvokeNode handlerInvoke) {
            Object handler = args.length < 2 ? MoatNil.NIL : args[1];
            if (!(handler instanceof MoatFunction)) {
                throw typeError(2, "function", args.length < 2 ? null : handler);
            }
            Object[] argv = CallArguments.create(args.length - 2);
            System.arraycopy(args, 2, argv, CallArguments.FIRST, args.length - 2);
            var coroutines = dev.moat.language.MoatContext.get(this).getCoroutines();
            var co = coroutines.enterProtected();
            try {
                co.checkCLevel(this);
                return withStatus(true, invoke.call(null, args[0], argv, this, null));
            } catch (MoatError e) {
                // The handler runs at the xpcall's C level, as in Lua, where it runs before the unwind.
                return new Object[]{false, handle(handler, e.getValue(), handlerInvoke)};
            } finally {
                coroutines.leaveProtected(co);
            }
        }

        /**
         * Lua calls the handler again with the handler's own error, so a handler that fails once may still
         * produce the result; one that keeps failing, or overflows the stack, ends in "error in error handling".
         */
        private static Object handle(Object handler, Object error, InvokeNode handlerInvoke) {
            Object current = error;
            for (int attempt = 0; attempt < MAX_HANDLER_ERRORS; attempt++) {
                try {
                    return MultiValue.first(handlerInvoke.callFromBuiltin(handler, current));
                } catch (MoatError inner) {
                    if (inner.isStackOverflow()) {
                        // Lua runs the handler where the error happened, with a few levels to spare: one that
                        // overflows them is not called again. (Moat runs it after the unwind, on a stack of its
                        // own depth; calling it again would repeat that whole recursion up to 200 times.)
                        break;
                    }
                    current = inner.getValue();
                }
            }
            return ERROR_IN_HANDLING;
        }
    }
}

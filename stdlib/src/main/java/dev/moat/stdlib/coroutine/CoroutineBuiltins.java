package dev.moat.stdlib.coroutine;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.coroutine.Coroutines;
import dev.moat.language.coroutine.MoatCoroutine;
import dev.moat.language.coroutine.ResumeCallNode;
import dev.moat.language.runtime.Cell;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.Positions;

import java.util.Arrays;

/** The coroutine library: create, resume, yield, status, wrap, isyieldable, running, close. */
public final class CoroutineBuiltins {
    private CoroutineBuiltins() {
    }

    static MoatCoroutine checkCoroutine(BuiltinNode node, Object v, int arg) {
        if (v instanceof MoatCoroutine co) {
            return co;
        }
        throw node.typeError(arg, "thread", v);
    }

    @MoatBuiltin(name = "create")
    public abstract static class CreateNode extends BuiltinNode {
        @Specialization
        protected Object create(Object f) {
            return context().getCoroutines().create(checkFunction(f, 1), this);
        }
    }

    @MoatBuiltin(name = "resume", variadic = true)
    public abstract static class ResumeNode extends BuiltinNode {
        @Specialization
        protected Object resume(Object[] args, @Cached("create()") ResumeCallNode resume) {
            MoatCoroutine co = checkCoroutine(this, arg(args, 0), 1);
            Object[] values = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : dev.moat.language.runtime.MultiValue.EMPTY;
            Object outcome = resume.resume(co, values);
            if (outcome instanceof Coroutines.Failure f) {
                return new Object[]{false, f.error()};
            }
            Object[] out = (Object[]) outcome;
            Object[] result = new Object[out.length + 1];
            result[0] = true;
            System.arraycopy(out, 0, result, 1, out.length);
            return result;
        }
    }

    @MoatBuiltin(name = "yield", variadic = true)
    public abstract static class YieldNode extends BuiltinNode implements dev.moat.language.coroutine.YieldBuiltin {
        @Specialization
        protected Object doYield(Object[] args) {
            Object[] in = context().getCoroutines().yield(args, this);
            return in.length == 1 ? in[0] : in;
        }
    }

    @MoatBuiltin(name = "status")
    public abstract static class StatusNode extends BuiltinNode {
        @Specialization
        protected Object status(Object v) {
            MoatCoroutine co = checkCoroutine(this, v, 1);
            return name(co.getStatus().luaName);
        }

        @TruffleBoundary
        private static TruffleString name(String s) {
            return MoatStrings.fromJava(s);
        }
    }

    @MoatBuiltin(name = "running")
    public abstract static class RunningNode extends BuiltinNode {
        @Specialization
        protected Object running() {
            MoatCoroutine co = context().getCoroutines().current();
            return new Object[]{co, co.isMain()};
        }
    }

    @MoatBuiltin(name = "isyieldable")
    public abstract static class IsYieldableNode extends BuiltinNode {
        @Specialization
        protected boolean isyieldable(Object co) {
            // Lua 5.4: an optional coroutine argument, the running one when absent.
            MoatCoroutine target = isNone(co, 1) ? context().getCoroutines().current() : checkCoroutine(this, co, 1);
            return target.isYieldable();
        }
    }

    @MoatBuiltin(name = "close")
    public abstract static class CloseNode extends BuiltinNode {
        @Specialization
        protected Object close(Object v) {
            MoatCoroutine co = checkCoroutine(this, v, 1);
            MoatCoroutine.Status s = co.getStatus();
            if (s == MoatCoroutine.Status.RUNNING || s == MoatCoroutine.Status.NORMAL) {
                throw error("cannot close a " + s.luaName + " coroutine");
            }
            Object[] r = context().getCoroutines().close(co, this);
            return r.length == 1 ? r[0] : r;
        }
    }

    @MoatBuiltin(name = "wrap")
    public abstract static class WrapNode extends BuiltinNode {
        /** The wrapper functions' call target, looked up once (targets belong to the language, as this node does). */
        @CompilationFinal private RootCallTarget wrappedTarget;

        @Specialization
        protected Object wrap(Object f) {
            MoatCoroutine co = context().getCoroutines().create(checkFunction(f, 1), this);
            RootCallTarget target = wrappedTarget;
            if (target == null) {
                CompilerDirectives.transferToInterpreterAndInvalidate();
                target = context().getLanguage().getBuiltinTargets().target(CoroutineBuiltinsFactory.WrappedNodeFactory.getInstance());
                wrappedTarget = target;
            }
            return new MoatFunction(target, new Cell[]{new Cell(co)}, false);
        }
    }

    /** The function coroutine.wrap returns: resumes its coroutine and re-raises its errors. */
    @MoatBuiltin(name = "wrapped", variadic = true)
    public abstract static class WrappedNode extends BuiltinNode {
        @Specialization
        protected Object call(com.oracle.truffle.api.frame.VirtualFrame frame, Object[] args,
                              @Cached("create()") ResumeCallNode resume) {
            MoatFunction self = (MoatFunction) frame.getArguments()[0];
            MoatCoroutine co = (MoatCoroutine) self.cell(0).value;
            Object outcome = resume.resume(co, args);
            if (outcome instanceof Coroutines.Failure failure) {
                Object err = failure.error();
                MoatError.Origin origin = failure.origin(); // a depth or host failure stays one for the host
                if (co.getStatus() == MoatCoroutine.Status.DEAD) {
                    // wrap closes a coroutine that died with an error (lua_resetthread): pending __close
                    // handlers run now and may replace the error, which is reported here.
                    Object settled = context().getCoroutines().settleError(co, err);
                    if (settled != err) {
                        origin = MoatError.Origin.SCRIPT;
                    }
                    err = settled;
                }
                if (err instanceof TruffleString s) {
                    err = prefixed(s);
                }
                throw new MoatError(err, this).from(origin);
            }
            Object[] out = (Object[]) outcome;
            return out.length == 1 ? out[0] : out;
        }

        /** Like Lua's auxwrap, a string error gets the position of the code that called the wrapper. */
        @TruffleBoundary
        private static TruffleString prefixed(TruffleString s) {
            return MoatStrings.concat(MoatStrings.fromJava(Positions.callerWhere(1)), s);
        }
    }
}

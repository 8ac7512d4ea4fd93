package dev.moat.language.host;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.budget.BudgetExhaustedException;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.Cell;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatStrings;

/**
 * Functions the host registers. To the guest each is an ordinary function value; calling it copies the
 * arguments out ({@link GuestToHost}), calls the host object, and copies the result in
 * ({@link HostToGuest}). Host failures become catchable errors "host function 'name': message" with no
 * Java class names or stack traces (SECURITY.md A3, A5).
 */
public final class HostFunctions {
    public static final String ERROR_PREFIX = "host function '";

    private HostFunctions() {
    }

    @TruffleBoundary
    public static MoatFunction wrap(MoatContext context, Object executable, String name, int arity) {
        RootCallTarget target = context.getLanguage().hostFunctionTarget();
        Cell[] state = {new Cell(executable), new Cell(MoatStrings.fromJava(name)), new Cell((long) arity)};
        return new MoatFunction(target, state, false);
    }

    /** The shared root of all host functions; the function's cells hold the host object, name and arity. */
    public static final class HostFunctionRootNode extends RootNode {
        public HostFunctionRootNode(MoatLanguage language) {
            super(language);
        }

        @Override
        public Object execute(VirtualFrame frame) {
            Object[] args = frame.getArguments();
            if (args.length < CallArguments.FIRST) {
                return null; // one of withoutProfiles' calls
            }
            MoatFunction self = (MoatFunction) args[0];
            return call(self, args);
        }

        /**
         * Leaves the shared host function target without Truffle's argument and return type profiles, by two
         * calls at its creation with argument arrays of lengths no real call has (two lengths end the argument
         * profile, a null result the return profile). Every host function runs on this one target, so the
         * profiles saw whatever any script passed any host function and whatever any host returned, and each
         * new type threw away the compiled code of every caller that called a host function out of line (a rule
         * loop passing a number, then a string); the work here is behind a boundary, where the profiles buy
         * nothing.
         */
        public static RootCallTarget withoutProfiles(RootCallTarget target) {
            target.call(new Object[0]);
            target.call(new Object[1]);
            return target;
        }

        @TruffleBoundary
        private Object call(MoatFunction self, Object[] args) {
            Object executable = self.cell(0).value;
            String name = MoatStrings.toJava((TruffleString) self.cell(1).value);
            long arity = (Long) self.cell(2).value;
            int given = CallArguments.count(args);
            // Published for a host that calls back into the script (MoatFunction's execute, a new evaluation).
            MoatContext.get(this).depth = CallArguments.callerLevel(args);
            if (arity >= 0 && given != arity) {
                throw new MoatError(MoatStrings.fromJava(ERROR_PREFIX + name + "' expects " + arity + " argument"
                        + (arity == 1 ? "" : "s") + ", got " + given), this).from(MoatError.Origin.HOST_FUNCTION);
            }
            MoatContext.get(this).budget.charge(1 + given, this);
            Object[] hostArgs = new Object[given];
            for (int i = 0; i < given; i++) {
                hostArgs[i] = CopiedTable.wrapNull(GuestToHost.copy(args[CallArguments.FIRST + i], this));
            }
            Object result;
            try {
                result = InteropLibrary.getUncached().execute(executable, hostArgs);
            } catch (InteropException e) {
                throw new MoatError(MoatStrings.fromJava(ERROR_PREFIX + name + "' cannot be called"), this).from(MoatError.Origin.HOST_FUNCTION);
            } catch (BudgetExhaustedException | MoatError e) {
                throw e;
            } catch (RuntimeException e) {
                TruffleLanguage.Env env = MoatContext.get(this).getEnv();
                if (!env.isHostException(e)) {
                    throw e; // the engine's own: an interrupt or a cancel that reached the host call, not its failure
                }
                Throwable thrown = env.asHostException(e);
                if (thrown instanceof Error) {
                    throw new HostFunctionAbort(name, thrown.getClass().getSimpleName(), this);
                }
                throw new MoatError(MoatStrings.fromJava(ERROR_PREFIX + name + "': " + safeMessage(e)), this).from(MoatError.Origin.HOST_FUNCTION);
            }
            return HostToGuest.convert(result, this, null);
        }

        private static String safeMessage(RuntimeException e) {
            try {
                InteropLibrary lib = InteropLibrary.getUncached();
                if (lib.hasExceptionMessage(e)) {
                    Object m = lib.getExceptionMessage(e);
                    String s = lib.asString(m);
                    if (s != null && !s.isBlank()) {
                        return s.length() > 1000 ? s.substring(0, 1000) + "..." : s;
                    }
                }
            } catch (InteropException ignored) {
                // fall through
            }
            return "failed";
        }

        @Override
        public String getName() {
            return "host function";
        }
    }
}

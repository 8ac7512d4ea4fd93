package dev.moat.stdlib.math;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.runtime.MoatFunction;

/**
 * math.random and math.randomseed. The generator lives in a cell of the function values (one per
 * context), never in a static, so contexts cannot observe each other's sequences.
 */
public final class RandomBuiltins {
    private RandomBuiltins() {
    }

    static Xoshiro256 generator(VirtualFrame frame) {
        return (Xoshiro256) ((MoatFunction) frame.getArguments()[0]).cell(0).value;
    }

    @MoatBuiltin(name = "random", variadic = true)
    public abstract static class RandomNode extends BuiltinNode {
        @Specialization
        protected Object random(VirtualFrame frame, Object[] args) {
            return next(generator(frame), args);
        }

        @TruffleBoundary
        private Object next(Xoshiro256 g, Object[] args) {
            long rv = g.next();
            long low;
            long up;
            switch (args.length) {
                case 0:
                    return (rv >>> 11) * 0x1.0p-53;
                case 1:
                    low = 1;
                    up = checkInteger(args[0], 1);
                    if (up == 0) {
                        return rv;
                    }
                    break;
                case 2:
                    low = checkInteger(args[0], 1);
                    up = checkInteger(args[1], 2);
                    break;
                default:
                    throw error("wrong number of arguments");
            }
            if (low > up) {
                throw argError(1, "interval is empty");
            }
            return g.project(rv, up - low) + low;
        }
    }

    @MoatBuiltin(name = "randomseed", variadic = true)
    public abstract static class RandomSeedNode extends BuiltinNode {
        @Specialization
        protected Object randomseed(VirtualFrame frame, Object[] args) {
            Xoshiro256 g = generator(frame);
            long n1;
            long n2;
            if (args.length == 0) {
                n1 = dev.moat.language.MoatContext.get(this).clock.randomSeed();
                n2 = 0;
            } else {
                // Lua 5.4.4 takes integer seeds only: 3.7 is "number has no integer representation".
                n1 = checkInteger(args[0], 1);
                n2 = args.length > 1 ? checkInteger(args[1], 2) : 0;
            }
            g.seed(n1, n2);
            return new Object[]{n1, n2};
        }

    }
}

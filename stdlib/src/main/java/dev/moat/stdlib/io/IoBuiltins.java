package dev.moat.stdlib.io;

import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.runtime.MoatStrings;

/** io.write: the only io function in Moat; it writes to the context's output sink, like print. */
public final class IoBuiltins {
    private IoBuiltins() {
    }

    @MoatBuiltin(name = "write", variadic = true)
    public abstract static class WriteNode extends BuiltinNode {
        @Specialization
        protected Object write(Object[] args) {
            MoatContext context = context();
            for (int i = 0; i < args.length; i++) {
                // io.write formats floats with "%.14g" (no ".0" suffix), unlike tostring.
                TruffleString s = args[i] instanceof Double d ? formatFloat(d) : checkString(args[i], i + 1);
                int len = MoatStrings.length(s);
                context.budget.output(len, this);
                charge(1 + len / 64);
                context.write(s);
            }
            return context.getGlobal("io");
        }

        @com.oracle.truffle.api.CompilerDirectives.TruffleBoundary
        private static TruffleString formatFloat(double d) {
            return MoatStrings.fromJava(dev.moat.language.runtime.LuaNumberFormat.formatG(d, 14));
        }
    }
}

package dev.moat.stdlib.io;

import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.runtime.MoatStrings;

/** io.write: writes to the context's output sink, like print, and returns io.stdout (see FileBuiltins). */
public final class IoBuiltins {
    private IoBuiltins() {
    }

    @MoatBuiltin(name = "write", variadic = true)
    public abstract static class WriteNode extends BuiltinNode {
        @Specialization
        protected Object write(VirtualFrame frame, Object[] args) {
            writeAll(this, args, 0);
            return IoLibrary.stdout(frame);
        }
    }

    /**
     * Writes {@code args} from index {@code first} on, an error naming an argument by its position in the call
     * (BuiltinNode#argError leaves a method call's self out, as Lua does): strings as they are, integers in decimal, floats as {@code "%.14g"} (no ".0" suffix, unlike
     * tostring), anything else "bad argument #n to 'write' (string expected, got ...)". Each string is counted
     * against the output limit before it is written.
     */
    static void writeAll(BuiltinNode node, Object[] args, int first) {
        MoatContext context = MoatContext.get(node);
        for (int i = first; i < args.length; i++) {
            TruffleString s = args[i] instanceof Double d ? formatFloat(d) : node.checkString(args[i], i + 1);
            int len = MoatStrings.length(s);
            context.budget.output(len, node);
            node.charge(1 + len / 64);
            context.write(s);
        }
    }

    @com.oracle.truffle.api.CompilerDirectives.TruffleBoundary
    private static TruffleString formatFloat(double d) {
        return MoatStrings.fromJava(dev.moat.language.runtime.LuaNumberFormat.formatG(d, 14));
    }
}

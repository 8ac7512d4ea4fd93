package dev.moat.stdlib.io;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.ObjectIds;

/**
 * The methods of {@code io.stdout}, the one file a script has: the host's output sink, the same one io.write and
 * print write to. Lua's {@code io.stdout:write(...)} and {@code io.write(...):write(...)} work as in Lua; every
 * other file method (read, lines, seek, close...) and every other file does not exist (SECURITY.md B9). Like
 * Lua's file methods they are anonymous: called other than as a method, an error names them '?'.
 */
public final class FileBuiltins {
    private FileBuiltins() {
    }

    /** {@code file:write(...)}: writes its arguments after self and returns the file. */
    @MoatBuiltin(name = "write", variadic = true, anonymous = true)
    public abstract static class FileWriteNode extends BuiltinNode {
        @Specialization
        protected Object write(VirtualFrame frame, Object[] args) {
            Object stdout = IoLibrary.stdout(frame);
            if (args.length == 0 || args[0] != stdout) {
                throw typeError(1, "FILE*", args.length == 0 ? null : args[0]);
            }
            IoBuiltins.writeAll(this, args, 1);
            return stdout;
        }
    }

    /** {@code tostring(io.stdout)}: "file (0x...)", as Lua names an open file. */
    @MoatBuiltin(name = "__tostring", anonymous = true)
    public abstract static class FileToStringNode extends BuiltinNode {
        @Specialization
        protected Object toString(Object file) {
            return describe(file);
        }

        @TruffleBoundary
        private static TruffleString describe(Object file) {
            return MoatStrings.fromJava("file (" + ObjectIds.of(file) + ")");
        }
    }
}

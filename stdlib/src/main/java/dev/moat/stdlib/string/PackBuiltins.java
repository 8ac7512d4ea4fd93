package dev.moat.stdlib.string;

import com.oracle.truffle.api.dsl.Specialization;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;

/** string.pack, string.unpack and string.packsize (Lua 5.4 manual §6.4.2), on {@link PackFormatReader}. */
public final class PackBuiltins {
    private PackBuiltins() {
    }

    @MoatBuiltin(name = "pack", variadic = true)
    public abstract static class PackNode extends BuiltinNode {
        @Specialization
        protected Object pack(Object[] args) {
            return StringPacker.pack(this, args);
        }
    }

    @MoatBuiltin(name = "unpack")
    public abstract static class UnpackNode extends BuiltinNode {
        @Specialization
        protected Object unpack(Object format, Object data, Object init) {
            return StringUnpacker.unpack(this, format, data, init);
        }
    }

    @MoatBuiltin(name = "packsize")
    public abstract static class PackSizeNode extends BuiltinNode {
        @Specialization
        protected long packSize(Object format) {
            return StringPacker.packSize(this, format);
        }
    }
}

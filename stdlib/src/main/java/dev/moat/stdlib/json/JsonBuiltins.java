package dev.moat.stdlib.json;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

/**
 * json.encode / json.decode (Moat-only). The json.null sentinel lives in the functions' cell, one per
 * context. Encoding and decoding charge the instruction budget per element and the memory budget for
 * what they build; depth is limited to 200.
 */
public final class JsonBuiltins {
    private JsonBuiltins() {
    }

    static Object nullSentinel(VirtualFrame frame) {
        return ((MoatFunction) frame.getArguments()[0]).cell(0).value;
    }

    @MoatBuiltin(name = "encode")
    public abstract static class EncodeNode extends BuiltinNode {
        @Specialization
        protected Object encode(VirtualFrame frame, Object value, Object options) {
            boolean pretty = false;
            if (options instanceof MoatTable opts) {
                Object indent = opts.get(MoatStrings.fromJava("indent"));
                pretty = indent != null && LuaValues.isTruthy(indent);
            } else if (options != MoatNil.NIL) {
                throw typeError(2, "table", options);
            }
            return run(value, nullSentinel(frame), pretty);
        }

        @TruffleBoundary
        private Object run(Object value, Object jsonNull, boolean pretty) {
            try {
                String text = new JsonWriter(jsonNull, pretty, units -> charge(units)).write(value);
                byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                allocate(SizeModel.string(bytes.length));
                return MoatStrings.fromBytes(bytes);
            } catch (JsonWriter.JsonError e) {
                throw error(e.getMessage());
            }
        }
    }

    @MoatBuiltin(name = "decode")
    public abstract static class DecodeNode extends BuiltinNode {
        @Specialization
        protected Object decode(VirtualFrame frame, Object text) {
            TruffleString s = checkString(text, 1);
            return run(MoatStrings.bytesView(s), nullSentinel(frame));
        }

        @TruffleBoundary
        private Object run(byte[] text, Object jsonNull) {
            try {
                return new JsonReader(text, jsonNull, units -> charge(units), bytes -> allocate(bytes)).read();
            } catch (JsonWriter.JsonError e) {
                throw error(e.getMessage());
            }
        }
    }
}

package dev.moat.stdlib.json;

import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Serialises guest values as JSON. Tables whose keys are exactly 1..n become arrays (an empty table is
 * {@code []}), other tables objects with their string keys sorted, so output is deterministic.
 */
final class JsonWriter {
    static final class JsonError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JsonError(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_DEPTH = 200;
    private final Object jsonNull;
    private final boolean pretty;
    private final LongConsumer meter;
    private final StringBuilder out = new StringBuilder();
    private final IdentityHashMap<MoatTable, Boolean> active = new IdentityHashMap<>();

    JsonWriter(Object jsonNull, boolean pretty, LongConsumer meter) {
        this.jsonNull = jsonNull;
        this.pretty = pretty;
        this.meter = meter;
    }

    String write(Object v) {
        value(v, 0);
        return out.toString();
    }

    private void newline(int depth) {
        if (pretty) {
            out.append('\n');
            out.append("  ".repeat(depth));
        }
    }

    private void value(Object v, int depth) {
        meter.accept(1);
        if (v == MoatNil.NIL || v == jsonNull) {
            out.append("null");
        } else if (v instanceof Boolean b) {
            out.append(b);
        } else if (v instanceof Long l) {
            out.append(l);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new JsonError("json: cannot encode NaN or infinity");
            }
            out.append(JsonNumbers.shortest(d));
        } else if (v instanceof TruffleString s) {
            string(MoatStrings.bytes(s));
        } else if (v instanceof MoatTable t) {
            table(t, depth);
        } else {
            throw new JsonError("json: cannot encode a " + LuaValues.typeName(v) + " value");
        }
    }

    private void table(MoatTable t, int depth) {
        if (depth >= MAX_DEPTH) {
            throw new JsonError("json: nesting too deep");
        }
        if (active.put(t, Boolean.TRUE) != null) {
            throw new JsonError("json: cycle detected");
        }
        List<Object> keys = new ArrayList<>();
        Object k = MoatNil.NIL;
        Object[] e;
        while ((e = t.next(k)) != null) {
            keys.add(e[0]);
            k = e[0];
        }
        boolean array = true;
        for (int i = 0; i < keys.size(); i++) {
            if (!(keys.get(i) instanceof Long l) || l != i + 1) {
                array = false;
                break;
            }
        }
        if (array) {
            out.append('[');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                newline(depth + 1);
                value(t.getLong(i + 1), depth + 1);
            }
            if (!keys.isEmpty()) {
                newline(depth);
            }
            out.append(']');
        } else {
            List<String> names = new ArrayList<>();
            for (Object key : keys) {
                if (!(key instanceof TruffleString ks)) {
                    throw new JsonError("json: object keys must be strings (got " + LuaValues.typeName(key) + ")");
                }
                names.add(MoatStrings.toJava(ks));
            }
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                newline(depth + 1);
                string(names.get(i).getBytes(StandardCharsets.UTF_8));
                out.append(pretty ? ": " : ":");
                value(t.get(MoatStrings.fromJava(names.get(i))), depth + 1);
            }
            if (!names.isEmpty()) {
                newline(depth);
            }
            out.append('}');
        }
        active.remove(t);
    }

    private void string(byte[] bytes) {
        meter.accept(1 + bytes.length / 32);
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonError("json: invalid UTF-8 in string");
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

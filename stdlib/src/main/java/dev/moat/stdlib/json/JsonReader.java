package dev.moat.stdlib.json;

import dev.moat.language.budget.SizeModel;
import dev.moat.language.runtime.ByteSink;
import dev.moat.language.runtime.LuaNumberParser;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Parses RFC 8259 JSON into guest values: objects and arrays become tables, null becomes json.null,
 * integers that fit become Lua integers, other numbers floats. Errors name the line and column.
 */
final class JsonReader {
    private static final int MAX_DEPTH = 200;
    private final byte[] s;
    private final Object jsonNull;
    private final LongConsumer meter;
    private final LongConsumer allocator;
    private int p;

    JsonReader(byte[] s, Object jsonNull, LongConsumer meter, LongConsumer allocator) {
        this.s = s;
        this.jsonNull = jsonNull;
        this.meter = meter;
        this.allocator = allocator;
    }

    Object read() {
        skip();
        Object v = value(0);
        skip();
        if (p < s.length) {
            throw error("unexpected character");
        }
        return v;
    }

    private JsonWriter.JsonError error(String what) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < p && i < s.length; i++) {
            if (s[i] == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        String near = p < s.length ? " '" + (char) (s[p] & 0xff) + "'" : " (end of input)";
        return new JsonWriter.JsonError("json: " + what + near + " at line " + line + " column " + col);
    }

    private void skip() {
        while (p < s.length && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r')) {
            p++;
        }
    }

    private Object value(int depth) {
        meter.accept(1);
        if (p >= s.length) {
            throw error("unexpected end");
        }
        byte c = s[p];
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return MoatStrings.fromBytes(string());
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", jsonNull);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character");
        }
    }

    private Object literal(String word, Object v) {
        for (int i = 0; i < word.length(); i++) {
            if (p + i >= s.length || s[p + i] != word.charAt(i)) {
                throw error("unexpected character");
            }
        }
        p += word.length();
        return v;
    }

    private Object number() {
        int start = p;
        if (s[p] == '-') {
            p++;
        }
        while (p < s.length && ((s[p] >= '0' && s[p] <= '9') || s[p] == '.' || s[p] == 'e' || s[p] == 'E'
                || s[p] == '+' || s[p] == '-')) {
            p++;
        }
        String text = new String(s, start, p - start, StandardCharsets.ISO_8859_1);
        if (!text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            p = start;
            throw error("malformed number");
        }
        Object n = LuaNumberParser.toNumber(text);
        if (n == null) {
            p = start;
            throw error("malformed number");
        }
        return n;
    }

    private byte[] string() {
        p++;
        ByteSink out = new ByteSink();
        while (true) {
            if (p >= s.length) {
                throw error("unterminated string");
            }
            byte c = s[p++];
            if (c == '"') {
                break;
            }
            if ((c & 0xff) < 0x20) {
                p--;
                throw error("control character in string");
            }
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (p >= s.length) {
                throw error("unterminated string");
            }
            byte e = s[p++];
            switch (e) {
                case '"', '\\', '/' -> out.write(e);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'u' -> {
                    int cp = hex4();
                    if (cp >= 0xD800 && cp <= 0xDBFF && p + 1 < s.length && s[p] == '\\' && s[p + 1] == 'u') {
                        int next = p;
                        p += 2;
                        int low = hex4();
                        if (low >= 0xDC00 && low <= 0xDFFF) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        } else {
                            p = next; // not the low half of a pair: that escape is read on its own
                        }
                    }
                    if (cp >= 0xD800 && cp <= 0xDFFF) {
                        cp = 0xFFFD; // half a pair is no character: U+FFFD, as most decoders (and UTF-16 to UTF-8) do
                    }
                    byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                    out.write(b, 0, b.length);
                }
                default -> {
                    p--;
                    throw error("invalid escape");
                }
            }
        }
        byte[] b = out.toByteArray();
        allocator.accept(SizeModel.string(b.length));
        meter.accept(1 + b.length / 32);
        return b;
    }

    private int hex4() {
        if (p + 4 > s.length) {
            throw error("invalid \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s[p++], 16);
            if (d < 0) {
                p--;
                throw error("invalid \\u escape");
            }
            v = v * 16 + d;
        }
        return v;
    }

    private MoatTable array(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting too deep");
        }
        p++;
        MoatTable t = new MoatTable();
        allocator.accept(SizeModel.table(0, 0));
        skip();
        if (p < s.length && s[p] == ']') {
            p++;
            return t;
        }
        long i = 1;
        while (true) {
            skip();
            allocator.accept(SizeModel.arraySlots(1));
            t.putLong(i++, value(depth));
            skip();
            if (p < s.length && s[p] == ',') {
                p++;
            } else if (p < s.length && s[p] == ']') {
                p++;
                return t;
            } else {
                throw error("expected ',' or ']'");
            }
        }
    }

    private MoatTable object(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting too deep");
        }
        p++;
        MoatTable t = new MoatTable();
        allocator.accept(SizeModel.table(0, 0));
        skip();
        if (p < s.length && s[p] == '}') {
            p++;
            return t;
        }
        while (true) {
            skip();
            if (p >= s.length || s[p] != '"') {
                throw error("expected a string key");
            }
            byte[] key = string();
            skip();
            if (p >= s.length || s[p] != ':') {
                throw error("expected ':'");
            }
            p++;
            skip();
            allocator.accept(SizeModel.hashEntries(1));
            t.put(MoatStrings.fromBytes(key), value(depth));
            skip();
            if (p < s.length && s[p] == ',') {
                p++;
            } else if (p < s.length && s[p] == '}') {
                p++;
                return t;
            } else {
                throw error("expected ',' or '}'");
            }
        }
    }
}

package dev.moat.tck;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * Assembles a Lua program from fuzz bytes: every choice (which statement, which operator, which builtin,
 * which edge-case value) is read from the input, so the fuzzer steers towards programs that reach deep
 * into the interpreter and the libraries rather than stopping at the parser. The programs are valid
 * Lua more often than not; when they are not, they still exercise the parser.
 */
final class LuaSnippets {
    private static final String[] NAMES = {"a", "b", "c", "t", "s", "f", "co", "mt"};
    private static final String[] NUMBERS = {"0", "1", "-1", "2", "3.5", "-0.0", "0/0", "1/0", "-1/0", "math.maxinteger",
        "math.mininteger", "2^53", "2^63", "1e308", "0x7fffffff", "255", "1000", "1e9", "-2^63", "0.1"};
    private static final String[] STRINGS = {"''", "'x'", "'abc'", "'%d'", "'%s'", "'(a)'", "'%b()'", "'%f[%w]'", "'[^a]'",
        "'\\0'", "'\\xff\\xfe'", "'\\u{10FFFF}'", "'\\u{7FFFFFFF}'", "'1e5'", "' 0x10 '", "'%'", "'['", "'(()'", "'%1'",
        "'.-'", "'a*'", "string.rep('a', 100)", "'{\"k\":[1,2]}'", "'return 1'"};
    private static final String[] BINARY = {"+", "-", "*", "/", "//", "%", "^", "..", "==", "~=", "<", "<=", ">", ">=",
        "and", "or", "&", "|", "~", "<<", ">>"};
    private static final String[] UNARY = {"-", "not ", "#", "~"};
    private static final String[] CALLS = {"string.rep(%1, %2)", "string.format(%1, %2)", "string.find(%1, %2)",
        "string.match(%1, %2)", "string.gsub(%1, %2, %3)", "string.sub(%1, %2, %3)", "string.byte(%1, %2, %3)",
        "string.char(%2)", "string.upper(%1)", "string.reverse(%1)", "tostring(%1)", "tonumber(%1, %2)",
        "table.concat(%1, %2)", "table.insert(%1, %2)", "table.remove(%1, %2)", "table.unpack(%1, %2, %3)",
        "table.sort(%1, %2)", "table.move(%1, %2, %3, %2)", "select(%2, %1, %3)", "rawget(%1, %2)", "rawset(%1, %2, %3)",
        "rawlen(%1)", "rawequal(%1, %2)", "next(%1, %2)", "type(%1)", "pcall(%1, %2)", "xpcall(%1, %2, %3)",
        "error(%1, %2)", "assert(%1, %2)", "setmetatable(%1, %2)", "getmetatable(%1)", "load(%1)", "ipairs(%1)",
        "pairs(%1)", "math.floor(%1)", "math.tointeger(%1)", "math.fmod(%1, %2)", "math.random(%1, %2)",
        "math.abs(%1)", "math.max(%1, %2)", "utf8.char(%2)", "utf8.len(%1, %2)", "utf8.codepoint(%1, %2, %3)",
        "utf8.offset(%1, %2)", "json.encode(%1)", "json.decode(%1)", "coroutine.wrap(%1)", "coroutine.create(%1)",
        "coroutine.resume(%1, %2)", "coroutine.yield(%1)", "coroutine.status(%1)", "coroutine.close(%1)",
        "os.time(%1)", "os.date(%1, %2)", "collectgarbage(%1)", "echo(%1)", "fail()", "io.write(%1)", "print(%1, %2)"};
    private static final String[] METAMETHODS = {"__index", "__newindex", "__call", "__tostring", "__len", "__eq", "__lt",
        "__le", "__concat", "__add", "__unm", "__close", "__gc", "__mode", "__metatable", "__name", "__pairs"};

    private LuaSnippets() {
    }

    /** A program of up to 12 statements. */
    static String program(FuzzedDataProvider data) {
        StringBuilder out = new StringBuilder("local a, b, c, t, s, f, co, mt = 1, 'x', nil, {1, 2, x = 3}, 'abc', print, nil, {}\n");
        int n = data.consumeInt(1, 12);
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            statement(data, out, 0);
            out.append('\n');
        }
        out.append("return ").append(expression(data, 0));
        return out.toString();
    }

    private static void statement(FuzzedDataProvider data, StringBuilder out, int depth) {
        if (depth > 3) {
            out.append(name(data)).append(" = ").append(expression(data, depth));
            return;
        }
        switch (data.consumeInt(0, 13)) {
            case 0 -> out.append(name(data)).append(" = ").append(expression(data, depth));
            case 1 -> out.append("local ").append(name(data)).append(pick(data, new String[]{"", " <const>", " <close>"}))
                    .append(" = ").append(expression(data, depth));
            case 2 -> block(data, out, depth, "while " + expression(data, depth) + " do ", " end");
            case 3 -> block(data, out, depth, "for i = " + expression(data, depth) + ", " + expression(data, depth) + " do ", " end");
            case 4 -> block(data, out, depth, "for k, v in pairs(" + name(data) + ") do ", " end");
            case 5 -> block(data, out, depth, "if " + expression(data, depth) + " then ", " else " + name(data) + " = nil end");
            case 6 -> block(data, out, depth, name(data) + " = function(...) ", " return ... end");
            case 7 -> block(data, out, depth, "repeat ", " until " + expression(data, depth));
            case 8 -> out.append("setmetatable(").append(name(data)).append(", {").append(pick(data, METAMETHODS)).append(" = ")
                    .append(expression(data, depth)).append("})");
            case 9 -> block(data, out, depth, name(data) + " = coroutine.wrap(function(...) ", " coroutine.yield(...) end)");
            case 10 -> out.append(name(data)).append("[").append(expression(data, depth)).append("] = ").append(expression(data, depth));
            case 11 -> out.append("do local ok, e = pcall(function() ").append(call(data, depth)).append(" end) end");
            case 12 -> out.append("goto l").append(depth).append(" ::l").append(depth).append("::");
            default -> out.append(call(data, depth));
        }
    }

    private static void block(FuzzedDataProvider data, StringBuilder out, int depth, String open, String close) {
        out.append(open);
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            statement(data, out, depth + 1);
            out.append(' ');
        }
        out.append(close);
    }

    private static String expression(FuzzedDataProvider data, int depth) {
        if (depth > 4 || data.remainingBytes() == 0) {
            return leaf(data);
        }
        return switch (data.consumeInt(0, 7)) {
            case 0 -> expression(data, depth + 1) + " " + pick(data, BINARY) + " " + expression(data, depth + 1);
            case 1 -> pick(data, UNARY) + expression(data, depth + 1);
            case 2 -> call(data, depth + 1);
            case 3 -> "{" + expression(data, depth + 1) + ", " + name(data) + " = " + expression(data, depth + 1) + "}";
            case 4 -> "function(x, ...) return " + expression(data, depth + 1) + " end";
            case 5 -> name(data) + "[" + expression(data, depth + 1) + "]";
            case 6 -> "(" + expression(data, depth + 1) + ")";
            default -> leaf(data);
        };
    }

    private static String call(FuzzedDataProvider data, int depth) {
        String template = pick(data, CALLS);
        return template.replace("%1", expression(data, depth + 1)).replace("%2", expression(data, depth + 1))
                .replace("%3", expression(data, depth + 1));
    }

    private static String leaf(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 4)) {
            case 0 -> pick(data, NUMBERS);
            case 1 -> pick(data, STRINGS);
            case 2 -> pick(data, new String[]{"nil", "true", "false", "...", "_ENV", "_G", "string", "{}"});
            case 3 -> Long.toString(data.consumeLong());
            default -> name(data);
        };
    }

    private static String name(FuzzedDataProvider data) {
        return pick(data, NAMES);
    }

    private static String pick(FuzzedDataProvider data, String[] options) {
        return options[data.consumeInt(0, options.length - 1)];
    }
}

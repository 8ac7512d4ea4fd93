package dev.moat.tck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random stores of integers, floats, strings and nils, and table.insert/remove/move, on the keys near
 * a table's array part, against a plain Java model: every read must give back the exact value and Lua
 * subtype that was stored, whatever storage strategy changes the sequence of operations caused.
 */
class ArrayStrategyPropertiesTest {
    /** A Lua expression and how {@code show} in the script prints its value (facts of Lua 5.4). */
    record Value(String lua, String shown) {
    }

    private static final List<Value> VALUES = List.of(
            new Value("0", "0:integer"),
            new Value("1", "1:integer"),
            new Value("-7", "-7:integer"),
            new Value("math.maxinteger", "9223372036854775807:integer"),
            new Value("math.mininteger", "-9223372036854775808:integer"),
            new Value("(1 << 53) + 1", "9007199254740993:integer"),
            new Value("0.0", "0.0:float"),
            new Value("-0.0", "-0.0:float"),
            new Value("1.0", "1.0:float"),
            new Value("2.5", "2.5:float"),
            new Value("2^53", "9.007199254741e+15:float"),
            new Value("1/0", "inf:float"),
            new Value("0/0", "NaN"),
            new Value("'s'", "s:string"),
            new Value("true", "true:boolean"));

    private static final int MAX_KEY = 14;

    record Op(int kind, int key, int value, int other) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(1, MAX_KEY),
                Arbitraries.integers().between(0, VALUES.size() - 1), Arbitraries.integers().between(1, MAX_KEY)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(80);
    }

    @Property(tries = 200)
    void elementsKeepTheirExactValuesThroughStrategyChanges(@ForAll("ops") List<Op> ops) {
        TreeMap<Long, String> model = new TreeMap<>();
        StringBuilder lua = new StringBuilder("""
                local function show(v)
                  if v ~= v then return "NaN" end
                  return tostring(v) .. ":" .. (math.type(v) or type(v))
                end
                local t = {}
                """);
        StringBuilder expected = new StringBuilder();
        for (Op op : ops) {
            Value v = VALUES.get(op.value());
            int n = denseLength(model);
            long k = op.key();
            switch (op.kind()) {
                case 0, 1, 2 -> {
                    // Odd keys are sometimes written as floats: t[3.0] is t[3].
                    String luaKey = op.kind() == 2 ? k + ".0" : Long.toString(k);
                    lua.append("t[").append(luaKey).append("] = ").append(v.lua()).append('\n');
                    model.put(k, v.shown());
                }
                case 3 -> {
                    lua.append("t[").append(k).append("] = nil\n");
                    model.remove(k);
                }
                case 4 -> {
                    if (n >= 0) {
                        lua.append("table.insert(t, ").append(v.lua()).append(")\n");
                        model.put(n + 1L, v.shown());
                    }
                }
                case 5 -> {
                    if (n >= 0 && k <= n + 1) {
                        lua.append("table.insert(t, ").append(k).append(", ").append(v.lua()).append(")\n");
                        for (long i = n; i >= k; i--) {
                            model.put(i + 1, model.get(i));
                        }
                        model.put(k, v.shown());
                    }
                }
                case 6 -> {
                    if (n > 0) {
                        lua.append("io.write(show(table.remove(t)), ' ')\n");
                        expected.append(model.remove((long) n)).append(' ');
                    }
                }
                case 7 -> {
                    if (n > 0 && k <= n) {
                        lua.append("io.write(show(table.remove(t, ").append(k).append(")), ' ')\n");
                        expected.append(model.get(k)).append(' ');
                        for (long i = k; i < n; i++) {
                            model.put(i, model.get(i + 1));
                        }
                        model.remove((long) n);
                    }
                }
                default -> {
                    long first = k;
                    long last = Math.min(MAX_KEY, k + 3);
                    long to = op.other();
                    lua.append("table.move(t, ").append(first).append(", ").append(last).append(", ").append(to).append(")\n");
                    List<String> copied = new ArrayList<>();
                    for (long i = first; i <= last; i++) {
                        copied.add(model.get(i));
                    }
                    for (int i = 0; i < copied.size(); i++) {
                        if (copied.get(i) == null) {
                            model.remove(to + i);
                        } else {
                            model.put(to + i, copied.get(i));
                        }
                    }
                }
            }
        }
        int end = MAX_KEY + 5;
        lua.append("print()\nfor i = 1, ").append(end).append(" do io.write(show(t[i]), ' ') end\nprint()\n");
        expected.append('\n');
        for (long i = 1; i <= end; i++) {
            String shown = model.get(i);
            expected.append(shown == null ? "nil:nil" : shown).append(' ');
        }
        expected.append('\n');
        lua.append("""
                local n = 0
                for k, v in pairs(t) do n = n + 1 assert(t[k] == v or v ~= v) end
                local b = #t
                print(n, b == 0 or t[b] ~= nil, t[b + 1] == nil)
                """);
        expected.append(model.size()).append("\ttrue\ttrue\n");
        int n = denseLength(model);
        if (n >= 0) {
            lua.append("print(#t)\n");
            expected.append(n).append('\n');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context c = Context.newBuilder("moat").out(out).option("engine.WarnInterpreterOnly", "false").build()) {
            c.eval(Source.create("moat", lua.toString()));
        }
        assertEquals(expected.toString(), out.toString(StandardCharsets.UTF_8), lua.toString());
    }

    /** n if the model's keys are exactly 1..n (so # and table.insert/remove are well defined), else -1. */
    private static int denseLength(TreeMap<Long, String> model) {
        int n = 0;
        for (Map.Entry<Long, String> e : model.entrySet()) {
            if (e.getKey() != n + 1) {
                return -1;
            }
            n++;
        }
        return n;
    }
}

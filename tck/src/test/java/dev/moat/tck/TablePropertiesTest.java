package dev.moat.tck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random sequences of table stores and removals against a LinkedHashMap model: every key reads back its
 * model value, next() visits exactly the model's entries, and # is always a border.
 */
class TablePropertiesTest {
    private static Context context;

    @BeforeContainer
    static void setUp() {
        context = Context.newBuilder("moat").option("engine.WarnInterpreterOnly", "false").build();
    }

    @AfterContainer
    static void tearDown() {
        context.close();
    }

    record Op(int kind, int key, int value) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(-3, 40),
                Arbitraries.integers().between(1, 1000)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(120);
    }

    @Property(tries = 150)
    void tableBehavesLikeAMap(@ForAll("ops") List<Op> ops) {
        Map<Object, Integer> model = new LinkedHashMap<>();
        StringBuilder lua = new StringBuilder("local t = {}\n");
        for (Op op : ops) {
            Object key = op.key() % 4 == 0 ? (Object) ("k" + op.key()) : (Object) (long) op.key();
            String luaKey = key instanceof String s ? "\"" + s + "\"" : key.toString();
            switch (op.kind()) {
                case 0, 1 -> {
                    lua.append("t[").append(luaKey).append("] = ").append(op.value()).append('\n');
                    model.put(key, op.value());
                }
                case 2 -> {
                    lua.append("t[").append(luaKey).append("] = nil\n");
                    model.remove(key);
                }
                default -> lua.append("do local b = #t assert(b == 0 or t[b] ~= nil, 'not a border') assert(t[b + 1] == nil, 'not a border') end\n");
            }
        }
        lua.append("""
                local n, sum = 0, 0
                for k, v in pairs(t) do n = n + 1; sum = sum + v end
                print(n, sum)
                for i = -3, 45 do io.write(tostring(t[i]), " ") end
                for i = 0, 45, 4 do io.write(tostring(t["k" .. i]), " ") end
                print()
                local b = #t
                print(b == 0 or t[b] ~= nil, t[b + 1] == nil)
                """);
        StringBuilder expected = new StringBuilder();
        long sum = 0;
        for (int v : model.values()) {
            sum += v;
        }
        expected.append(model.size()).append('\t').append(sum).append('\n');
        for (long i = -3; i <= 45; i++) {
            Integer v = model.get(i);
            expected.append(v == null ? "nil" : v.toString()).append(' ');
        }
        for (int i = 0; i <= 45; i += 4) {
            Integer v = model.get("k" + i);
            expected.append(v == null ? "nil" : v.toString()).append(' ');
        }
        expected.append("\ntrue\ttrue\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context c = Context.newBuilder("moat").out(out).option("engine.WarnInterpreterOnly", "false").build()) {
            c.eval(Source.create("moat", lua.toString()));
        }
        assertEquals(expected.toString(), out.toString(StandardCharsets.UTF_8), lua.toString());
    }

}

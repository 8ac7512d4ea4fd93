package dev.moat.tck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * json (Moat-only): for random nested values built from json.null, booleans, integers, finite floats,
 * arbitrary Unicode strings, arrays and objects, decode(encode(v)) deep-equals v (integers stay
 * integers; floats keep their value, an integral float may come back as an integer), and encoding the
 * decoded value gives the same text again.
 */
class JsonPropertiesTest {
    private static Context context;

    /** A JSON-representable value, rendered as a Lua expression. */
    sealed interface Json permits Leaf, Array, ObjectValue {
        String lua();
    }

    record Leaf(String lua) implements Json {
    }

    record Array(List<Json> items) implements Json {
        public String lua() {
            return items.stream().map(Json::lua).collect(Collectors.joining(", ", "{", "}"));
        }
    }

    record ObjectValue(Map<String, Json> fields) implements Json {
        public String lua() {
            return fields.entrySet().stream().map(e -> "[" + luaString(e.getKey()) + "] = " + e.getValue().lua())
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }

    @BeforeContainer
    static void setUp() {
        context = Context.newBuilder("moat").option("engine.WarnInterpreterOnly", "false").build();
        // Values are built and checked inside the guest: passing tables through the host would copy them
        // (Moat's copy-only boundary), and a copy of json.null is no longer json.null.
        context.eval(Source.create("moat", """
                local function same(a, b, path)
                  if rawequal(a, json.null) or rawequal(b, json.null) then
                    return rawequal(a, b) or ("null mismatch at " .. path)
                  end
                  if type(a) ~= type(b) then return "type " .. type(a) .. " vs " .. type(b) .. " at " .. path end
                  if type(a) == "table" then
                    for k, v in pairs(a) do
                      local r = same(v, b[k], path .. "." .. tostring(k))
                      if r ~= true then return r end
                    end
                    for k in pairs(b) do
                      if a[k] == nil then return "extra key " .. tostring(k) .. " at " .. path end
                    end
                    return true
                  end
                  if math.type(a) == "integer" and math.type(b) ~= "integer" then return "integer became float at " .. path end
                  return a == b or ("value " .. tostring(a) .. " vs " .. tostring(b) .. " at " .. path)
                end
                function roundTrip(v)
                  local text = json.encode(v)
                  local back = json.decode(text)
                  local r = same(v, back, "$")
                  if r ~= true then return r .. " in " .. text end
                  local again = json.encode(back)
                  if again ~= text then return "re-encoding differs: " .. text .. " vs " .. again end
                  return "ok"
                end
                """));
    }

    @AfterContainer
    static void tearDown() {
        context.close();
    }

    @Provide
    Arbitrary<Json> values() {
        return Arbitraries.recursive(JsonPropertiesTest::leaves, JsonPropertiesTest::containers, 0, 4);
    }

    private static Arbitrary<Json> containers(Arbitrary<Json> inner) {
        Arbitrary<Json> array = inner.list().ofMaxSize(6).map(Array::new);
        Arbitrary<Json> object = Arbitraries.maps(keys(), inner).ofMaxSize(6).map(ObjectValue::new);
        return Arbitraries.oneOf(array, object);
    }

    private static Arbitrary<Json> leaves() {
        Arbitrary<Json> nulls = Arbitraries.just(new Leaf("json.null"));
        Arbitrary<Json> booleans = Arbitraries.of(true, false).map(b -> new Leaf(b.toString()));
        Arbitrary<Json> integers = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-1000, 1000),
                Arbitraries.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53, (1L << 53) + 1)).map(JsonPropertiesTest::luaInteger);
        Arbitrary<Json> floats = Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.doubles().between(-10, 10),
                        Arbitraries.of(0.0, -0.0, 0.1, 1.0, -2.5, 1e300, -1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 9.223372036854776E18, 0x1p53))
                .filter(Double::isFinite).map(d -> new Leaf("(" + Double.toHexString(d) + ")"));
        Arbitrary<Json> strings = text().map(s -> new Leaf(luaString(s)));
        return Arbitraries.oneOf(nulls, booleans, integers, floats, strings);
    }

    private static Leaf luaInteger(long v) {
        return new Leaf(v == Long.MIN_VALUE ? "math.mininteger" : "(" + v + ")");
    }

    /** Strings of Unicode scalar values: ASCII (with controls, quotes, backslashes), BMP, and beyond. */
    private static Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 0x7F)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0xD7FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(12).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    private static Arbitrary<String> keys() {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().ofMaxLength(4), text(), Arbitraries.of("1", "", "n", "null", "0"));
    }

    /** A Lua string literal with every byte of the UTF-8 encoding written as a decimal escape. */
    static String luaString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            sb.append('\\').append(String.format("%03d", b & 0xFF));
        }
        return sb.append('"').toString();
    }

    @Property(tries = 200)
    void decodeOfEncodeIsIdentity(@ForAll("values") Json value) {
        String lua = value.lua();
        String outcome = context.eval(Source.create("moat", "return roundTrip(" + lua + ")")).asString();
        assertEquals("ok", outcome.length() > 2000 ? outcome.substring(0, 2000) + "..." : outcome,
                lua.length() > 2000 ? lua.substring(0, 2000) + "..." : lua);
    }
}

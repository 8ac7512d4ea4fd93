package dev.moat.tck;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Table sites (field reads and stores, computed string keys, constructors with keys) serve their first run
 * uncached, so that code that runs once builds no caches (IndexGetNode#COLD_RUNS), and later runs through
 * their caches. Both paths must leave the same tables behind, the same fields in the same traversal order:
 * the program below builds the same tables again at the same sites, first through the cold paths, then
 * through the cached ones, and reports any table that comes out different; interpreted, and with every
 * function compiled at its first call (whose first runs deoptimise to the cold paths).
 */
class ColdAndCachedTableSitesTest {
    private static final String PROGRAM = """
            local proto = {kind = "p", weight = 2}
            local mt = {__index = proto, __newindex = function(t, k, v) rawset(t, k, v .. "!") end}
            local function make(i)
              local r = {id = i, ["tag" .. i % 4] = true, [i % 3 + 1] = "a"}
              r.name = "n" .. i % 5
              r["k" .. i % 3] = i
              if i % 7 == 0 then r.name = nil end
              r.last = r.missing
              local o = setmetatable({}, mt)
              o.label = "o" .. i % 2
              o[o.kind] = o.weight * i
              return r, o
            end
            local function describe(t)
              local keys = {}
              for k, v in pairs(t) do keys[#keys + 1] = tostring(k) .. "=" .. tostring(v) end
              return table.concat(keys, ",")
            end
            local first, differ = {}, 0
            for round = 1, 3 do
              for i = 1, 30 do
                local r, o = make(i)
                local d = describe(r) .. "|" .. describe(o)
                if round == 1 then
                  first[i] = d
                elseif first[i] ~= d then
                  differ = differ + 1
                  print("differs", round, i, first[i], d)
                end
              end
            end
            print(differ, first[1], first[7])
            """;

    @Test
    void coldAndCachedSitesMakeTheSameTables() {
        String interpreted = runWith(Map.of("engine.Compilation", "false"));
        assertEquals("0\tid=1,tag1=true,name=n1,k1=1,2=a|label=o1!,p=2!\tid=7,tag3=true,k1=7,2=a|label=o1!,p=14!\n",
                interpreted);
        String compiled = runWith(Map.of("engine.CompileImmediately", "true", "engine.BackgroundCompilation", "false",
                "engine.CompilationFailureAction", "Throw"));
        assertEquals(interpreted, compiled);
    }

    private static String runWith(Map<String, String> options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context context = Context.newBuilder("moat").out(out).allowExperimentalOptions(true).options(options)
                .option("engine.WarnInterpreterOnly", "false").build()) {
            if (!options.containsKey("engine.Compilation")) {
                assertNotEquals("Interpreted", context.getEngine().getImplementationName(), "the Graal JIT must be active in tests");
            }
            context.eval(Source.create("moat", PROGRAM));
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

package dev.moat.tck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * table.sort against the real lua5.4 at test time: each try is a batch of random arrays (at most 100
 * elements, where Lua never randomises its pivot) with random comparators, consistent and inconsistent,
 * written as one script and run by one lua5.4 process and by Moat. Every line, holding the comparator
 * call count and the final array or the error, must be identical. Skipped (not passed) without lua5.4.
 */
@AddLifecycleHook(SortAgainstLuaPropertiesTest.RequiresLua.class)
class SortAgainstLuaPropertiesTest {
    private static final List<String> COMPARATORS = List.of("none", "lt", "gt", "le", "ge", "yes", "no", "coin", "alt", "mod");

    record Case(List<Integer> values, String comparator, int seed) {
    }

    /** Skips the properties of this class when lua5.4 is not installed. */
    public static final class RequiresLua implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return DifferentialTest.luaAvailable() ? SkipResult.doNotSkip() : SkipResult.skip("lua5.4 is not installed");
        }
    }

    @Provide
    Arbitrary<List<Case>> batches() {
        Arbitrary<List<Integer>> values = Arbitraries.integers().between(0, 100).flatMap(size ->
                Arbitraries.integers().between(1, 4).flatMap(spread ->
                        Arbitraries.integers().between(-size * spread / 4 - 1, size * spread / 4 + 1).list().ofSize(size)));
        Arbitrary<Case> one = Combinators.combine(values, Arbitraries.of(COMPARATORS),
                Arbitraries.integers().between(1, Integer.MAX_VALUE)).as(Case::new);
        return one.list().ofMinSize(20).ofMaxSize(60);
    }

    @Property(tries = 8)
    void sortMatchesLua(@ForAll("batches") List<Case> batch) throws IOException, InterruptedException {
        String script = script(batch);
        String expected = runLua(script);
        String actual = runMoat(script);
        String[] want = expected.split("\n", -1);
        String[] got = actual.split("\n", -1);
        for (int i = 0; i < Math.min(want.length, got.length); i++) {
            assertEquals(want[i], got[i], "case " + i + ": " + (i < batch.size() ? batch.get(i) : "end"));
        }
        assertEquals(want.length, got.length, "number of output lines");
        assertTrue(expected.endsWith("done\n"), "lua5.4 did not finish the batch: " + expected);
    }

    private static String script(List<Case> batch) {
        StringBuilder lua = new StringBuilder("""
                local seed, alternate, calls = 1, 0, 0
                local comparators = {
                  lt = function(a, b) return a < b end,
                  gt = function(a, b) return a > b end,
                  le = function(a, b) return a <= b end,
                  ge = function(a, b) return a >= b end,
                  yes = function() return true end,
                  no = function() return false end,
                  coin = function()
                    seed = (seed * 1103515245 + 12345) % 2147483648
                    return seed % 2 == 1
                  end,
                  alt = function() alternate = alternate + 1 return alternate % 3 ~= 0 end,
                  mod = function(a, b) return a % 7 < b % 7 end,
                }
                local function run(t, name, s)
                  seed, alternate, calls = s, 0, 0
                  local f = comparators[name]
                  local counted = f and function(a, b) calls = calls + 1 return f(a, b) end
                  local ok, err = pcall(table.sort, t, counted)
                  print(name, #t, calls, ok and table.concat(t, " ") or err)
                end
                """);
        for (Case c : batch) {
            lua.append("run({").append(c.values().stream().map(String::valueOf).collect(Collectors.joining(","))).append("}, \"")
                    .append(c.comparator()).append("\", ").append(c.seed()).append(")\n");
        }
        lua.append("print(\"done\")\n");
        return lua.toString();
    }

    private static String runLua(String script) throws IOException, InterruptedException {
        Path file = Files.createTempFile("moat-sort-batch", ".lua");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("lua5.4", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "lua5.4 timed out");
            return new String(out, StandardCharsets.ISO_8859_1);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String runMoat(String script) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context c = Context.newBuilder("moat").out(out).option("engine.WarnInterpreterOnly", "false").build()) {
            c.eval(Source.create("moat", script));
        } catch (PolyglotException e) {
            return out.toString(StandardCharsets.ISO_8859_1) + "moat error: " + e.getMessage();
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}

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
import org.graalvm.polyglot.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * table.sort on random integer arrays (with duplicates) and random comparators: the table always ends
 * up holding a permutation of its input; with a consistent comparator (a strict weak order) it ends up
 * sorted and never fails; with an inconsistent one the only possible failure is Lua's
 * "invalid order function for sorting".
 */
class SortPropertiesTest {
    /** A comparator as Lua source, and for consistent ones the order it implements. */
    enum Comparator {
        NONE("nil", (a, b) -> a < b),
        LESS("function(a, b) return a < b end", (a, b) -> a < b),
        GREATER("function(a, b) return a > b end", (a, b) -> a > b),
        BY_LAST_DIGIT("function(a, b) return a % 10 < b % 10 end", (a, b) -> Math.floorMod(a, 10) < Math.floorMod(b, 10)),
        NEVER("function() return false end", (a, b) -> false),
        LESS_OR_EQUAL("function(a, b) return a <= b end", null),
        GREATER_OR_EQUAL("function(a, b) return a >= b end", null),
        ALWAYS("function() return true end", null),
        COIN("function() return coin() end", null),
        NOT_EQUAL("function(a, b) return a ~= b end", null);

        final String lua;
        final BiPredicate<Long, Long> order;

        Comparator(String lua, BiPredicate<Long, Long> order) {
            this.lua = lua;
            this.order = order;
        }

        boolean consistent() {
            return order != null;
        }
    }

    private static Context context;
    private static Value sortCase;

    @BeforeContainer
    static void setUp() {
        context = Context.newBuilder("moat").option("engine.WarnInterpreterOnly", "false").build();
        StringBuilder lua = new StringBuilder("""
                local seed = 1
                function coin()
                  seed = (seed * 1103515245 + 12345) % 2147483648
                  return seed % 2 == 1
                end
                local comparators = {
                """);
        for (Comparator c : Comparator.values()) {
            lua.append("  [\"").append(c.name()).append("\"] = ").append(c.lua).append(",\n");
        }
        lua.append("""
                }
                return function(csv, name, coinSeed)
                  local t = {}
                  for v in csv:gmatch("-?%d+") do t[#t + 1] = math.tointeger(v) end
                  seed = coinSeed
                  local ok, err = pcall(table.sort, t, comparators[name])
                  local out = {}
                  for i = 1, #t do out[i] = t[i] end
                  return (ok and "ok:" or ("err:" .. tostring(err) .. ":")) .. table.concat(out, ",")
                end
                """);
        sortCase = context.eval(Source.create("moat", lua.toString()));
    }

    @AfterContainer
    static void tearDown() {
        context.close();
    }

    @Provide
    Arbitrary<List<Long>> arrays() {
        Arbitrary<Long> small = Arbitraries.longs().between(-20, 20);
        Arbitrary<Long> wide = Arbitraries.longs().between(-1_000_000, 1_000_000);
        return Arbitraries.oneOf(small.list().ofMaxSize(120), wide.list().ofMaxSize(300), small.list().ofMinSize(90).ofMaxSize(110));
    }

    @Property(tries = 400)
    void sortPermutesAndSortsOrFailsLikeLua(@ForAll("arrays") List<Long> input, @ForAll Comparator comparator,
                                           @ForAll("seeds") int coinSeed) {
        String csv = input.stream().map(String::valueOf).collect(Collectors.joining(","));
        String result = sortCase.execute(csv, comparator.name(), coinSeed).asString();
        String context = comparator + " on " + input;
        List<Long> output;
        if (result.startsWith("ok:")) {
            output = parse(result.substring(3));
        } else {
            String prefix = "err:invalid order function for sorting:";
            if (!result.startsWith(prefix)) {
                fail("unexpected error " + result + " for " + context);
            }
            assertFalse(comparator.consistent(), "a consistent comparator failed: " + context);
            output = parse(result.substring(prefix.length()));
        }
        List<Long> expectedMultiset = new ArrayList<>(input);
        List<Long> actualMultiset = new ArrayList<>(output);
        expectedMultiset.sort(null);
        actualMultiset.sort(null);
        assertEquals(expectedMultiset, actualMultiset, "not a permutation: " + context + " -> " + output);
        if (comparator.consistent()) {
            for (int i = 1; i < output.size(); i++) {
                assertFalse(comparator.order.test(output.get(i), output.get(i - 1)),
                        "not sorted at " + i + ": " + context + " -> " + output);
            }
        }
        if (comparator == Comparator.ALWAYS && input.size() >= 4) {
            // "always true" makes the partition run past the pivot on its first step
            assertTrue(result.startsWith("err:"), "always-true comparator did not fail on " + input);
        }
    }

    @Provide
    Arbitrary<Integer> seeds() {
        return Arbitraries.integers().between(1, Integer.MAX_VALUE);
    }

    private static List<Long> parse(String csv) {
        if (csv.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(Long::valueOf).toList();
    }
}

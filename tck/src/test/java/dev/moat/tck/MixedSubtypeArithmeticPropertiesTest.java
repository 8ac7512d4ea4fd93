package dev.moat.tck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Arithmetic and comparisons over fields that hold integers in some tables and floats in others, against the
 * reference: random expression trees of {@code + - * /} over {@code a.x}, {@code b.y} and literals, a third of
 * them compared ({@code < <= > >= == ~=}) with another such tree, half of them reading a local that holds
 * another such tree's value, each called with a run of operand tables whose
 * fields mix the two subtypes (including values that wrap around, {@code -0.0} and floats beyond 2^53, where
 * an integer and a float differ by less than the float's precision), so that their sites switch to tagged
 * arithmetic and comparisons (TaggedArithNode, TaggedCompareNode) part-way and later calls run there. Every
 * result's subtype and exact value must be lua5.4's. Skipped, not passed, when lua5.4 is not installed.
 */
@AddLifecycleHook(LuaRequired.class)
class MixedSubtypeArithmeticPropertiesTest extends LuaBatch.Properties {
    private static final int EXPRESSIONS_PER_BATCH = 30;
    private static final String PRELUDE = """
            local function show(r)
              if type(r) == "boolean" then return tostring(r) end
              if math.type(r) == "integer" then return "integer " .. tostring(r) end
              return math.type(r) .. " " .. string.format("%.17g", r)
            end
            local V = { 0, 1, -3, 7, 1000003, math.maxinteger, math.mininteger, 2^53 // 1, 2^53 // 1 + 1,
                        0.5, -0.0, 2.25, -1.5, 1e10, 3.0, 2^53 + 2.0, 2^53, 2^63, 1 }
            local function run(f)
              local out = {}
              for round = 1, 3 do
                for i = 1, #V do
                  local a = { x = V[i], y = V[(i * 7) % #V + 1] }
                  local b = { x = V[(i * 3) % #V + 1], y = V[(i * 5 + round) % #V + 1] }
                  out[#out + 1] = show(f(a, b))
                end
              end
              print(table.concat(out, " | "))
            end
            """;
    private static final String[] LEAVES = {"a.x", "a.y", "b.x", "b.y", "a.x", "b.y", "1", "0", "2", "0.5", "2.0"};
    private static final String[] OPS = {"+", "-", "*", "/"};
    private static final String[] COMPARISONS = {"<", "<=", ">", ">=", "==", "~="};

    @Provide
    Arbitrary<List<String>> batches() {
        return Arbitraries.randomValue(r -> {
            List<String> expressions = new ArrayList<>();
            for (int i = 0; i < EXPRESSIONS_PER_BATCH; i++) {
                String e = r.nextInt(3) == 0
                        ? expression(r, 2) + " " + COMPARISONS[r.nextInt(COMPARISONS.length)] + " " + expression(r, 2)
                        : expression(r, 3);
                if (r.nextBoolean()) {
                    // through a local that holds both subtypes: t in the expression is a.x, b.y or a result
                    e = "local t = " + expression(r, 2) + "; return " + e.replace("b.y", "t");
                }
                expressions.add(e);
            }
            return expressions;
        });
    }

    @Property(tries = 20)
    void mixedSubtypeArithmeticAgreesWithLua(@ForAll("batches") List<String> expressions) throws Exception {
        StringBuilder script = new StringBuilder(PRELUDE);
        for (String e : expressions) {
            script.append("run(function(a, b) ").append(e.startsWith("local") ? e : "return " + e).append(" end)\n");
        }
        String expected = batch.runLua(script.toString(), "mixed.lua");
        String actual = batch.runMoat(script.toString(), "mixed.lua");
        assertEquals(expected, actual, () -> firstDifference(expressions, expected, actual));
    }

    private static String firstDifference(List<String> expressions, String expected, String actual) {
        String[] want = expected.split("\n", -1);
        String[] got = actual.split("\n", -1);
        for (int i = 0; i < Math.min(want.length, got.length); i++) {
            if (!want[i].equals(got[i])) {
                return "expression " + (i + 1) + ": " + (i < expressions.size() ? expressions.get(i) : "?")
                        + "\nlua5.4: " + want[i] + "\nMoat:   " + got[i];
            }
        }
        return "outputs differ in length";
    }

    /** A random tree of {@code + - * /}; a subtraction of an integer literal ({@code x - 1}) is common in it. */
    static String expression(Random r, int depth) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return LEAVES[r.nextInt(LEAVES.length)];
        }
        String left = expression(r, depth - 1);
        String op = OPS[r.nextInt(OPS.length)];
        String right = r.nextInt(5) == 0 ? String.valueOf(r.nextInt(3)) : expression(r, depth - 1);
        return "(" + left + " " + op + " " + right + ")";
    }
}

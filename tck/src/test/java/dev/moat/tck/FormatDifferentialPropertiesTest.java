package dev.moat.tck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.graalvm.polyglot.PolyglotException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * string.format against the reference: random formats (literal text, {@code %%}, conversions with random
 * flags, widths and precisions, valid or not, and a format cut short) with random arguments (integers,
 * floats, strings, nil, booleans, sometimes too few) give the same text or the same error message in
 * Moat as in lua5.4. Each format is used twice in a row, so the second call runs from the context's
 * compiled format where the first compiled it. No %p (Moat prints opaque ids, never addresses). Skipped,
 * not passed, when lua5.4 is not installed.
 */
@AddLifecycleHook(LuaRequired.class)
class FormatDifferentialPropertiesTest extends LuaBatch.Properties {
    private static final int CASES_PER_BATCH = 60;
    private static final String PRELUDE = """
            local function run(fmt, ...)
              for _ = 1, 2 do
                local ok, s = pcall(string.format, fmt, ...)
                print(ok, s)
              end
            end
            """;


    record Case(String format, List<String> args) {
        String call() {
            StringBuilder sb = new StringBuilder("run(").append(PatternDifferentialPropertiesTest.literal(format));
            for (String a : args) {
                sb.append(", ").append(a);
            }
            return sb.append(")\n").toString();
        }
    }

    @Provide
    Arbitrary<List<Case>> batches() {
        return Arbitraries.randomValue(r -> {
            List<Case> cases = new ArrayList<>();
            for (int i = 0; i < CASES_PER_BATCH; i++) {
                cases.add(formatCase(r));
            }
            return cases;
        });
    }

    @Property(tries = 25)
    void formatAgreesWithLua(@ForAll("batches") List<Case> cases) throws Exception {
        StringBuilder script = new StringBuilder(PRELUDE);
        for (Case c : cases) {
            script.append(c.call());
        }
        String name = "batch.lua";
        String expected = batch.runLua(script.toString(), name);
        String actual;
        try {
            actual = batch.runMoat(script.toString(), name);
        } catch (PolyglotException e) {
            throw new AssertionError("Moat failed on the batch: " + e.getMessage(), e);
        }
        // Results may contain newlines (%c of 10, %q); compare per case by splitting on the calls' own output.
        assertEquals(expected, actual, () -> firstDifference(cases, expected, actual));
    }

    private static String firstDifference(List<Case> cases, String expected, String actual) {
        String[] want = expected.split("\n", -1);
        String[] got = actual.split("\n", -1);
        for (int i = 0; i < Math.min(want.length, got.length); i++) {
            if (!want[i].equals(got[i])) {
                return "first differing output line " + (i + 1) + ": lua5.4 '" + want[i] + "', Moat '" + got[i]
                        + "'; the cases were:\n" + cases.stream().map(Case::call).reduce("", String::concat);
            }
        }
        return "outputs differ in length";
    }

    private static final String[] LITERALS = {"", "", "x", "ab ", "=", "%%", "[", "|", "\t", "100%%"};
    private static final String[] CONVERSIONS = {"d", "d", "i", "u", "c", "x", "X", "o", "e", "E", "f", "g", "G", "a",
        "A", "s", "s", "q", "y", "F", "%"};
    private static final String[] FLAGS = {"", "", "", "-", "+", " ", "#", "0", "-0", "+ ", "#0", "--"};
    private static final String[] WIDTHS = {"", "", "", "1", "5", "12", "99", "100", "05"};
    private static final String[] PRECISIONS = {"", "", "", ".", ".0", ".3", ".10", ".99", ".100"};

    static Case formatCase(Random r) {
        StringBuilder fmt = new StringBuilder();
        int conversions = r.nextInt(4);
        for (int i = 0; i < conversions; i++) {
            fmt.append(LITERALS[r.nextInt(LITERALS.length)]);
            fmt.append('%').append(FLAGS[r.nextInt(FLAGS.length)]).append(WIDTHS[r.nextInt(WIDTHS.length)])
                    .append(PRECISIONS[r.nextInt(PRECISIONS.length)]).append(CONVERSIONS[r.nextInt(CONVERSIONS.length)]);
        }
        fmt.append(LITERALS[r.nextInt(LITERALS.length)]);
        if (r.nextInt(15) == 0) {
            fmt.append('%'); // cut short
        }
        List<String> args = new ArrayList<>();
        int n = Math.max(0, conversions + r.nextInt(3) - 1);
        for (int i = 0; i < n; i++) {
            args.add(argument(r));
        }
        return new Case(fmt.toString(), args);
    }

    private static final String[] ARGUMENTS = {"0", "1", "-1", "42", "255", "-1234567", "65", "10", "9007199254740993",
        "math.maxinteger", "math.mininteger", "0.0", "-0.0", "1.5", "-2.25", "3.0", "0.1", "1e300", "1/0", "-1/0",
        "1e-310", "123456.789", "'abc'", "'a\\0b'", "'12'", "'0x10'", "'3.5'", "''", "'with \"quote\"\\n'",
        "nil", "true", "string.rep('z', 120)"};

    private static String argument(Random r) {
        return ARGUMENTS[r.nextInt(ARGUMENTS.length)];
    }
}

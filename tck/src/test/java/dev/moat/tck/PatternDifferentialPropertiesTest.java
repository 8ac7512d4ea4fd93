package dev.moat.tck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.graalvm.polyglot.PolyglotException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Lua pattern matcher against the reference: random subjects and patterns (classes, sets,
 * quantifiers, anchors, captures, %b, %f, back-references, and some malformed patterns) go through
 * string.find, match, gsub and gmatch in Moat and in lua5.4, and every printed result or error message
 * must be identical. Each try runs one batch of cases in a single lua5.4 process. Skipped, not passed,
 * when lua5.4 is not installed.
 */
@AddLifecycleHook(LuaRequired.class)
class PatternDifferentialPropertiesTest extends LuaBatch.Properties {
    private static final int CASES_PER_BATCH = 40;
    private static final int LINES_PER_CASE = 4;
    private static final String PRELUDE = """
            local function show(...)
              local t = table.pack(...)
              for i = 1, t.n do t[i] = tostring(t[i]) end
              return table.concat(t, ",")
            end
            local function run(s, p, init)
              print(show(pcall(string.find, s, p, init)))
              print(show(pcall(string.match, s, p, init)))
              print(show(pcall(string.gsub, s, p, "<%0>")))
              print(pcall(function()
                local out = {}
                for a, b in string.gmatch(s, p) do out[#out + 1] = tostring(a) .. ":" .. tostring(b) end
                return table.concat(out, ";")
              end))
            end
            """;


    record Case(String subject, String pattern, Integer init) {
        String call() {
            return "run(" + literal(subject) + ", " + literal(pattern) + ", " + (init == null ? "nil" : init) + ")\n";
        }
    }

    @Provide
    Arbitrary<List<Case>> batches() {
        return Arbitraries.randomValue(r -> {
            List<Case> cases = new ArrayList<>();
            for (int i = 0; i < CASES_PER_BATCH; i++) {
                Integer[] inits = {null, null, 1, 2, 0, -2, -20, 5, 30};
                cases.add(new Case(subject(r), pattern(r), inits[r.nextInt(inits.length)]));
            }
            return cases;
        });
    }

    @Property(tries = 30)
    void matcherAgreesWithLua(@ForAll("batches") List<Case> cases) throws Exception {
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
            throw new AssertionError("Moat failed on " + culprit(cases, name) + ": " + e.getMessage(), e);
        }

        String[] want = expected.split("\n", -1);
        String[] got = actual.split("\n", -1);
        for (int i = 0; i < Math.min(want.length, got.length); i++) {
            int line = i;
            assertEquals(want[i], got[i], () -> "case " + cases.get(line / LINES_PER_CASE).call().strip()
                    + " (output line " + (line % LINES_PER_CASE + 1) + ")");
        }
        assertEquals(want.length, got.length, "number of output lines");
    }

    /** The first case that fails on its own (a batch stops at an escaped exception). */
    private static String culprit(List<Case> cases, String name) throws IOException {
        for (Case c : cases) {
            try {
                batch.runMoat(PRELUDE + c.call(), name);
            } catch (PolyglotException e) {
                return c.call().strip();
            }
        }
        return "the batch";
    }

    private static final String SUBJECT_CHARS = "aabbcA1 2().-_%]x";
    private static final String[] CLASSES = {".", "%a", "%d", "%l", "%u", "%s", "%w", "%p", "%x", "%c", "%A", "%D",
        "%S", "%W", "%.", "%(", "%)", "%-", "%%", "[ab]", "[^a]", "[a-c]", "[%d.]", "[^%s]", "[%a_]", "[]]", "[^]]",
        "[a-]", "[-a]", "[%]]", "[b-a]", "a", "b", "A", "1", " ", "x", "_"};
    private static final String[] QUANTIFIERS = {"", "", "", "*", "+", "-", "?"};
    private static final String[] MALFORMED = {"%", "[a", "[^", "(", ")", "%b", "%ba", "%f", "%fa", "%1", "%9",
        "(()", "a)", "[%", "%g"};

    static String subject(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(13);
        for (int i = 0; i < n; i++) {
            sb.append(SUBJECT_CHARS.charAt(r.nextInt(SUBJECT_CHARS.length())));
        }
        return sb.toString();
    }

    static String pattern(Random r) {
        int[] captures = {0, 0}; // opened, closed
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(4) == 0) {
            sb.append('^');
        }
        sb.append(sequence(r, 0, captures));
        if (r.nextInt(12) == 0) {
            sb.append(MALFORMED[r.nextInt(MALFORMED.length)]);
        }
        if (r.nextInt(5) == 0) {
            sb.append('$');
        }
        return sb.toString();
    }

    private static String sequence(Random r, int depth, int[] captures) {
        StringBuilder sb = new StringBuilder();
        int items = 1 + r.nextInt(depth == 0 ? 4 : 3);
        for (int i = 0; i < items; i++) {
            int kind = r.nextInt(20);
            if (kind < 13) {
                sb.append(CLASSES[r.nextInt(CLASSES.length)]).append(QUANTIFIERS[r.nextInt(QUANTIFIERS.length)]);
            } else if (kind < 15 && depth < 2) {
                captures[0]++;
                sb.append('(').append(sequence(r, depth + 1, captures)).append(')');
                captures[1]++;
            } else if (kind == 15) {
                sb.append("()");
                captures[0]++;
                captures[1]++;
            } else if (kind == 16) {
                sb.append("%b()");
            } else if (kind == 17) {
                sb.append(r.nextBoolean() ? "%f[%w]" : r.nextBoolean() ? "%f[%W]" : "%f[a]");
            } else if (kind == 18 && captures[1] > 0) {
                sb.append('%').append(1 + r.nextInt(captures[1]));
            } else {
                sb.append(CLASSES[r.nextInt(CLASSES.length)]);
            }
        }
        return sb.toString();
    }

    /** A Lua string literal for any bytes. */
    static String literal(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 32 || c > 126) {
                sb.append(String.format("\\%03d", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}

package dev.moat.tck;

import org.graalvm.polyglot.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * string.find and string.gsub with a pattern of one character class take a path of their own at a site that
 * knows the pattern (SingleClassPattern: find searches in compiled code; gsub returns a subject without
 * the class's bytes as it is). Both must give the general matcher's results and charge its instructions:
 * each call below runs once at a site whose literal pattern takes that path and once at a site that has
 * already seen three other patterns (its cache is full, so it uses the general matcher), and
 * {@code os.clock}, which counts instructions when the host fixes the time, measures what each cost.
 * Results against lua5.4 are the goldens' job ({@code lib-string/find_single_class}, {@code gsub_single_class}).
 */
class SingleClassPatternTest {
    private static final List<String> PATTERNS = List.of("\"[^ \\t\\r\\n]\"", "'[\"\\\\]'", "\"%d\"", "\"%a\"", "\"%S\"",
            "\".\"", "\"[,;]\"", "\"[%]]\"", "\"[^%a]\"", "\"%%\"", "\"[a-c]\"", "\"[\\128-\\255]\"", "\"%w\"", "\"[%^]\"",
            "\"%-\"", "\"[%c\\\"\\\\]\"");
    private static final String SUBJECTS = """
            {"", "a", "  x", "hello world", "\\0\\1\\2abc\\255\\128", string.rep(" ", 300) .. "z", string.rep("ab", 700),
              string.rep(" ", 5000) .. "]", "x,y;z", "]%^-", string.rep("plain text ", 40), ("<<[x]>>"):sub(3, -3), string.rep(" ", 30), string.rep("z", 30)}""";
    /** find's third argument (init), or gsub's (the replacement). */
    private static final String FIND_THIRD = "{false, 1, 2, 0, -1, -3, -1000, 5, 300, 301, 302, 1401, 1402, 1403, 5002}";
    private static final String GSUB_THIRD = "{\"<%0>\", \"\", 7, 2.5, {a = \"A\", [\" \"] = false}, function(c) return c == \"x\" and \"y\" end}";

    /**
     * One function with a literal site per pattern ({@code fast}) and one with the same branches whose sites
     * get the pattern as a fresh string ({@code general}) after three other patterns filled their caches; the
     * two take the same branch for the same pattern, so whatever else they charge is the same.
     */
    private static String script(String function, String thirdArguments) {
        StringBuilder fast = new StringBuilder("local function fast(k, s, p, x)\n  local c0 = os.clock()\n  local a, b\n");
        StringBuilder general = new StringBuilder("local function general(k, s, p, x)\n  local c0 = os.clock()\n  local a, b\n");
        for (int k = 0; k < PATTERNS.size(); k++) {
            String branch = (k == 0 ? "  if" : "  elseif") + " k == " + (k + 1) + " then a, b = string." + function + "(s, ";
            fast.append(branch).append(PATTERNS.get(k)).append(", x)\n");
            general.append(branch).append("p, x)\n");
        }
        String tail = "  end\n  return math.floor((os.clock() - c0) * 1e9 + 0.5), a, b\nend\n";
        return fast + tail + general + tail + """
                local patterns = {%s}
                local subjects = %s
                local thirds = %s
                for k = 1, #patterns do -- fills each general site's cache of patterns
                  general(k, "", "(x)", thirds[2]); general(k, "", "x+", thirds[2]); general(k, "", "^x", thirds[2])
                end
                local bad, cases = {}, 0
                for k, p in ipairs(patterns) do
                  local copy = (p .. "!"):sub(1, -2) -- another string object, which no site has seen
                  for _, s in ipairs(subjects) do
                    for _, x in ipairs(thirds) do
                      local c1, a1, b1 = fast(k, s, nil, x or nil)
                      local c2, a2, b2 = general(k, s, copy, x or nil)
                      cases = cases + 1
                      if c1 ~= c2 or a1 ~= a2 or b1 ~= b2 then
                        bad[#bad + 1] = string.format("%%q with %%s on a %%d-byte subject: %%q %%s cost %%d, general %%q %%s cost %%d",
                          p, tostring(x), #s, tostring(a1), tostring(b1), c1, tostring(a2), tostring(b2), c2)
                      end
                    end
                  end
                end
                local expected = #patterns * #subjects * #thirds
                bad = table.concat(bad, "\\n")
                """.formatted(String.join(", ", PATTERNS), SUBJECTS, thirdArguments);
    }

    /**
     * On an engine of its own (one context), where sites cache every pattern; and on an engine that two
     * contexts share, the second run counted, where sites cache only literals of the code (CodeLiterals)
     * and the copies the general sites get are no literals.
     */
    @ParameterizedTest
    @CsvSource({"find, false, false", "find, true, false", "gsub, false, false", "gsub, true, false",
        "find, false, true", "find, true, true", "gsub, false, true", "gsub, true, true"})
    void givesAndChargesWhatTheGeneralMatcherDoes(String function, boolean compiled, boolean shared) throws IOException {
        Map<String, String> engineOptions = new HashMap<>();
        if (compiled) {
            // Not CompilationFailureAction=Throw: the 16-way if chains below, compiled at their first call,
            // deoptimise once per new branch and trip Truffle's deopt-cycle detector (so did the build before
            // this path existed); the goldens in BuiltinFastPathsCompiledTest cover compiled results with Throw.
            engineOptions.putAll(Map.of("engine.CompileImmediately", "true", "engine.BackgroundCompilation", "false"));
        } else {
            engineOptions.put("engine.Compilation", "false");
        }
        Map<String, String> contextOptions = Map.of("moat.FixedTime", "1700000000");
        String thirds = function.equals("find") ? FIND_THIRD : GSUB_THIRD;
        Path script = Files.createTempFile("single_class_" + function, ".moat");
        try {
            Files.writeString(script, script(function, thirds) + "print(cases, expected)\nprint(bad)\n");
            String chunk = "single_class_" + function + ".moat";
            MoatRunner.Outcome outcome;
            if (shared) {
                try (Engine engine = Engine.newBuilder("moat").allowExperimentalOptions(true).options(engineOptions).build()) {
                    assertNull(MoatRunner.run(engine, script, chunk, contextOptions).error());
                    outcome = MoatRunner.run(engine, script, chunk, contextOptions);
                }
            } else {
                Map<String, String> options = new HashMap<>(engineOptions);
                options.putAll(contextOptions);
                outcome = MoatRunner.run(null, script, chunk, options);
            }
            assertNull(outcome.error());
            String[] lines = outcome.stdout().split("\n", 2);
            String[] counts = lines[0].split("\t");
            assertEquals(counts[1], counts[0], "cases run");
            assertTrue(Long.parseLong(counts[0]) >= PATTERNS.size() * 14 * 6, "cases run: " + counts[0]);
            assertEquals("\n", lines[1], "calls whose results or charges differ from the general matcher's");
        } finally {
            Files.delete(script);
        }
    }
}

package dev.moat.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moat.interpreter.api.Limits;
import dev.moat.interpreter.api.MoatEngine;
import dev.moat.interpreter.api.Script;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code string.byte} and {@code string.sub} sites that keep the bytes of the one string they read (a
 * tokenizer's source), on an engine whose contexts share compiled code: every run is a fresh context with its
 * own source string, so a site that kept one run's string must not answer another run from it (SECURITY.md C6:
 * such a cache holds only while the engine has served one context, or for a short literal of the code, which
 * every context shares), nor answer one literal from another's bytes (the literals are read first, while the
 * sites still keep what they met). The expected answers are computed here,
 * in Java, so a cache that answered wrongly in the interpreter and in compiled code alike still fails.
 */
class KnownStringSharingTest {
    private static final Limits LIMITS = Limits.defaults().withTimeout(Duration.ofSeconds(120));
    private static final String FIRST_LITERAL = "a literal of the code";
    private static final String SECOND_LITERAL = "zz: another literal";
    private static final String SCRIPT = """
            local byte, sub = string.byte, string.sub
            local function scan(s)
              local sum, out = 0, {}
              for i = 1, #s do
                sum = (sum * 31 + byte(s, i)) % 1000003
                out[#out + 1] = sub(s, i, i)
              end
              return sum .. ":" .. table.concat(out, "", 1, math.min(#out, 6)) .. ":" .. sub(s, 2, 5)
                .. ":" .. tostring((byte(s, -1))) .. ":" .. sub(s, -3)
            end
            local first, second = scan("FIRST"), scan("SECOND")
            local r = {}
            for _ = 1, 20 do r[#r + 1] = scan(src) end
            return r[1] .. "|" .. r[20] .. "|" .. first .. "|" .. second .. "|" .. scan(src .. "!")
            """.replace("FIRST", FIRST_LITERAL).replace("SECOND", SECOND_LITERAL);

    @Test
    void sitesThatKeptOneStringAnswerEveryOtherFromItsOwnBytes() {
        String[] sources = {"tenant A's secret", "B", "", "tenant A's secret", "another source, longer than the first one",
                "x=1+2", "B"};
        for (String engineKind : new String[] {"compiled", "interpreted"}) {
            MoatEngine.Builder builder = MoatEngine.builder().limits(LIMITS);
            if (engineKind.equals("compiled")) {
                // Every function compiled at its first call, synchronously: seconds in a cold JVM, hence the timeout.
                builder.engineOption("engine.CompileImmediately", "true").engineOption("engine.BackgroundCompilation", "false");
            } else {
                builder.engineOption("engine.Compilation", "false");
            }
            try (MoatEngine shared = builder.build()) {
                Script script = shared.compile("known_strings.moat", SCRIPT);
                for (String src : sources) {
                    String expected = scan(src) + "|" + scan(src) + "|" + scan(FIRST_LITERAL) + "|" + scan(SECOND_LITERAL)
                            + "|" + scan(src + "!");
                    assertEquals(expected, script.run(Map.of("src", src)).value(), engineKind + " run with src=" + src);
                }
            }
        }
    }

    /** The script's {@code scan}, for ASCII strings. */
    private static String scan(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        long sum = 0;
        for (byte x : b) {
            sum = (sum * 31 + x) % 1000003;
        }
        int n = b.length;
        String last = n == 0 ? "nil" : Integer.toString(b[n - 1]);
        return sum + ":" + s.substring(0, Math.min(n, 6)) + ":" + s.substring(Math.min(1, n), Math.min(5, n)) + ":" + last
                + ":" + s.substring(Math.max(0, n - 3));
    }
}

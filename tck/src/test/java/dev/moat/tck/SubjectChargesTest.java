package dev.moat.tck;

import dev.moat.interpreter.api.Limits;
import dev.moat.interpreter.api.MoatEngine;
import dev.moat.interpreter.api.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What string searches and substrings are charged for. {@code find} and {@code match} pay for the bytes
 * they look at (positions passed over, matching steps) and 1 per 64 bytes of the pattern, not for the
 * subject's whole length: a tokeniser that searches from every position of a long input must cost in
 * proportion to the input, not to its square. {@code sub} returns a copy, charged to the memory budget
 * (a view would keep its subject alive and be copied again by every builtin that reads it whole, for work
 * charged per call).
 */
class SubjectChargesTest {
    /** The instructions a script takes, without limits. */
    private static Result run(String script) {
        try (MoatEngine engine = MoatEngine.builder().limits(Limits.defaults().withInstructions(0)).build()) {
            return engine.compile("charges.moat", script).run();
        }
    }

    /**
     * 300 calls at positions whose neighbourhood is the same in a short subject and in one with a megabyte
     * after it: the same work, so the same instructions. The tail holds none of the searched-for bytes
     * within reach of any call (each finds its match or fails within a few bytes).
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "s:find('^x', i)", "s:match('^%d+', i)", "s:find('5', i, true)", "s:find('56', i)", "s:find('%d', i)",
        "s:find('(%d)', i)", "s:match('^(%a*)(%d)', i)", "s:find('[5-9]+', i)", "s:find('^%s*', i)"})
    void aSearchCostsTheSameWhateverFollowsWhereItStops(String call) {
        String script = """
                local s = string.rep("ab1234567 ", 40) .. TAIL
                local n = 0
                for i = 1, 300 do
                  if CALL then n = n + 1 end
                end
                return n
                """.replace("CALL", call);
        Result shortSubject = run(script.replace("TAIL", "''"));
        Result longSubject = run(script.replace("TAIL", "string.rep('-', 1 << 20)"));
        assertEquals(shortSubject.value(), longSubject.value(), call);
        // The longer subject costs its making (string.rep, the concatenation) and nothing per call.
        long making = run("local s = string.rep('ab1234567 ', 40) .. string.rep('-', 1 << 20)").instructions()
                - run("local s = string.rep('ab1234567 ', 40) .. ''").instructions();
        assertEquals(shortSubject.instructions() + making, longSubject.instructions(), call);
    }

    /** A tokeniser over twice the input costs about twice as much (it cost four times as much when each call paid the subject's length). */
    @Test
    void aTokeniserIsLinearInItsInput() {
        String tokeniser = """
                local s = string.rep("word, 12 ", N)
                local pos, tokens = 1, 0
                while true do
                  local a = s:find("%S", pos)
                  if not a then break end
                  local _, b = s:find("^[%w]+", a)
                  if not b then b = s:find(",", a, true) end
                  tokens = tokens + 1
                  pos = b + 1
                end
                return tokens
                """;
        Result once = run(tokeniser.replace("N", "20000"));
        Result twice = run(tokeniser.replace("N", "40000"));
        assertEquals(60000L, ((Number) once.value()).longValue());
        assertEquals(120000L, ((Number) twice.value()).longValue());
        double ratio = (double) twice.instructions() / once.instructions();
        assertTrue(ratio > 1.9 && ratio < 2.1, "instructions " + once.instructions() + " -> " + twice.instructions());
    }

    /** string.sub makes a string of its own, and the memory budget sees it. */
    @Test
    void aSubstringIsChargedAsTheCopyItIs() {
        String make = "local s = string.rep('x', 1 << 20)\n";
        long base = run(make + "return #s").bytesAllocated();
        long withSub = run(make + "local t = s:sub(2); return #t").bytesAllocated();
        long withChar = run(make + "local t = s:sub(2, 2); return #t").bytesAllocated();
        assertTrue(withSub - base >= (1 << 20) - 1, "sub(2) of a megabyte charged " + (withSub - base) + " bytes");
        assertEquals(base, withChar, "a one-byte substring is one of the shared one-byte strings");
    }
}

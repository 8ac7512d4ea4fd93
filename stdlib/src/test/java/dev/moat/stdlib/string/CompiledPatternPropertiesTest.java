package dev.moat.stdlib.string;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Combinators;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A compiled pattern must change nothing but speed: an unanchored search (the loop of find, gmatch and
 * gsub, passing over start positions with {@link LuaPatternMatcher#skipToCandidate}) gives the same
 * matches, captures, errors and, to the step, the same charges with the pattern compiled as from its
 * bytes alone. Patterns are drawn from the characters that mean something to the matcher, malformed ones
 * included; subjects from bytes those patterns mention.
 */
class CompiledPatternPropertiesTest {

    @Property(tries = 3000)
    void compiledSearchIsTheMatchersOwn(@ForAll("patterns") String pattern, @ForAll("subjects") String subject) {
        byte[] p = pattern.getBytes(StandardCharsets.ISO_8859_1);
        byte[] s = subject.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(search(s, p, null), search(s, p, CompiledPattern.compile(p)), () -> "pattern " + pattern);
    }

    /**
     * A class repeated by {@code +} or {@code *} and nothing else is matched as the longest run of the class
     * (LuaPatternMatcher.matchAt): the same matches and, to the step, the same charges as the matcher's
     * recursion, unanchored (gmatch's loop) and anchored at every start (find and match with '^').
     */
    @Property(tries = 1500)
    void aRepeatedClassIsMatchedAsTheMatcherWould(@ForAll("runPatterns") String pattern, @ForAll("subjects") String subject) {
        byte[] p = pattern.getBytes(StandardCharsets.ISO_8859_1);
        byte[] s = subject.getBytes(StandardCharsets.ISO_8859_1);
        CompiledPattern compiled = CompiledPattern.compile(p);
        boolean anchored = p[0] == '^';
        if (!pattern.startsWith("^-")) { // compiled from its start, "^-" reads as '^' repeated lazily: no run there
            assertEquals(anchored ? 1 : 0, compiled.runItem, () -> "pattern " + pattern);
        }
        if (anchored) {
            assertEquals(anchoredAtEveryStart(s, p, null), anchoredAtEveryStart(s, p, compiled), () -> "pattern " + pattern);
        } else {
            assertEquals(search(s, p, null), search(s, p, compiled), () -> "pattern " + pattern);
        }
    }

    @Example
    void onlyAClassRepeatedAloneIsARun() {
        for (String p : new String[]{"%a+x", "x%a+", "(%a+)", "%a-", "%a?", "%a", "%b()+", "%f[%a]+", "%1+", "[a+", "^%a+x", "^(%a+)"}) {
            assertEquals(-1, CompiledPattern.compile(p.getBytes(StandardCharsets.ISO_8859_1)).runItem, p);
        }
    }

    /** find/match with an anchor: matchAt(start, 1) from every start, each result, then the steps. */
    private static String anchoredAtEveryStart(byte[] s, byte[] p, CompiledPattern compiled) {
        long[] steps = {0};
        LuaPatternMatcher m = new LuaPatternMatcher(s, p, compiled, n -> steps[0] += n);
        List<String> out = new ArrayList<>();
        for (int start = 0; start <= s.length; start++) {
            m.reset();
            out.add(start + ":" + m.matchAt(start, 1));
        }
        m.flush();
        out.add("steps=" + steps[0]);
        return String.join(" ", out);
    }

    @Provide
    Arbitrary<String> runPatterns() {
        Arbitrary<String> item = Arbitraries.of("a", "x", "9", ".", "$", "]", "-", "%a", "%d", "%D", "%w", "%s", "%p",
                "%%", "%.", "[a-c]", "[%d_]", "[^%s]", "[]a]", "[a-]", "[%]-]", "[z-a]", "[^ab]", "\u00e9");
        return Combinators.combine(Arbitraries.of("", "^"), item, Arbitraries.of("+", "*")).as((a, i, q) -> a + i + q);
    }

    @Property(tries = 1000)
    void everyRecordedClassMatchesTheBytesTheMatcherWould(@ForAll("patterns") String pattern) {
        byte[] p = pattern.getBytes(StandardCharsets.ISO_8859_1);
        CompiledPattern compiled = CompiledPattern.compile(p);
        for (int at = 0; at < p.length; at++) {
            int ep = compiled.classEnd[at];
            if (ep < 0) {
                continue;
            }
            assertEquals(LuaPatternMatcher.classEndOrError(p, at), ep);
            for (int c = 0; c < 256; c++) {
                byte[] one = {(byte) c};
                // The class alone, then a position capture (so that a '$' stays a literal): the matcher reads
                // the set from the bytes.
                byte[] classOnly = java.util.Arrays.copyOf(java.util.Arrays.copyOfRange(p, at, ep), ep - at + 2);
                classOnly[ep - at] = '(';
                classOnly[ep - at + 1] = ')';
                boolean expected = new LuaPatternMatcher(one, classOnly, null, n -> { }).match(0, 0) == 1;
                assertEquals(expected, compiled.matches(at, c), "class at " + at + " of " + pattern + ", byte " + c);
            }
        }
    }

    @Example
    void skippingChargesWhatRejectingEachPositionWould() {
        byte[] s = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx9"
                .repeat(40).getBytes(StandardCharsets.ISO_8859_1);
        byte[] p = "((%d))".getBytes(StandardCharsets.ISO_8859_1);
        CompiledPattern compiled = CompiledPattern.compile(p);
        assertEquals(2, compiled.leadingClass);
        assertEquals(3, compiled.leadingSteps);
        String plain = search(s, p, null);
        assertEquals(plain, search(s, p, compiled));
        assertTrue(plain.endsWith("steps=" + (3 * (s.length + 1) + 40 * 3)), plain); // 3 per position, 3 more per hit
    }

    @Example
    void aPatternThatCanMatchEmptyHasNoLeadingClass() {
        for (String p : new String[]{"a*", "%d?b", "x-", "()", "%bxy", "%f[%a]a", "$", "%1", ")", "[a"}) {
            assertEquals(-1, CompiledPattern.compile(p.getBytes(StandardCharsets.ISO_8859_1)).leadingClass, p);
        }
        assertFalse(CompiledPattern.compile("[^%a]".getBytes(StandardCharsets.ISO_8859_1)).matches(0, 'q'));
        // A class that fails is all the matcher reads before giving up at a position, whatever follows it.
        assertEquals(1, CompiledPattern.compile("a(%".getBytes(StandardCharsets.ISO_8859_1)).leadingSteps);
    }

    /** The unanchored search loop of gmatch: every match (start, end, captures), then the error or the end; then the steps. */
    private static String search(byte[] s, byte[] p, CompiledPattern compiled) {
        long[] steps = {0};
        LuaPatternMatcher m = new LuaPatternMatcher(s, p, compiled, n -> steps[0] += n);
        List<String> out = new ArrayList<>();
        try {
            for (int start = 0; start <= s.length; start++) {
                start = m.skipToCandidate(start);
                m.reset();
                int e = m.matchAt(start, 0);
                if (e != -1) {
                    StringBuilder caps = new StringBuilder();
                    for (int i = 0; i < m.captureCount(true); i++) {
                        Object c = m.capture(i, start, e);
                        caps.append(c instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : c).append('|');
                    }
                    out.add(start + "-" + e + ":" + caps);
                }
            }
            out.add("end");
        } catch (LuaPatternMatcher.PatternError error) {
            out.add("error " + error.getMessage());
        }
        m.flush();
        out.add("steps=" + steps[0]);
        return String.join("\n", out);
    }

    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("a", "b", "x", "9", ".", "^", "$", "]", "-", "%a", "%d", "%D", "%w", "%s", "%p", "%x",
                        "%%", "%.", "%]", "%", "[", "[^", "[a-c]", "[%d_]", "[^%s]", "[]a]", "[a-]", "[%]-]", "[z-a]",
                        "(", ")", "()", "*", "+", "?", "-", "%b()", "%bab", "%b", "%f[%w]", "%f[^a]", "%f", "%1", "%2", "\u00e9"));
        return piece.list().ofMinSize(0).ofMaxSize(7).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> subjects() {
        return Arbitraries.strings().withChars("abx9 -]()%.^$_\u00e9").ofMinLength(0).ofMaxLength(24);
    }
}

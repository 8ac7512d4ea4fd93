package dev.moat.tck;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.moat.interpreter.api.Limits;
import dev.moat.interpreter.api.MoatEngine;
import dev.moat.interpreter.api.MoatException;
import dev.moat.interpreter.api.Script;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Jazzer fuzz target for SECURITY.md K4/P4: whatever the bytes, used as source text (Latin-1 or UTF-8) or
 * assembled into a Lua program by {@link LuaSnippets}, a run through the embedding API with tight budgets
 * ends in success or a {@link MoatException} of a documented kind - never INTERNAL or CANCELLED, never any
 * other Throwable - and the engine still answers a canary afterwards.
 *
 * <p>In every {@code mvn verify} Jazzer runs in regression mode: the seeds committed under
 * {@code src/test/resources/dev/moat/tck/ScriptFuzzTestInputs/fuzzScript/} (including past findings) are
 * replayed. Fuzzing mode ({@code JAZZER_FUZZ=1}) is described in {@code tck/README.md}.
 */
class ScriptFuzzTest {
    private static final Limits LIMITS = Limits.defaults().withInstructions(20_000).withMemory(4L << 20)
            .withOutput(4 << 10).withCallDepth(100).withTimeout(Duration.ofMillis(50));
    private static final Set<MoatException.Kind> DOCUMENTED = EnumSet.complementOf(
            EnumSet.of(MoatException.Kind.INTERNAL, MoatException.Kind.CANCELLED));
    private static final List<String> HOST_NAMES = List.of("java.", "javax.", "dev.moat.", "com.oracle.", "org.graalvm.",
            "Exception", "\tat ");
    private static MoatEngine engine;
    private static Script canary;

    private static synchronized MoatEngine engine() {
        if (engine == null) {
            engine = MoatEngine.builder().limits(LIMITS).engineOption("engine.Compilation", "false")
                    .hostFunction("echo", 1, args -> args.get(0))
                    .hostFunction("fail", 0, args -> {
                        throw new IllegalStateException("host failure");
                    }).build();
            canary = engine.compile("canary.moat", "local t = {} for i = 1, 10 do t[i] = i * i end return #t + t[10]");
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
        }
        return engine;
    }

    @FuzzTest(maxDuration = "3m")
    void fuzzScript(FuzzedDataProvider data) {
        String source = switch (data.consumeInt(0, 2)) {
            case 0 -> new String(data.consumeRemainingAsBytes(), StandardCharsets.ISO_8859_1);
            case 1 -> new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
            default -> LuaSnippets.program(data);
        };
        runAndCheck(source);
    }

    /** Runs one script; fails the test on anything but success or a documented kind. */
    static void runAndCheck(String source) {
        MoatEngine e = engine();
        boolean ran = false;
        try {
            Script script = e.compile("fuzz.moat", source);
            ran = true;
            script.run(Map.of());
        } catch (MoatException ex) {
            assertTrue(DOCUMENTED.contains(ex.kind()), () -> ex + "\nfor source:\n" + source);
            String m = ex.getMessage();
            // Syntax errors echo the offending source, so only text the script did not contain is a leak; the
            // echoed token ("near '...'") is cut after 57 characters, and the cut's "..." may complete a name
            // ("java" + "..." reads "java."), so that part is left out.
            String checked = m.replaceFirst("(?s) near '.*'$", "");
            for (String internal : HOST_NAMES) {
                assertTrue(!checked.contains(internal) || source.contains(internal), () -> "host internals in message: " + m);
            }
        } catch (Throwable t) {
            fail("raw throwable escaped the API for source:\n" + source, t);
        }
        if (ran) {
            assertEquals(List.of(110L), canary.run(Map.of(), Limits.defaults()).values(), "engine broken after:\n" + source);
        }
    }
}

package dev.moat.tck;

import dev.moat.interpreter.api.Limits;
import dev.moat.interpreter.api.MoatEngine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every host function runs on one shared call target (HostFunctions.HostFunctionRootNode), so Truffle's argument
 * and return type profiles of that target see whatever any script passes any host function, and compiled code
 * that calls it out of line relies on them: a rule loop passing a host function a number, then a string, was
 * thrown away and compiled again, and so was every caller when a host function returned a value of a new type
 * ("Profiled Return Type"). The host target has no profiles (HostFunctionRootNode.withoutProfiles; its work is
 * behind a boundary, where they buy nothing), so nothing a script passes or a host returns invalidates compiled
 * code. Inlining is off so that check and pair call the host functions out of line, as a large rule function does.
 */
class HostFunctionProfileTest {
    private static final String SCRIPT = """
            local vals = {}
            for i = 1, 1200 do
              local k = (i - 1) // 300
              vals[i] = k == 0 and i or k == 1 and i + 0.5 or k == 2 and ("s" .. i) or (i % 2 == 0)
            end
            -- check and pair take and return the same types throughout (their own profiles stay valid)
            local function check(t, i) return echo(t[i]) == t[i] end
            local function pair(t, i) return both(t[i], i) == i end
            local n = 0
            for i = 1, 1200 do
              if check(vals, i) then n = n + 1 end
              if pair(vals, i) then n = n + 1 end
            end
            return n
            """;

    @Test
    void valuesOfNewTypesThroughHostFunctionsInvalidateNothing() throws Exception {
        Path log = Files.createTempFile("moat-host-profile", ".log");
        try (MoatEngine engine = MoatEngine.builder()
                .engineOption("engine.BackgroundCompilation", "false")
                .engineOption("engine.MultiTier", "false")
                .engineOption("engine.SingleTierCompilationThreshold", "100")
                .engineOption("engine.CompilationFailureAction", "Throw")
                .engineOption("engine.TraceCompilation", "true")
                .engineOption("compiler.Inlining", "false")
                .engineOption("log.file", log.toString())
                .hostFunction("echo", 1, args -> args.get(0))
                .hostFunction("both", 2, args -> args.get(1))
                .build()) {
            Limits limits = Limits.defaults().withTimeout(Duration.ofSeconds(60));
            Object result = engine.compile("host_profile.moat", SCRIPT).run(Map.of(), limits).value();
            assertEquals(2400L, ((Number) result).longValue());
        }
        String trace = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        MoatRunner.assertCompiledApart(trace, "check", "HostFunctionRootNode");
        // Deoptimisations for the values themselves (an equality meeting a new type) are the script's own; what
        // must not happen is compiled code thrown away because of the host target's profiles.
        long invalidations = Pattern.compile("opt inval\\. .*Reason Profiled (Argument|Return) Type").matcher(trace).results().count();
        assertEquals(0, invalidations, invalidations + " invalidations by a profile:\n" + trace);
    }
}

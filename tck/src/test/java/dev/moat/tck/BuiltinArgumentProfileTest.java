package dev.moat.tck;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A builtin's one call target serves every call site of that builtin, and the sites pass it arguments of
 * different types. Truffle profiles a target's argument types; compiled code that calls the target out of line
 * relies on the profile, so every new type met afterwards threw away the builtin's compiled code and that of
 * its compiled callers ("Profiled Argument Types": {@code string.format} met a float, then a string, and a
 * held-out benchmark's main loop, 1.5 s of compilation, was compiled three times). At its first call a builtin's
 * profile forgets the Lua arguments' types and keeps the argument count (BuiltinRootNode.widenArgumentProfile),
 * so only a call with another number of arguments can still end it. Inlining is off here so that
 * {@code show} calls {@code format} out of line, as a caller over Graal's inlining budget does; {@code show}'s
 * own arguments keep their types (a Lua function's profile is kept: it types the function's parameters).
 */
class BuiltinArgumentProfileTest {
    private static final String PROGRAM = """
            local fmt = string.format
            local vals = {}
            for i = 1, 1200 do
              local k = (i - 1) // 300
              vals[i] = k == 0 and i or k == 1 and i + 0.5 or k == 2 and ("s" .. i) or (i % 2 == 0)
            end
            local function show(t, i) return fmt("%s", t[i]) end
            local n = 0
            for i = 1, 1200 do n = n + #show(vals, i) end
            print(n)
            """;

    @Test
    void argumentsOfNewTypesDoNotInvalidateABuiltinOrItsCompiledCallers() {
        MoatRunner.Traced run = MoatRunner.runTraced(PROGRAM, 100, "engine.TraceCompilation",
                Map.of("compiler.Inlining", "false"));
        // Computed by lua5.4 for this program.
        assertEquals("4842\n", run.stdout());
        String trace = run.log();
        MoatRunner.assertCompiledApart(trace, "show", "builtin format");
        long invalidations = Pattern.compile("opt (inval\\.|deopt) .*").matcher(trace).results().count();
        assertEquals(0, invalidations, invalidations + " invalidations or deoptimisations:\n" + trace);
    }
}

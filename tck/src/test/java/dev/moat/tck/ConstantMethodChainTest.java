package dev.moat.tck;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A method found through a class's {@code __index} chain is folded into compiled code as a constant only
 * while the engine serves one context, and redefining the method afterwards throws that code away (the
 * compilation trace shows it invalidated by the key's assumption) and the new method is called. On an
 * engine shared by contexts nothing is folded, and the same program gives the same output.
 */
class ConstantMethodChainTest {
    private static final String PROGRAM = """
            local Base = {}; Base.__index = Base
            function Base:get() return self.x end
            local Sub = setmetatable({}, {__index = Base}); Sub.__index = Sub
            local function sum(o, n) local s = 0 for i = 1, n do s = s + o:get() end return s end
            local o = setmetatable({x = 2}, Sub)
            for _ = 1, 4 do print(sum(o, 3000)) end  -- sum compiled with get folded in
            function Base:get() return self.x * 100 end
            for _ = 1, 2 do print(sum(o, 3000)) end
            """;
    private static final String EXPECTED = "6000\n".repeat(4) + "600000\n".repeat(2);
    private static final String KEY_ASSUMPTION = "table key unchanged";

    @Test
    void oneContextFoldsTheMethodAndARedefinitionInvalidatesIt() {
        MoatRunner.Traced run = MoatRunner.runTracedSingleContext(PROGRAM, 200, "engine.TraceCompilation");
        assertEquals(EXPECTED, run.stdout());
        assertTrue(run.log().lines().anyMatch(l -> l.contains("opt inv") && l.contains(KEY_ASSUMPTION)),
                () -> "no compiled code was invalidated by a table key's assumption:\n" + run.log());
    }

    /** The golden script that rewrites classes, methods and metatables between rounds, compiled at first call. */
    @Test
    void chainsThatChangeGiveLuasResultsWhenCompiled() throws java.io.IOException {
        java.nio.file.Path script = GoldenScripts.root().resolve("metatables/method_chain_changes.moat");
        MoatRunner.Outcome outcome = MoatRunner.run(null, script, "method_chain_changes", java.util.Map.of(
                "engine.CompileImmediately", "true", "engine.BackgroundCompilation", "false",
                "engine.CompilationFailureAction", "Throw"));
        GoldenScripts.assertExpected(script, "method_chain_changes", outcome);
    }

    @Test
    void aSharedEngineFoldsNothing() {
        MoatRunner.Traced run = MoatRunner.runTraced(PROGRAM, 200, "engine.TraceCompilation");
        assertEquals(EXPECTED, run.stdout());
        assertTrue(run.log().contains("opt done"), () -> "nothing was compiled:\n" + run.log());
        assertFalse(run.log().contains(KEY_ASSUMPTION), () -> "a shared engine relied on a table's keys:\n" + run.log());
    }
}

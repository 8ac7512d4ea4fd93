package dev.moat.tck;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An upvalue whose local is declared once and never assigned again (a program's helper functions and
 * constants) is folded into compiled code as a constant while the engine serves one context; running the
 * declaration a second time throws that code away (the compilation trace shows it invalidated by the
 * local's assumption) and each closure then reads its own cell. On an engine shared by contexts nothing is
 * folded, and the same program gives the same output.
 */
class FoldedUpvaluesTest {
    private static final String PROGRAM = """
            local function make(scale)
              local function helper(x) return x * scale end   -- declared once per call of make
              local function sum(n) local s = 0 for i = 1, n do s = s + helper(i) end return s end
              return sum
            end
            local first = make(1)
            for _ = 1, 4 do print(first(3000)) end   -- sum compiled with helper and scale folded in
            local second = make(2)                    -- helper and scale declared again
            for _ = 1, 2 do print(second(3000), first(3000)) end
            """;
    private static final String EXPECTED = "4501500\n".repeat(4) + "9003000\t4501500\n".repeat(2);
    private static final String ASSUMPTION = "local declared once";

    @Test
    void oneContextFoldsConstantUpvaluesAndASecondDeclarationInvalidatesThem() {
        MoatRunner.Traced run = MoatRunner.runTracedSingleContext(PROGRAM, 200, "engine.TraceCompilation");
        assertEquals(EXPECTED, run.stdout());
        assertTrue(run.log().lines().anyMatch(l -> l.contains("opt inv") && l.contains(ASSUMPTION)),
                () -> "no compiled code was invalidated by a local's declaration:\n" + run.log());
    }

    @Test
    void aSharedEngineFoldsNoUpvalues() {
        MoatRunner.Traced run = MoatRunner.runTraced(PROGRAM, 200, "engine.TraceCompilation");
        assertEquals(EXPECTED, run.stdout());
        assertTrue(run.log().contains("opt done"), () -> "nothing was compiled:\n" + run.log());
        assertFalse(run.log().contains(ASSUMPTION), () -> "a shared engine folded an upvalue:\n" + run.log());
    }

    /**
     * A never-assigned {@code local function} is held by value: its own closure's copy of its name is nil, so
     * its body and the closures made in it must reach it as the running closure, interpreted or compiled.
     */
    @Test
    void localFunctionsSeeThemselvesWhenCompiled() throws java.io.IOException {
        GoldenScripts.assertExpectedWhenCompiled("closures/local_function_self.moat");
    }

    /** The golden script that breaks each condition of the folding in turn, compiled at first call. */
    @Test
    void upvaluesThatChangeGiveLuasResultsWhenCompiled() throws java.io.IOException {
        GoldenScripts.assertExpectedWhenCompiled("closures/constant_upvalues.moat");
    }
}

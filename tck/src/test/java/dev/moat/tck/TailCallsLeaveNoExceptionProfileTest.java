package dev.moat.tck;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tree-walking evaluator that dispatches with {@code return handlers[node.kind](node)}: on deep trees the
 * tail calls nest beyond the direct ones and unwind with a control-flow exception, and on others a guest
 * error passes through the same functions. Truffle profiles the kind of exception leaving a call target and
 * invalidates the compiled code whenever it changes, so while tail calls left a root by throwing, `evaluate`
 * deoptimised on every switch (42 times here) until Graal gave up on it ("Deopt taken too many times") and
 * it stayed interpreted: a calculator benchmark ran 2.2x slower than lua5.4. A root now returns a pending
 * tail call to its caller. Counted from the engine's compilation trace.
 */
class TailCallsLeaveNoExceptionProfileTest {
    private static final String PROGRAM = """
            local eval = {}
            local function evaluate(node)
              return eval[node.kind](node)
            end
            eval.num = function(node) return node.value end
            eval.add = function(node) return evaluate(node.left) + evaluate(node.right) end
            eval.fail = function(node) error("boom") end
            eval.wrap = function(node) return evaluate(node.inner) end
            local function chain(depth, leaf)
              local n = leaf
              for _ = 1, depth do n = {kind = "wrap", inner = n} end
              return n
            end
            local trees = {}
            for i = 1, 40 do
              local leaf = (i % 3 == 0) and {kind = "fail"} or {kind = "num", value = i}
              trees[i] = {kind = "add", left = chain(i % 25, leaf), right = {kind = "num", value = 1}}
            end
            local sum, errors = 0, 0
            for round = 1, 300 do
              for i = 1, #trees do
                local ok, v = pcall(evaluate, trees[i])
                if ok then sum = sum + v else errors = errors + 1 end
              end
            end
            print(sum, errors)
            """;

    @Test
    void deepTailCallsAndErrorsThroughOneFunctionDoNotDeoptimiseItAgainAndAgain() {
        MoatRunner.Traced run = MoatRunner.runTraced(PROGRAM, 100, "engine.TraceCompilation");
        // Computed by lua5.4 for this program.
        assertEquals("172200\t3900\n", run.stdout());
        String trace = run.log();
        assertTrue(Pattern.compile("opt done .*\\bevaluate\\b").matcher(trace).find(), "evaluate never compiled (test too weak):\n" + trace);
        assertFalse(trace.contains("opt failed"), "a compilation gave up:\n" + trace);
        int deopts = Pattern.compile("opt deopt .*\\bevaluate\\b").matcher(trace).results().mapToInt(r -> 1).sum();
        // Its first error and first deep tree each leave it once; then it settles.
        assertTrue(deopts <= 6, deopts + " deoptimisations of evaluate:\n" + trace);
    }
}

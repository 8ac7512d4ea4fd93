package dev.moat.tck;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Graal inlines recursion where it pays and not inside loops (DispatchNode): a function that calls
 * itself from one of its loops, as backtracking does, is compiled with that call left a call, while
 * plain recursion (fib) is still inlined into itself. Read from the compiler's inlining trace, so a
 * change of call nodes that lets Graal inline the looping recursion again fails here, not only as a
 * slower queens benchmark.
 */
class RecursionInliningTest {
    private static final String PROGRAM = """
            local function place(row, n, cols)
              if row > n then return 1 end
              local count = 0
              for c = 1, n do
                if not cols[c] then
                  cols[c] = true
                  count = count + place(row + 1, n, cols)
                  cols[c] = false
                end
              end
              return count
            end
            local function fib(n)
              if n < 2 then return n end
              return fib(n - 1) + fib(n - 2)
            end
            local sum = 0
            for i = 1, 400 do
              sum = sum + place(1, 5, {}) + fib(10)
            end
            print(sum)
            """;

    /** The names of the call targets the trace shows inlined into a compilation of {@code root}. */
    private static List<String> inlinedInto(String trace, String root) {
        // "[engine] Inline start fib |..." opens a compilation's tree, "[engine] Inlined   fib |..." lists
        // what was inlined (indented by depth; "Cutoff" what was not), "[engine] Inline done  fib |..." closes it.
        Matcher m = Pattern.compile("Inline start\\s+" + Pattern.quote(root) + "\\s(.*?)Inline done", Pattern.DOTALL)
                .matcher(trace);
        List<String> inlined = new java.util.ArrayList<>();
        while (m.find()) {
            Matcher call = Pattern.compile("Inlined\\s+(\\S+)").matcher(m.group(1));
            while (call.find()) {
                inlined.add(call.group(1));
            }
        }
        return inlined;
    }

    @Test
    void recursionInsideALoopIsCalledAndPlainRecursionInlined() {
        MoatRunner.Traced run = MoatRunner.runTraced(PROGRAM, 200, "compiler.TraceInlining");
        // 400 * (place's 120 permutations of 5 + fib(10) = 55); computed by lua5.4 for this program.
        assertEquals("70000\n", run.stdout());
        String trace = run.log();
        assertTrue(Pattern.compile("Inline start\\s+place\\s").matcher(trace).find(), "place was never compiled:\n" + trace);
        assertFalse(inlinedInto(trace, "place").contains("place"), "place inlined into itself:\n" + trace);
        assertTrue(inlinedInto(trace, "fib").contains("fib"), "fib not inlined into itself:\n" + trace);
    }
}

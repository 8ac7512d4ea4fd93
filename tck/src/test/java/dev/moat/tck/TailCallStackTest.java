package dev.moat.tck;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proper tail calls made as plain Java calls (DirectTailCallNode) are bounded per stack, not per call
 * level: at most 16 active on one coroutine's stack in all, however many ordinary calls lie between them
 * (the coroutine's counter; a tail call of a leaf function, which ends a chain, is not counted). A count
 * that started again at each ordinary call would allow 16 per level, and a recursion whose every level
 * makes a chain of tail calls would need seventeen times the Java stack its levels need.
 *
 * <p>Checked in the interpreter (whose frames do not shrink as compiled ones do) on a thread with a small
 * stack and no depth limit in the way: a plain recursion seventeen times as deep as the test's must run out
 * of stack there (the control), the test's recursion with a chain of seventeen tail calls at each level
 * must not, and must print what lua5.4 prints.
 */
class TailCallStackTest {
    private static final long STACK = 2L << 20;
    private static final int LEVELS = 300;

    /** Each level makes a chain of 17 tail calls (down, t16 .. t1) before its ordinary call of the next level. */
    private static final String CHAINS = """
            local down
            local function t0(n) return 1 + down(n - 1) end
            local t = {[0] = t0}
            for k = 1, 16 do local nxt = t[k - 1]; t[k] = function(n) return nxt(n) end end
            down = function(n) if n == 0 then return 0 end return t[16](n) end
            print(down(%d))
            """;

    /**
     * The same chains through one tail-call site that first called a leaf (which it does not count) and then
     * sees every link of the chains (which it must count).
     */
    private static final String CHAINS_THROUGH_ONE_SITE = """
            local function via(f, n) return f(n) end
            local down
            print(via(function(x) return x end, 0))
            local function t0(n) return 1 + down(n - 1) end
            local t = {[0] = t0}
            for k = 1, 16 do local nxt = t[k - 1]; t[k] = function(n) return via(nxt, n) end end
            down = function(n) if n == 0 then return 0 end return via(t[16], n) end
            print(down(%d))
            """;

    private static final String PLAIN = """
            local function down(n) if n == 0 then return 0 end return 1 + down(n - 1) end
            print(down(%d))
            """;

    @Test
    void tailCallChainsAtEveryLevelRunInTheStackTheLevelsNeed() throws InterruptedException {
        String control = runOnSmallStack(PLAIN.formatted(LEVELS * 17));
        assertTrue(control.contains("stack overflow"), "the control must run out of a 2 MB stack: " + control);
        assertEquals(LEVELS + "\n", runOnSmallStack(PLAIN.formatted(LEVELS)));
        assertEquals(LEVELS + "\n", runOnSmallStack(CHAINS.formatted(LEVELS)));
        assertEquals("0\n" + LEVELS + "\n", runOnSmallStack(CHAINS_THROUGH_ONE_SITE.formatted(LEVELS)));
    }

    /** Runs {@code code} in a fresh context on a thread with a {@link #STACK} stack; its output or its error. */
    private static String runOnSmallStack(String code) throws InterruptedException {
        AtomicReference<String> result = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Context context = Context.newBuilder("moat").out(out).err(out).allowExperimentalOptions(true)
                    .option("engine.Compilation", "false").option("engine.WarnInterpreterOnly", "false")
                    .option("moat.MaxDepth", "1000000").build()) {
                context.eval(Source.create("moat", code));
                result.set(out.toString(StandardCharsets.UTF_8));
            } catch (PolyglotException e) {
                result.set("error: " + e.getMessage());
            }
        }, "small-stack", STACK);
        thread.start();
        thread.join();
        return result.get();
    }
}

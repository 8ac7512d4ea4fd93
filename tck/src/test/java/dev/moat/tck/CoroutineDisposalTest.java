package dev.moat.tck;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Closing a context on the virtual-thread backend: disposal must end and join every coroutine thread,
 * or Truffle refuses the close ("The language did not complete all polyglot threads"). The counts cross
 * the point where the record of coroutine threads prunes itself; the thread recorded at that moment was
 * once dropped from the record (it had not started, so it was not alive), which made CI fail now and
 * then in coroutines/c_stack_overflow and fails the first test here within a few rounds.
 */
class CoroutineDisposalTest {
    private static final String LEAVE_SUSPENDED = """
            local parked = {}
            local function deep(d, n)
              if d == 0 then return coroutine.yield(n) end
              return 1 + deep(d - 1, n)
            end
            local function park(n)
              if n > 0 then
                local inner = coroutine.wrap(park)
                inner(n - 1)
              end
              deep(100, n)
            end
            for i = 1, 300 do
              local co = coroutine.create(park)
              coroutine.resume(co, i % 3)
              if i % 3 == 0 then coroutine.resume(co) end
              parked[#parked + 1] = co
            end
            local suspended = 0
            for _, co in ipairs(parked) do
              if coroutine.status(co) == "suspended" then suspended = suspended + 1 end
            end
            return suspended
            """;

    /**
     * Coroutines that finish at once, the last of them the one recorded when the record prunes: its
     * thread is still leaving the context when the script returns and the context closes.
     */
    @Test
    void aCoroutineThatJustFinishedHasEndedBeforeTheContextCloses() {
        runAndClose(200, "local n = 0 for i = 1, 64 do coroutine.wrap(function() n = n + 1 end)() end return n", 64);
    }

    /** Hundreds of coroutines left suspended at depth, nested ones inside: all killed and joined. */
    @Test
    void everySuspendedCoroutineThreadEndsBeforeTheContextCloses() {
        runAndClose(10, LEAVE_SUSPENDED, 200);
    }

    /** Runs {@code script} in {@code rounds} fresh contexts on the thread backend, each closed without an error. */
    private static void runAndClose(int rounds, String script, int expected) {
        for (int round = 0; round < rounds; round++) {
            Context context = Context.newBuilder("moat").out(new ByteArrayOutputStream()).allowAllAccess(false)
                    .allowCreateThread(true).allowExperimentalOptions(true).option("moat.CoroutineBackend", "thread").build();
            try {
                assertEquals(expected, context.eval("moat", script).asInt());
            } finally {
                assertDoesNotThrow(() -> context.close(), "round " + round);
            }
        }
    }
}

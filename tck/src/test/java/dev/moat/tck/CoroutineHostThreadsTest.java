package dev.moat.tck;

import org.graalvm.polyglot.Context;
import dev.moat.interpreter.api.Limits;
import dev.moat.interpreter.api.MoatEngine;
import dev.moat.interpreter.api.Session;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A persistent context may be entered by different host threads one after another. With virtual
 * threads a suspended coroutine continues from any of them (nested coroutines, errors, close with
 * pending to-be-closed variables). A continuation's frames belong to the thread they ran on, so there
 * such a resume is a Lua error, never frames running against another thread's state; the embedding
 * API's Session runs all its evals on one thread, so its coroutines always continue.
 */
class CoroutineHostThreadsTest {
    private static final String SETUP = """
            local function down(n) if n == 0 then return coroutine.yield("deep") end return 1 + down(n - 1) end
            gen = coroutine.wrap(function()
              local inner = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i * 10) end end)
              coroutine.yield(inner())
              coroutine.yield(down(50))
              local t <close> = setmetatable({}, {__close = function() closed = true end})
              coroutine.yield(inner() + inner())
              error("done", 0)
            end)
            pending = coroutine.create(function()
              local t <close> = setmetatable({}, {__close = function() pendingClosed = true end})
              coroutine.yield(1)
            end)
            coroutine.resume(pending)
            return gen()
            """;

    @Test
    void continuationsRefuseToContinueOnAnotherHostThread() throws Exception {
        ExecutorService first = Executors.newSingleThreadExecutor();
        ExecutorService second = Executors.newSingleThreadExecutor();
        try (Context context = Context.newBuilder("moat").out(new ByteArrayOutputStream()).allowAllAccess(false)
                .allowExperimentalOptions(true).option("moat.CoroutineBackend", "continuation").build()) {
            assertEquals(10, first.submit(() -> context.eval("moat", SETUP).asInt()).get());
            String refused = "false\tcannot continue a coroutine suspended while another host thread ran the script";
            assertEquals(refused + " suspended", second.submit(() -> context.eval("moat",
                    "local ok, err = pcall(gen) return tostring(ok) .. '\\t' .. err .. ' ' .. coroutine.status(pending)").asString()).get());
            assertEquals(refused, second.submit(() -> context.eval("moat",
                    "local ok, err = pcall(coroutine.close, pending) return tostring(ok) .. '\\t' .. err").asString()).get());
            assertEquals("deep", first.submit(() -> context.eval("moat", "return gen()").asString()).get(),
                    "the thread the coroutine ran on continues it");
        } finally {
            first.shutdownNow();
            second.shutdownNow();
        }
    }

    @Test
    void sessionCoroutinesContinueAcrossEvals() {
        try (MoatEngine engine = MoatEngine.builder().limits(Limits.defaults().withTimeout(Duration.ofSeconds(60))).build();
             Session session = engine.newSession()) {
            session.eval(SETUP.replace("return gen()", "first = gen()"));
            List<Object> seen = new ArrayList<>();
            for (String step : List.of("return first", "return gen()", "return gen(0)", "return gen()")) {
                seen.addAll(session.eval(step).values());
            }
            seen.addAll(session.eval("local ok, err = pcall(gen) return ok, err, closed").values());
            seen.addAll(session.eval("return coroutine.close(pending), pendingClosed").values());
            assertEquals(List.of(10L, "deep", 50L, 50L, false, "done", true, true, true), seen);
        }
    }

    @Test
    void virtualThreadCoroutinesContinueOnAnotherHostThread() throws Exception {
        String backend = "thread";
        ExecutorService first = Executors.newSingleThreadExecutor();
        ExecutorService second = Executors.newSingleThreadExecutor();
        try (Context context = Context.newBuilder("moat").out(new ByteArrayOutputStream()).allowAllAccess(false)
                .allowCreateThread(true).allowExperimentalOptions(true).option("moat.CoroutineBackend", backend).build()) {
            Future<Thread> t1 = first.submit(Thread::currentThread);
            Future<Thread> t2 = second.submit(Thread::currentThread);
            assertNotSame(t1.get(), t2.get());
            assertEquals(10, first.submit(() -> context.eval("moat", SETUP).asInt()).get());
            assertEquals("deep", second.submit(() -> context.eval("moat", "return gen()").asString()).get());
            assertEquals(50, first.submit(() -> context.eval("moat", "return gen(0)").asInt()).get());
            assertEquals(50, second.submit(() -> context.eval("moat", "return gen()").asInt()).get());
            assertEquals("false done true", first.submit(() -> context.eval("moat",
                    "local ok, err = pcall(gen) return tostring(ok) .. ' ' .. err .. ' ' .. tostring(closed)").asString()).get());
            assertEquals("true true dead", second.submit(() -> context.eval("moat",
                    "local ok = coroutine.close(pending) return tostring(ok) .. ' ' .. tostring(pendingClosed) .. ' ' .. coroutine.status(pending)")
                    .asString()).get());
        } finally {
            first.shutdownNow();
            second.shutdownNow();
        }
    }

    /** A backend name that is not one fails where the option is set, with the names it could have been. */
    @Test
    void anUnknownBackendIsRefusedWhenTheContextIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Context.newBuilder("moat").allowExperimentalOptions(true).option("moat.CoroutineBackend", "threads").build());
        assertTrue(e.getMessage().contains("must be auto, continuation or thread, not 'threads'"), e.getMessage());
    }
}

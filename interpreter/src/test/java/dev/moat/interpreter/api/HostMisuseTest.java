package dev.moat.interpreter.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the embedding API does when its host misbehaves (SECURITY.md A6, M3, M5, M8, N2, P3, P8, R2): host
 * functions that return what cannot be copied or throw Java errors, a session re-entered from its own host
 * function, huge inputs, interrupts, and sessions or engines closed while code runs. Only MoatException
 * reaches the host, no call waits for itself, and no guest code outlives its run.
 */
class HostMisuseTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    static class Pojo {
        public int x = 1;
    }

    @Test
    void resultsThatCannotBeCopiedAreRefusedWithoutTheHostsClassNames() {
        try (MoatEngine engine = MoatEngine.builder()
                .hostFunction("date", 0, a -> new Date())
                .hostFunction("pojo", 0, a -> new Pojo())
                .hostFunction("lambda", 0, a -> (Runnable) () -> { })
                .build()) {
            for (String fn : List.of("date", "pojo", "lambda")) {
                Result r = engine.compile(fn + ".moat", "return pcall(" + fn + ")").run();
                assertEquals(List.of(false, "host function '" + fn + "': returned a value of a type Moat does not copy"),
                        r.values());
            }
        }
    }

    @Test
    void aJavaErrorInAHostFunctionEndsTheRunUncaught() {
        AtomicLong after = new AtomicLong();
        try (MoatEngine engine = MoatEngine.builder()
                .hostFunction("oom", 0, a -> {
                    throw new OutOfMemoryError("Java heap space");
                })
                .hostFunction("npe", 0, a -> {
                    throw new NullPointerException();
                })
                .hostFunction("after", 0, a -> after.incrementAndGet())
                .build()) {
            MoatException e = assertThrows(MoatException.class, () -> engine.compile("oom.moat", """
                    local ok = pcall(oom)
                    after()
                    local co = coroutine.wrap(function() oom() end)
                    pcall(co)
                    after()
                    """).run());
            assertEquals(MoatException.Kind.HOST_FUNCTION, e.kind());
            assertEquals("host function 'oom' failed with a Java error (OutOfMemoryError); the run is stopped", e.getMessage());
            assertEquals(0, after.get(), "no script code runs after the host's error");
            // an exception (not an Error) stays a catchable Lua error
            assertEquals(List.of(false, "host function 'npe': failed", 1L),
                    engine.compile("npe.moat", "local ok, m = pcall(npe) return ok, m, after()").run().values());
        }
    }

    @Test
    void aHostFunctionCannotWaitForTheSessionThatCalledIt() {
        Session[] session = new Session[1];
        try (MoatEngine engine = MoatEngine.builder()
                .hostFunction("reenter", 0, a -> session[0].eval("return 5").value())
                .build()) {
            session[0] = engine.newSession();
            Result r = assertTimeoutPreemptively(PATIENCE, () -> session[0].eval("return pcall(reenter)"));
            assertEquals(List.of(false, "host function 'reenter': the session is busy: a host function cannot "
                    + "evaluate code in the session that called it"), r.values());
            assertEquals(7L, session[0].eval("return 7").value(), "the session goes on");
        }
    }

    /** A host function of A evaluates in B, whose host function evaluates in A: refused, not a deadlock. */
    @Test
    void sessionsCannotWaitForEachOtherThroughHostFunctions() {
        Session[] sessions = new Session[2];
        try (MoatEngine engine = MoatEngine.builder()
                .hostFunction("inOther", 1, a -> sessions[1].eval("return pcall(inFirst, ...)".replace("...", String.valueOf(a.get(0)))).values().toString())
                .hostFunction("inFirst", 1, a -> sessions[0].eval("return " + a.get(0)).value())
                .build()) {
            sessions[0] = engine.newSession();
            sessions[1] = engine.newSession();
            Result r = assertTimeoutPreemptively(PATIENCE, () -> sessions[0].eval("return inOther(6)"));
            assertEquals(List.of("[false, host function 'inFirst': the session is busy: it waits, through host functions, "
                    + "for the session that calls it]"), r.values());
            assertEquals(6L, sessions[1].eval("return inFirst(6)").value(), "B may still evaluate in A when A waits for nothing");
            assertEquals(7L, sessions[0].eval("return 7").value(), "both sessions go on");
        }
    }

    @Test
    void hostStringsAreChargedToTheMemoryBudget() {
        String big = "y".repeat(40 << 20);
        try (MoatEngine engine = MoatEngine.builder()
                .limits(Limits.defaults().withMemory(32 << 20))
                .hostFunction("big", 0, a -> big)
                .build()) {
            MoatException input = assertThrows(MoatException.class,
                    () -> engine.compile("in.moat", "return #x").run(Map.of("x", big)));
            assertEquals(MoatException.Kind.MEMORY_BUDGET, input.kind());
            MoatException result = assertThrows(MoatException.class,
                    () -> engine.compile("out.moat", "return pcall(big)").run());
            assertEquals(MoatException.Kind.MEMORY_BUDGET, result.kind());
            Result small = engine.compile("small.moat", "return #x").run(Map.of("x", "é".repeat(1 << 20)));
            assertEquals(2L << 20, small.value());
            assertTrue(small.bytesAllocated() >= 2L << 20, "charged " + small.bytesAllocated());
        }
    }

    @Test
    void anInterruptedHostThreadStopsItsRunAndItsEval() throws Exception {
        AtomicLong ticks = new AtomicLong();
        try (MoatEngine engine = MoatEngine.builder()
                .limits(Limits.unlimited())
                .hostFunction("tick", 0, a -> ticks.incrementAndGet())
                .build()) {
            Script loop = engine.compile("loop.moat", "while true do pcall(tick) end");
            assertStopsWhenInterrupted(loop::run, ticks);
            try (Session session = engine.newSession()) {
                // the loop spends most of its time in the host function, where the interrupt then arrives: it is
                // still an interrupt (CANCELLED), not the host function's failure (which a pcall could catch)
                assertStopsWhenInterrupted(() -> session.eval("while true do tick() end"), ticks);
                MoatException next = assertThrows(MoatException.class, () -> session.eval("return 1"));
                assertEquals("the session is no longer usable: an earlier eval was stopped part-way (CANCELLED)",
                        next.getMessage());
            }
        }
    }

    private static void assertStopsWhenInterrupted(Runnable run, AtomicLong ticks) throws Exception {
        ExecutorService host = Executors.newSingleThreadExecutor();
        try {
            long before = ticks.get();
            Future<MoatException> outcome = host.submit(() -> assertThrows(MoatException.class, run::run));
            while (ticks.get() < before + 1000) {
                Thread.sleep(10);
            }
            host.shutdownNow(); // interrupts the waiting host thread
            MoatException e = outcome.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(MoatException.Kind.CANCELLED, e.kind());
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            long seen;
            do { // the guest stops soon after (the cancel runs on the timer thread)
                seen = ticks.get();
                Thread.sleep(200);
            } while (ticks.get() != seen && System.nanoTime() < deadline);
            assertEquals(seen, ticks.get(), "the guest code went on after its host gave up");
        } finally {
            host.shutdownNow();
        }
    }

    @Test
    void closingWhileCodeRunsCancelsItAndLaterCallsAreRefused() throws Exception {
        ExecutorService host = Executors.newFixedThreadPool(2);
        java.util.Set<Thread> earlier = moatThreads();
        try {
            MoatEngine engine = MoatEngine.builder().limits(Limits.unlimited()).build();
            Script loop = engine.compile("loop.moat", "while true do end");
            Session closedSession = engine.newSession();
            Future<MoatException> inSession = host.submit(() -> assertThrows(MoatException.class,
                    () -> closedSession.eval("while true do end")));
            Thread.sleep(300);
            closedSession.close();
            assertEquals(MoatException.Kind.CANCELLED, inSession.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).kind());
            MoatException afterClose = assertThrows(MoatException.class, () -> closedSession.eval("return 1"));
            assertEquals("the session is closed", afterClose.getMessage());

            Session openSession = engine.newSession();
            Future<MoatException> run = host.submit(() -> assertThrows(MoatException.class, loop::run));
            Future<MoatException> eval = host.submit(() -> assertThrows(MoatException.class,
                    () -> openSession.eval("while true do end")));
            Thread.sleep(300);
            engine.close();
            assertEquals(MoatException.Kind.CANCELLED, run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).kind());
            assertEquals(MoatException.Kind.CANCELLED, eval.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).kind());
            for (Runnable refused : List.<Runnable>of(loop::run, () -> engine.compile("x.moat", "return 1"),
                    engine::newSession, () -> openSession.eval("return 1"))) {
                MoatException e = assertThrows(MoatException.class, refused::run);
                assertEquals(MoatException.Kind.CANCELLED, e.kind(), e.getMessage());
            }
            assertNoNewThreadsLeft(earlier);
        } finally {
            host.shutdownNow();
        }
    }

    /** The runner threads alive now (other engines' ones too: a test class may keep its engine open). */
    private static java.util.Set<Thread> moatThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().equals("moat-session") || t.getName().equals("moat-runner")))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static void assertNoNewThreadsLeft(java.util.Set<Thread> earlier) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        java.util.Set<Thread> left;
        do {
            left = moatThreads();
            left.removeAll(earlier);
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertFalse(true, "runner threads left after close: " + left);
    }
}

package dev.moat.tck;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 100,000 coroutines suspended at once, in the test JVM's default heap: they all finish when resumed
 * again, no platform thread is created per coroutine, and closing a context with all of them still
 * suspended releases them (threads end, memory is reclaimed). The virtual-thread fallback is checked
 * the same way with 10,000: Truffle registers each new thread by scanning all threads of the context,
 * so creating n live threads costs O(n^2) there (100,000 took over ten minutes).
 * Virtual threads are not counted by ThreadMXBean, so they are counted from JFR's start/end events.
 */
class CoroutineScaleTest extends SharedEngineTest {
    private static final int N = 100_000;
    private static final int N_THREADS = 10_000;
    /** Generous: on a quiet 2-core machine each phase takes seconds; this only catches pathologies. */
    private static final long PHASE_LIMIT_NANOS = 240_000_000_000L;

    private static final String SUSPEND_ALL = """
            local n = ...
            held = {}
            for i = 1, n do
              local co = coroutine.create(function(a)
                local b = coroutine.yield(a + 1)
                return a * b
              end)
              local ok, v = coroutine.resume(co, i)
              assert(ok and v == i + 1)
              held[i] = co
            end
            local suspended = 0
            for i = 1, n do
              if coroutine.status(held[i]) == "suspended" then suspended = suspended + 1 end
            end
            return suspended
            """;

    private static final String RESUME_ALL = """
            local sum, dead = 0, 0
            for i = 1, #held do
              local ok, v = coroutine.resume(held[i], 2)
              assert(ok)
              sum = sum + v
              if coroutine.status(held[i]) == "dead" then dead = dead + 1 end
            end
            return sum .. "/" .. dead
            """;

    private static int count(String backend) {
        return backend.equals("thread") ? N_THREADS : N;
    }

    /** Creates n coroutines, each suspended after its first resume, held in the global 'held'. */
    private static int suspendAll(Context context, int n) {
        return context.parse(org.graalvm.polyglot.Source.create("moat", SUSPEND_ALL)).execute(n).asInt();
    }

    private static Context newContext(String backend) {
        return Context.newBuilder("moat").engine(engine).out(new ByteArrayOutputStream()).allowAllAccess(false)
                .allowCreateThread(true).allowExperimentalOptions(true).option("moat.CoroutineBackend", backend).build();
    }

    private static int platformThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Counts virtual threads started and ended while {@code work} ran. */
    private record VirtualThreads(long started, long ended) {
    }

    private static VirtualThreads countVirtualThreads(Runnable work) throws IOException {
        Path file = Files.createTempFile("moat-vthreads", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadStart");
            recording.enable("jdk.VirtualThreadEnd");
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
        }
        long started = 0;
        long ended = 0;
        try (RecordingFile events = new RecordingFile(file)) {
            while (events.hasMoreEvents()) {
                RecordedEvent e = events.readEvent();
                if (e.getEventType().getName().equals("jdk.VirtualThreadStart")) {
                    started++;
                } else if (e.getEventType().getName().equals("jdk.VirtualThreadEnd")) {
                    ended++;
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return new VirtualThreads(started, ended);
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "thread"})
    void manySuspendedCoroutinesAllFinish(String backend) throws IOException {
        int n = count(backend);
        int threadsBefore = platformThreads();
        int[] threadsWhileSuspended = new int[1];
        VirtualThreads vts = countVirtualThreads(() -> {
            try (Context context = newContext(backend)) {
                long t0 = System.nanoTime();
                assertEquals(n, suspendAll(context, n));
                long t1 = System.nanoTime();
                threadsWhileSuspended[0] = platformThreads();
                assertEquals((long) n * (n + 1) + "/" + n, context.eval("moat", RESUME_ALL).asString());
                long t2 = System.nanoTime();
                System.out.printf("CoroutineScaleTest[%s]: %d created and suspended in %.1f s, resumed to the end in %.1f s%n",
                        backend, n, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
                assertTrue(t1 - t0 < PHASE_LIMIT_NANOS && t2 - t1 < PHASE_LIMIT_NANOS, "too slow");
            }
        });
        assertTrue(threadsWhileSuspended[0] <= threadsBefore + 16,
                "platform threads grew with coroutines: " + threadsBefore + " -> " + threadsWhileSuspended[0]);
        if (backend.equals("continuation")) {
            assertEquals(0, vts.started(), "continuations start no threads");
        } else {
            assertEquals(n, vts.started(), "one virtual thread per started coroutine");
            assertEquals(n, vts.ended(), "every coroutine thread ends with its coroutine");
        }
    }

    /**
     * The heap is judged by class, not by its total: a class with at least one new live instance per coroutine
     * while they are suspended is one the coroutines are made of, and after the close those classes must give
     * back nine tenths of what they held. The total moved for reasons of its own (the first JFR recording in
     * the JVM, the Graal compiler's caches filled by compilations that finished in between; 3 MB and 6.6 MB
     * left against a 3.2-4.2 MB bound), none of which grows with the number of coroutines.
     */
    @ParameterizedTest
    @ValueSource(strings = {"continuation", "thread"})
    void closingTheContextReleasesSuspendedCoroutines(String backend) throws IOException {
        int n = count(backend);
        // One unmeasured round first, recorded like the measured one: the shared engine's caches, the compiled
        // code and JFR's own state (its first recording in this JVM leaves ≈ 2 MB) are then in place.
        countVirtualThreads(() -> {
            try (Context warmUp = newContext(backend)) {
                assertEquals(n, suspendAll(warmUp, n));
            }
        });
        int threadsBefore = platformThreads();
        Map<String, HostResources.ClassUse> before = HostResources.baselineHistogram();
        Map<String, HostResources.ClassUse> held = new TreeMap<>();
        VirtualThreads vts = countVirtualThreads(() -> {
            Context context = newContext(backend);
            assertEquals(n, suspendAll(context, n));
            HostResources.growth(before, HostResources.liveHistogram()).forEach((name, grown) -> {
                if (grown.instances() >= n) {
                    held.put(name, grown);
                }
            });
            long t0 = System.nanoTime();
            context.close();
            System.out.printf("CoroutineScaleTest[%s]: context with %d suspended coroutines closed in %.1f s%n",
                    backend, n, (System.nanoTime() - t0) / 1e9);
        });
        Map<String, HostResources.ClassUse> left = HostResources.growth(before, HostResources.liveHistogram());
        HostResources.ClassUse none = new HostResources.ClassUse(0, 0);
        long heldBytes = held.values().stream().mapToLong(HostResources.ClassUse::bytes).sum();
        long leftBytes = held.keySet().stream().mapToLong(c -> left.getOrDefault(c, none).bytes()).sum();
        String byClass = held.entrySet().stream().sorted(Comparator.comparingLong(e -> -e.getValue().bytes()))
                .map(e -> String.format("%s %+d/%+d", e.getKey(), e.getValue().bytes(), left.getOrDefault(e.getKey(), none).bytes()))
                .collect(Collectors.joining(", "));
        System.out.printf("CoroutineScaleTest[%s]: %d suspended coroutines held %d bytes (%d each) in %d classes, %d left after close"
                + " (bytes held/left by class: %s)%n", backend, n, heldBytes, heldBytes / n, held.size(), leftBytes, byClass);
        assertTrue(heldBytes > (long) n * 200, "the suspended coroutines must be alive before the close: " + byClass);
        assertTrue(leftBytes < heldBytes / 10, "heap not released (bytes held/left by class): " + byClass);
        assertTrue(platformThreads() <= threadsBefore + 16, "platform threads leaked: " + threadsBefore + " -> " + platformThreads());
        assertEquals(vts.started(), vts.ended(), "virtual threads left running after close");
        if (backend.equals("thread")) {
            assertEquals(n, vts.started());
        }
    }
}

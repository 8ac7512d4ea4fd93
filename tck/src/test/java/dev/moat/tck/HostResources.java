package dev.moat.tck;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host-side measurements for SECURITY.md P4 ("heap and thread count return to baseline"), made robust
 * against a JVM that collects lazily and starts helper threads on demand: the heap is read after
 * repeated full collections until it stops moving, and thread counts are awaited rather than sampled.
 */
final class HostResources {
    /**
     * Heap a corpus run may leave behind: both engines keep the parsed and compiled code of every corpus
     * source (measured: about 97 MiB for 252 cases). One leaked context per case would exceed it many times;
     * the sharper check is {@link #REPEAT_TOLERANCE} over repeated aborted runs.
     */
    static final long HEAP_TOLERANCE = 192L << 20;
    /** Growth allowed over a second round of aborted runs; one leaked context per run would exceed it many times. */
    static final long REPEAT_TOLERANCE = 24L << 20;
    /** Platform threads the JVM may add on its own (compiler, virtual-thread carriers, reference handling). */
    static final int THREAD_SLACK = 6;

    private HostResources() {
    }

    /** Live platform threads (virtual threads are not counted by getAllStackTraces, which is what we want here). */
    static int platformThreads() {
        return Thread.getAllStackTraces().size();
    }

    /**
     * The lowest used heap over at least 5 full collections 200 ms apart (at most 15), stopping once three
     * readings in a row agree within 1 MiB: transient allocation elsewhere in the JVM (a background
     * compilation) is waited out rather than counted.
     */
    static long settledHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        long previous = -1;
        int agreeing = 0;
        for (int i = 0; i < 15; i++) {
            System.gc();
            Thread.sleep(200);
            long used = memory.getHeapMemoryUsage().getUsed();
            best = Math.min(best, used);
            agreeing = Math.abs(used - previous) < (1L << 20) ? agreeing + 1 : 0;
            previous = used;
            if (i >= 4 && agreeing >= 2) {
                break;
            }
        }
        return best;
    }

    /** Waits up to 15 s (idle pool threads time out) for the platform thread count to drop to {@code max}. */
    static void awaitThreadsAtMost(int max) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        int now = platformThreads();
        while (now > max && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = platformThreads();
        }
        int seen = now;
        assertTrue(seen <= max, () -> "platform threads leaked: " + seen + " > " + max + " " + Thread.getAllStackTraces().keySet());
    }

    static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}

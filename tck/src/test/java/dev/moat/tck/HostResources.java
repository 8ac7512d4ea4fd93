package dev.moat.tck;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryMXBean;
import java.util.HashMap;
import java.util.Map;

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

    /** Live instances and bytes of one class, from a class histogram. */
    record ClassUse(long instances, long bytes) {
    }

    /**
     * The live heap by class, as {@code jcmd GC.class_histogram} prints it (the command runs a full collection
     * first, so only reachable objects count). Keyed by class name with its module, e.g.
     * {@code "java.lang.VirtualThread (java.base@25)"}.
     */
    static Map<String, ClassUse> liveHistogram() {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (Exception e) {
            throw new IllegalStateException("class histogram unavailable", e);
        }
        Map<String, ClassUse> byClass = new HashMap<>();
        for (String line : text.split("\n")) {
            // "   1:        123456       7890123  java.lang.String (java.base@25)"
            String[] cols = line.trim().split("\\s+", 4);
            if (cols.length == 4 && cols[0].endsWith(":")) {
                byClass.put(cols[3], new ClassUse(Long.parseLong(cols[1]), Long.parseLong(cols[2])));
            }
        }
        return byClass;
    }

    /**
     * A histogram to compare later ones with, taken while another of the same size is alive: a histogram is
     * live heap itself (thousands of map entries and class names), and the later readings are taken with the
     * baseline alive, so this one is taken with its stand-in alive to compare like with like.
     */
    static Map<String, ClassUse> baselineHistogram() {
        Map<String, ClassUse> standIn = liveHistogram();
        Map<String, ClassUse> baseline = liveHistogram();
        Reference.reachabilityFence(standIn);
        return baseline;
    }

    /** What each class gained from {@code before} to {@code after} (negative when it lost), over the classes of {@code after}. */
    static Map<String, ClassUse> growth(Map<String, ClassUse> before, Map<String, ClassUse> after) {
        Map<String, ClassUse> grown = new HashMap<>();
        after.forEach((name, use) -> {
            ClassUse was = before.getOrDefault(name, new ClassUse(0, 0));
            grown.put(name, new ClassUse(use.instances() - was.instances(), use.bytes() - was.bytes()));
        });
        return grown;
    }

    static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}

package dev.moat.language.coroutine;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The coroutine threads of one context that may still be alive. Truffle requires every thread a
 * language created to have terminated before its context closes, even a thread whose body returned,
 * so disposal joins every thread recorded here. Threads are recorded before they start; pruning drops
 * only terminated ones (a thread not yet started is not alive either, yet must be kept), whenever the
 * set has doubled, so a long run does not keep every thread it ever started.
 */
final class CoroutineThreads {
    private static final int MIN_PRUNE_AT = 64;

    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    /** Only the thread running guest code records threads, so this needs no synchronisation. */
    private int pruneAt = MIN_PRUNE_AT;

    void record(Thread t) {
        threads.add(t);
        if (threads.size() >= pruneAt) {
            threads.removeIf(x -> x.getState() == Thread.State.TERMINATED);
            pruneAt = Math.max(MIN_PRUNE_AT, threads.size() * 2);
        }
    }

    /** How many threads are recorded (terminated ones not yet pruned included). */
    int size() {
        return threads.size();
    }

    /**
     * Waits for every recorded thread to end, up to {@code millisEach} for each; false if this thread
     * was interrupted (its interrupt flag is set again).
     */
    boolean joinAll(long millisEach) {
        for (Thread t : new ArrayList<>(threads)) {
            try {
                t.join(millisEach);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}

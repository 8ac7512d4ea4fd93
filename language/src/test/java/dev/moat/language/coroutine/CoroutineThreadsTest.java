package dev.moat.language.coroutine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record of coroutine threads that disposal joins: a thread is recorded before it starts, so
 * pruning must keep threads not yet started (they are not alive either) and drop only terminated ones.
 * A thread lost here is a thread still running when Truffle checks that the context's threads are done.
 */
class CoroutineThreadsTest {

    @Test
    void threadsNotYetStartedSurvivePruning() {
        CoroutineThreads threads = new CoroutineThreads();
        for (int i = 0; i < 200; i++) {
            threads.record(Thread.ofVirtual().unstarted(() -> { }));
        }
        assertEquals(200, threads.size());
    }

    @Test
    void pruningDropsTerminatedThreadsOnly() throws InterruptedException {
        CoroutineThreads threads = new CoroutineThreads();
        for (int i = 0; i < 63; i++) {
            Thread done = Thread.ofVirtual().start(() -> { });
            done.join();
            threads.record(done);
        }
        CountDownLatch release = new CountDownLatch(1);
        Thread running = Thread.ofVirtual().start(() -> awaitQuietly(release));
        threads.record(running); // the 64th: pruning runs now
        assertEquals(1, threads.size());
        release.countDown();
        running.join();
    }

    @Test
    void joinAllWaitsForEveryRecordedThread() {
        CoroutineThreads threads = new CoroutineThreads();
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Thread t = Thread.ofVirtual().unstarted(() -> awaitQuietly(release));
            threads.record(t);
            t.start();
            started.add(t);
        }
        Thread.ofVirtual().start(release::countDown);
        assertTrue(threads.joinAll(10_000));
        for (Thread t : started) {
            assertEquals(Thread.State.TERMINATED, t.getState());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

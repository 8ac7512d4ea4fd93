package dev.moat.interpreter.cli;

import org.graalvm.polyglot.Context;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * --timeout: a daemon thread that cancels the context when the wall-clock limit passes. Cancellation
 * stops guest code at its next safepoint (loops, calls and long builtins poll), so the script cannot
 * delay or catch it.
 */
final class RunTimer {
    private final Thread thread;
    private final AtomicBoolean fired = new AtomicBoolean();
    private volatile boolean done;

    private RunTimer(Context context, long millis) {
        thread = new Thread(() -> {
            long deadline = System.nanoTime() + millis * 1_000_000L;
            try {
                long left;
                while (!done && (left = deadline - System.nanoTime()) > 0) {
                    Thread.sleep(Math.max(1, left / 1_000_000L));
                }
            } catch (InterruptedException e) {
                return;
            }
            if (!done) {
                fired.set(true);
                context.close(true);
            }
        }, "moat-timeout");
        thread.setDaemon(true);
    }

    static RunTimer start(Context context, long millis) {
        RunTimer t = new RunTimer(context, millis);
        t.thread.start();
        return t;
    }

    boolean fired() {
        return fired.get();
    }

    void cancel() {
        done = true;
        thread.interrupt();
    }
}

package dev.moat.language.coroutine;

import com.oracle.truffle.api.nodes.Node;

/**
 * Each coroutine is a JDK continuation mounted on the resumer's own thread: resume runs it until its
 * next yield, yield unmounts its frames (into a heap stack chunk) and returns to the resumer. No thread
 * is created, so a suspended coroutine costs only its saved frames, deep recursion inside a coroutine
 * has the runner thread's large stack, and a disposed context leaves nothing to join: suspended
 * coroutines are plain garbage, and none of their guest code runs again.
 */
final class ContinuationBackend extends CoroutineBackend {
    /** The handle: the continuation and the thread its frames run on (the one that started it). */
    private static final class Mounted {
        final Object continuation;
        final Thread thread;

        Mounted(Object continuation, Thread thread) {
            this.continuation = continuation;
            this.thread = thread;
        }
    }

    @Override
    void start(MoatCoroutine co, Runnable body, Node site) {
        Object continuation = JdkContinuations.create(body);
        co.handle = new Mounted(continuation, Thread.currentThread());
        ContinuationCall.run(continuation, site);
    }

    @Override
    void resume(MoatCoroutine co, Node site) {
        ContinuationCall.run(((Mounted) co.handle).continuation, site);
    }

    /**
     * Truffle's call paths keep per-thread objects in frames (the encapsulating-node reference), so
     * suspended frames must continue on the thread they ran on. A context entered by different host
     * threads in turn (a raw polyglot context; the embedding API's Session keeps one thread) gets a Lua
     * error instead of frames that would write into another thread's state.
     */
    @Override
    boolean canResumeHere(MoatCoroutine co) {
        return ((Mounted) co.handle).thread == Thread.currentThread();
    }

    @Override
    boolean suspend(MoatCoroutine co, Node site) {
        try {
            return JdkContinuations.yield();
        } catch (IllegalStateException pinned) {
            return false;
        }
    }

    @Override
    void disposeAll() {
        // Nothing runs and nothing waits: the continuations become unreachable with the context.
    }

    @Override
    boolean supportsGeneratorSteps() {
        return true;
    }

    @Override
    String name() {
        return "continuation";
    }
}

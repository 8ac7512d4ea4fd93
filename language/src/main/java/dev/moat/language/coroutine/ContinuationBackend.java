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
    @Override
    void start(MoatCoroutine co, Runnable body, Node site) {
        Object continuation = JdkContinuations.create(body);
        co.handle = continuation;
        JdkContinuations.run(continuation);
    }

    @Override
    void resume(MoatCoroutine co, Node site) {
        JdkContinuations.run(co.handle);
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
    String name() {
        return "continuation";
    }
}

package dev.moat.language.coroutine;

import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatOptions;

/**
 * How a coroutine gets a stack of its own and how control passes to it and back. {@link Coroutines}
 * keeps the Lua semantics (status, values, errors, depth); a backend only switches stacks, with a
 * strict handoff: exactly one of resumer and coroutine runs at any time.
 */
abstract class CoroutineBackend {
    /** First resume: runs {@code body} on a new stack; returns when the coroutine yields or finishes. */
    abstract void start(MoatCoroutine co, Runnable body, Node site);

    /** A later resume (also close's kill): continues {@code co}; returns when it yields or finishes. */
    abstract void resume(MoatCoroutine co, Node site);

    /**
     * Called on {@code co}'s stack: returns control to its resumer and comes back at the next resume.
     * False when the stack cannot be switched away from at this point (nothing was switched).
     */
    abstract boolean suspend(MoatCoroutine co, Node site);

    /** False when {@code co}'s suspended stack cannot be continued on the calling thread. */
    abstract boolean canResumeHere(MoatCoroutine co);

    /** Context disposal: releases every suspended coroutine without running guest code. */
    abstract void disposeAll();

    /** True if a fresh stack per resume is cheap enough for generator steps (see Coroutines.step). */
    boolean supportsGeneratorSteps() {
        return false;
    }

    /** Human-readable name, for diagnostics and tests. */
    abstract String name();

    /**
     * {@code auto} picks continuations when the JVM exports them to Moat, virtual threads otherwise;
     * {@code continuation} and {@code thread} force one (an unavailable forced choice is an error).
     */
    static CoroutineBackend select(String choice, MoatContext context) {
        switch (choice) {
            case "continuation":
                if (!JdkContinuations.AVAILABLE) {
                    throw new IllegalArgumentException("moat.CoroutineBackend=continuation needs the JVM option "
                            + "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED (" + JdkContinuations.UNAVAILABLE_REASON + ")");
                }
                return new ContinuationBackend();
            case "thread":
                return new VirtualThreadBackend(context);
            case "auto":
            case "":
                return JdkContinuations.AVAILABLE ? new ContinuationBackend() : new VirtualThreadBackend(context);
            default: // the option's type refuses other names where the option is set
                throw new IllegalStateException(MoatOptions.checkedCoroutineBackend(choice));
        }
    }
}

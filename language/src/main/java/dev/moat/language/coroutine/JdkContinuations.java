package dev.moat.language.coroutine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The JDK's one-shot delimited continuations ({@code jdk.internal.vm.Continuation}, the machinery under
 * virtual threads), reached through method handles because the package is not exported by default: the
 * JVM must be started with {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} (the CLI and the
 * tests do). Without it {@link #AVAILABLE} is false and coroutines fall back to virtual threads.
 *
 * <p>A continuation runs on the thread that calls {@link #run}, so a resume/yield pair is a stack
 * switch on one thread: no scheduler, no wake-up of another thread, no Truffle thread enter/leave.
 */
final class JdkContinuations {
    private static final Object SCOPE;
    private static final MethodHandle NEW;
    private static final MethodHandle RUN;
    private static final MethodHandle YIELD;
    private static final MethodHandle IS_DONE;
    static final boolean AVAILABLE;
    /** Why continuations are unavailable (for diagnostics); null when they are available. */
    static final String UNAVAILABLE_REASON;

    static {
        Object scope = null;
        MethodHandle create = null;
        MethodHandle run = null;
        MethodHandle yield = null;
        MethodHandle isDone = null;
        String reason = null;
        try {
            Class<?> continuation = Class.forName("jdk.internal.vm.Continuation");
            Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            scope = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class)).invoke("moat-coroutine");
            create = lookup.findConstructor(continuation, MethodType.methodType(void.class, scopeClass, Runnable.class))
                    .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
            run = lookup.findVirtual(continuation, "run", MethodType.methodType(void.class))
                    .asType(MethodType.methodType(void.class, Object.class));
            yield = lookup.findStatic(continuation, "yield", MethodType.methodType(boolean.class, scopeClass))
                    .asType(MethodType.methodType(boolean.class, Object.class));
            isDone = lookup.findVirtual(continuation, "isDone", MethodType.methodType(boolean.class))
                    .asType(MethodType.methodType(boolean.class, Object.class));
        } catch (Throwable t) {
            reason = t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        SCOPE = scope;
        NEW = create;
        RUN = run;
        YIELD = yield;
        IS_DONE = isDone;
        AVAILABLE = reason == null;
        UNAVAILABLE_REASON = reason;
    }

    private JdkContinuations() {
    }

    /** A new, not yet started continuation that will run {@code body}. */
    static Object create(Runnable body) {
        try {
            return (Object) NEW.invokeExact(SCOPE, body);
        } catch (Throwable t) {
            throw sneaky(t);
        }
    }

    /** Runs (or continues) {@code continuation} on this thread until it yields or its body returns. */
    static void run(Object continuation) {
        try {
            RUN.invokeExact(continuation);
        } catch (Throwable t) {
            throw sneaky(t);
        }
    }

    /**
     * Suspends the innermost running continuation, returning to its {@link #run} caller; returns when
     * it is run again. False (or an IllegalStateException) when the stack cannot be unmounted here
     * (pinned by a native frame or a held monitor).
     */
    static boolean yield() {
        try {
            return (boolean) YIELD.invokeExact(SCOPE);
        } catch (Throwable t) {
            throw sneaky(t);
        }
    }

    static boolean isDone(Object continuation) {
        try {
            return (boolean) IS_DONE.invokeExact(continuation);
        } catch (Throwable t) {
            throw sneaky(t);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}

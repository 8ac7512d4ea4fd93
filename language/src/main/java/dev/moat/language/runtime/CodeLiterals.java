package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.strings.TruffleString;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashSet;
import java.util.Set;

/**
 * The string objects that are literals of parsed code, by identity. Code is shared by every context of an
 * engine, so a literal is part of that code rather than something a context made: a builtin node (also
 * shared) may keep one it was called with, as a pattern, on an engine serving many contexts, where a string
 * a context made must not stay in it (SECURITY.md C6). A context cannot make a string that is identical to a
 * literal; it can only pass the literal on.
 *
 * <p>Held weakly here, so the registry keeps no code alive.
 * Registered when the language interns a string constant of code (MoatLanguage#intern, once per distinct
 * string, not per literal node) and asked only when a cache entry is made (the interpreter's slow path),
 * so the lock is not on any hot path.
 */
public final class CodeLiterals {
    private static final Set<Entry> LITERALS = new HashSet<>();
    private static final ReferenceQueue<TruffleString> COLLECTED = new ReferenceQueue<>();

    private CodeLiterals() {
    }

    /** Records {@code s} as a literal of parsed code. */
    @TruffleBoundary
    public static void register(TruffleString s) {
        synchronized (LITERALS) {
            expunge();
            LITERALS.add(new Entry(s, COLLECTED));
        }
    }

    /** True if {@code value} is a string object that parsed code holds as a literal. */
    @TruffleBoundary
    public static boolean isLiteral(Object value) {
        if (!(value instanceof TruffleString s)) {
            return false;
        }
        synchronized (LITERALS) {
            expunge();
            return LITERALS.contains(new Entry(s, null));
        }
    }

    private static void expunge() {
        for (Object gone = COLLECTED.poll(); gone != null; gone = COLLECTED.poll()) {
            LITERALS.remove(gone);
        }
    }

    /** A weak reference compared by its referent's identity (a collected one equals only itself). */
    private static final class Entry extends WeakReference<TruffleString> {
        private final int hash;

        Entry(TruffleString s, ReferenceQueue<TruffleString> queue) {
            super(s, queue);
            hash = System.identityHashCode(s);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Entry other)) {
                return false;
            }
            TruffleString mine = get();
            return mine != null && mine == other.get();
        }
    }
}

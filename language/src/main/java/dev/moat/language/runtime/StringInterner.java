package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.strings.TruffleString;

import java.lang.ref.WeakReference;

/**
 * The string constants of the code an engine has translated, one object per distinct content, held weakly
 * (the table keeps no code alive). Interning makes the keys that come from constants identical objects, so
 * field lookups and {@code ==} succeed on an identity test; strings are immutable, so contexts can share them.
 *
 * <p>It also tells which strings are literals of code ({@link #isLiteral}): the interned object of its
 * content is one, any other string with the same bytes is not. A builtin node, shared by every context of an
 * engine, may keep a literal it was called with (a pattern), but must not keep a string a context made
 * (SECURITY.md C6); a context cannot make a string identical to a literal, only pass the literal on.
 *
 * <p>Why a table of its own rather than a {@code WeakHashMap}: translating a data chunk interns every key and
 * string of it, and the map (a weak key, a weak reference to it as the value, a second weak set of literals,
 * two locks) took a sixth of such a load. Here an entry is one weak reference that knows its hash, and one
 * lock covers both questions.
 */
public final class StringInterner {
    private static final int INITIAL_CAPACITY = 1 << 10;

    /**
     * A weak reference to an interned string, chained in its bucket. Without a reference queue: a collected
     * string's entry is unlinked when a lookup walks past it or a sweep finds it, so the collector only clears
     * the reference (nothing to enqueue), and interning takes no second lock to drain a queue (a third of its
     * time when a program loads chunk after chunk of fresh strings).
     */
    private static final class Entry extends WeakReference<TruffleString> {
        final int hash;
        Entry next;

        Entry(TruffleString s, int hash, Entry next) {
            super(s);
            this.hash = hash;
            this.next = next;
        }
    }

    private Entry[] buckets = new Entry[INITIAL_CAPACITY];
    /** Entries in the table, collected ones included until unlinked. */
    private int size;

    /** The interned string with the content of {@code s}: an earlier one, or {@code s} itself from now on. */
    @TruffleBoundary
    public synchronized TruffleString intern(TruffleString s) {
        int hash = spread(s.hashCode());
        Entry[] table = buckets;
        int index = hash & (table.length - 1);
        Entry previous = null;
        for (Entry e = table[index]; e != null; e = e.next) {
            TruffleString existing = e.get();
            if (existing == null) {
                unlink(table, index, previous, e);
                continue; // previous stays
            }
            if (e.hash == hash && (existing == s || existing.equals(s))) {
                return existing;
            }
            previous = e;
        }
        table[index] = new Entry(s, hash, table[index]);
        if (++size > threshold(table.length)) {
            sweep();
            if (size > threshold(table.length) / 2) {
                grow();
            }
        }
        return s;
    }

    /** True if {@code value} is the interned object of its content, i.e. a literal of translated code. */
    @TruffleBoundary
    public synchronized boolean isLiteral(Object value) {
        if (!(value instanceof TruffleString s)) {
            return false;
        }
        int hash = spread(s.hashCode());
        for (Entry e = buckets[hash & (buckets.length - 1)]; e != null; e = e.next) {
            if (e.hash == hash && e.get() == s) {
                return true;
            }
        }
        return false;
    }

    /** Distinct strings held, after unlinking the collected ones; for tests. */
    public synchronized int size() {
        sweep();
        return size;
    }

    private static int threshold(int capacity) {
        return capacity - (capacity >> 2);
    }

    /** Mixes the high bits of a string's hash into the low ones, which pick the bucket. */
    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private void unlink(Entry[] table, int index, Entry previous, Entry e) {
        if (previous == null) {
            table[index] = e.next;
        } else {
            previous.next = e.next;
        }
        size--;
    }

    /** Unlinks every collected entry: run when the table is full, so at most once per threshold insertions. */
    private void sweep() {
        Entry[] table = buckets;
        for (int index = 0; index < table.length; index++) {
            Entry previous = null;
            for (Entry e = table[index]; e != null; e = e.next) {
                if (e.get() == null) {
                    unlink(table, index, previous, e);
                } else {
                    previous = e;
                }
            }
        }
    }

    private void grow() {
        Entry[] old = buckets;
        Entry[] table = new Entry[old.length * 2];
        for (Entry head : old) {
            for (Entry e = head; e != null;) {
                Entry next = e.next;
                int index = e.hash & (table.length - 1);
                e.next = table[index];
                table[index] = e;
                e = next;
            }
        }
        buckets = table;
    }
}

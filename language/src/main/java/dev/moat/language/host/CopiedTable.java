package dev.moat.language.host;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownKeyException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of a guest table handed to the host: a hash (keys: String, Long, Double,
 * Boolean) and, for tables that are sequences 1..n, also an array view. It holds only plain values and
 * other snapshots, never a live guest object.
 */
@ExportLibrary(InteropLibrary.class)
public final class CopiedTable implements TruffleObject {
    private final Map<Object, Object> entries = new LinkedHashMap<>();

    @TruffleBoundary
    void put(Object key, Object value) {
        entries.put(key, value);
    }

    @TruffleBoundary
    private int sequenceLength() {
        int n = 0;
        while (entries.containsKey((long) (n + 1))) {
            n++;
        }
        return n == entries.size() ? n : -1;
    }

    @ExportMessage
    boolean hasArrayElements() {
        return sequenceLength() > 0;
    }

    @ExportMessage
    long getArraySize() {
        return Math.max(0, sequenceLength());
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && index < getArraySize();
    }

    @ExportMessage
    @TruffleBoundary
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return wrapNull(entries.get(index + 1));
    }

    @ExportMessage
    boolean hasHashEntries() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    long getHashSize() {
        return entries.size();
    }

    @ExportMessage
    @TruffleBoundary
    boolean isHashEntryReadable(Object key) {
        return entries.containsKey(normalize(key));
    }

    @ExportMessage
    @TruffleBoundary
    Object readHashValue(Object key) throws UnknownKeyException {
        Object k = normalize(key);
        if (!entries.containsKey(k)) {
            throw UnknownKeyException.create(key);
        }
        return wrapNull(entries.get(k));
    }

    @ExportMessage
    @TruffleBoundary
    Object getHashEntriesIterator() {
        List<Object> pairs = new ArrayList<>();
        for (Map.Entry<Object, Object> e : entries.entrySet()) {
            pairs.add(new CopiedArray(new Object[]{e.getKey(), wrapNull(e.getValue())}));
        }
        return new CopiedIterator(pairs);
    }

    private static Object normalize(Object key) {
        if (key instanceof Integer i) {
            return (long) i;
        }
        return key;
    }

    static Object wrapNull(Object v) {
        return v == null ? HostNull.INSTANCE : v;
    }
}

package dev.moat.language.host;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.StopIterationException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

import java.util.List;

/** Iterator over the entries of a {@link CopiedTable}. */
@ExportLibrary(InteropLibrary.class)
final class CopiedIterator implements TruffleObject {
    private final List<Object> items;
    private int next;

    CopiedIterator(List<Object> items) {
        this.items = items;
    }

    @ExportMessage
    boolean isIterator() {
        return true;
    }

    @ExportMessage
    boolean hasIteratorNextElement() {
        return next < items.size();
    }

    @ExportMessage
    @TruffleBoundary
    Object getIteratorNextElement() throws StopIterationException {
        if (next >= items.size()) {
            throw StopIterationException.create();
        }
        return items.get(next++);
    }
}

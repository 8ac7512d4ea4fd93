package dev.moat.language.nodes.table;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.object.DynamicObjectLibrary;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.ReliedKeys;
import dev.moat.language.runtime.TableFields;

/**
 * One metamethod event ({@code __add}, {@code __eq}, {@code __index}, ...) looked up in an operand's
 * metatable. One node serves both operands of a binary operator: they usually share a class.
 *
 * <p>While the engine serves one context (the CLI, a single embedded context) the handler of each
 * metatable a site meets is folded to a constant, valid until the metatable's key for this event is
 * written ({@link ReliedKeys}): compiled code then compares the operand's metatable with the one it
 * folded, and the handler is a constant the call can call directly. That is what keeps operator-heavy
 * object code (vector classes with {@code __add} and {@code __mul}) small: an inline cache on the
 * metatable's shape left a load, the library's dispatch and the second operand's lookup in every
 * operator, about 300 Graal nodes that counted against the caller's inlining budget. A site that meets
 * more than {@link #MAX_FOLDED} metatables, a key that keeps changing, or a second context, takes the
 * shape-cached lookup instead. The uncached {@link Metatables#metamethod} hashes and compares the event
 * name on every call.
 */
public final class MetamethodLookupNode extends com.oracle.truffle.api.nodes.Node {
    /** Metatables one site folds; a site that meets more uses the shape-cached lookup. */
    private static final int MAX_FOLDED = 4;
    /** Folds one site makes at most, counting those whose key was written afterwards. */
    private static final int MAX_FOLD_ATTEMPTS = 8;
    private static final FoldedValue[] NONE = new FoldedValue[0];

    private final TruffleString event;
    private final int eventHash;
    /** The folded handlers (null for none), one per metatable met (copied on change, never mutated). */
    @CompilationFinal(dimensions = 1) private FoldedValue[] folded = NONE;
    /** The shape-cached lookup, once this site folds no more; null before. */
    @Child private DynamicObjectLibrary fields;
    private int foldAttempts;

    private MetamethodLookupNode(TruffleString event) {
        this.event = event;
        this.eventHash = MoatTable.keyHash(event);
    }

    /** A lookup of {@code event}, one of the interned names in {@link Metatables}. */
    public static MetamethodLookupNode create(TruffleString event) {
        return new MetamethodLookupNode(event);
    }

    /** The handler {@code value}'s metatable has for this event, or null (no metatable, or no such field). */
    public Object find(MoatContext context, Object value) {
        MoatTable mt = Metatables.of(context, value);
        if (mt == null) {
            return null;
        }
        DynamicObjectLibrary cached = fields;
        if (cached != null) {
            return handlerIn(mt, cached);
        }
        return folded(mt);
    }

    /**
     * Whether a binary event here has looked at its second operand (the first had no handler): until then
     * compiled code leaves that lookup out, and with the first operand's handler folded the whole lookup is
     * a compare of its metatable.
     */
    @CompilationFinal private boolean secondOperandLooked;

    /** Lua's rule for binary events: the first operand's handler, else the second's, else null. */
    public Object findEither(MoatContext context, Object a, Object b) {
        Object handler = find(context, a);
        if (handler != null) {
            return handler;
        }
        if (!secondOperandLooked) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            secondOperandLooked = true;
        }
        return find(context, b);
    }

    /** The folded handler of {@code mt}; a metatable not folded yet (or no longer valid) is folded now. */
    @ExplodeLoop
    private Object folded(MoatTable mt) {
        for (FoldedValue f : folded) {
            if (mt == f.table && f.valid()) {
                return f.value;
            }
        }
        CompilerDirectives.transferToInterpreterAndInvalidate();
        return fold(mt);
    }

    /** Interpreter only: folds {@code mt}'s handler, or switches this site to the shape-cached lookup. */
    private Object fold(MoatTable mt) {
        java.util.List<FoldedValue> kept = new java.util.ArrayList<>(folded.length + 1);
        for (FoldedValue f : folded) {
            if (f.valid() && f.table != mt) {
                kept.add(f);
            }
        }
        Assumption singleContext = MoatLanguage.get(this).singleContextAssumption();
        Assumption keyUnchanged = null;
        if (singleContext.isValid() && kept.size() < MAX_FOLDED && foldAttempts++ < MAX_FOLD_ATTEMPTS) {
            keyUnchanged = ReliedKeys.relyOnKey(mt, event);
        }
        if (keyUnchanged == null || !keyUnchanged.isValid()) {
            // Too many metatables, a key that changes, or several contexts: look up through shape caches.
            folded = NONE;
            DynamicObjectLibrary cached = insert(DynamicObjectLibrary.getFactory().createDispatched(MoatTable.SHAPE_CACHE_LIMIT));
            fields = cached;
            return handlerIn(mt, cached);
        }
        Object handler = TableFields.get(mt, event, eventHash);
        if (handler == MoatNil.NIL) {
            handler = null;
        }
        kept.add(new FoldedValue(mt, handler, keyUnchanged, singleContext));
        folded = kept.toArray(NONE);
        return handler;
    }

    private Object handlerIn(MoatTable mt, DynamicObjectLibrary cached) {
        Object handler = TableFields.getNamed(mt, cached, event, eventHash);
        return handler == null || handler == MoatNil.NIL ? null : handler;
    }
}

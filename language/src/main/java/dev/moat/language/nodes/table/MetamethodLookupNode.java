package dev.moat.language.nodes.table;

import com.oracle.truffle.api.object.DynamicObjectLibrary;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.TableFields;

/**
 * One metamethod event ({@code __add}, {@code __eq}, {@code __index}, ...) looked up in an operand's
 * metatable as an inline cache on the metatable's shape: once compiled, a shape check and a load.
 * The uncached {@link Metatables#metamethod} hashes and compares the event name on every call, which
 * made operator-heavy object code (vector classes with {@code __add} and {@code __mul}) spend its time
 * in string lookups. One node serves both operands of a binary operator: they usually share a class.
 */
public final class MetamethodLookupNode extends com.oracle.truffle.api.nodes.Node {
    private final TruffleString event;
    private final int eventHash;
    @Child private DynamicObjectLibrary fields = DynamicObjectLibrary.getFactory().createDispatched(MoatTable.SHAPE_CACHE_LIMIT);

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
        Object handler = TableFields.getNamed(mt, fields, event, eventHash);
        return handler == null || handler == MoatNil.NIL ? null : handler;
    }

    /** Lua's rule for binary events: the first operand's handler, else the second's, else null. */
    public Object findEither(MoatContext context, Object a, Object b) {
        Object handler = find(context, a);
        return handler != null ? handler : find(context, b);
    }
}

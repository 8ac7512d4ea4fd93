package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.NodeChild;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.nodes.table.MetamethodLookupNode;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.MultiValue;

/** The length operator {@code #}: byte length of strings, {@code __len} or the border of tables. */
@NodeChild("operand")
public abstract class LengthNode extends MoatExpressionNode {
    protected String description;

    public final void setDescription(String description) {
        this.description = description;
    }

    @Specialization
    protected long doString(TruffleString s) {
        return s.byteLength(MoatStrings.ENCODING);
    }

    @Specialization(guards = "t.getMetatable() == null")
    protected long doPlainTable(MoatTable t) {
        return t.length();
    }

    protected static final TruffleString LEN_EVENT = Metatables.LEN;

    @Fallback
    protected Object doGeneric(VirtualFrame frame, Object v, @Cached("create()") InvokeNode invoke,
                               @Cached("create(LEN_EVENT)") MetamethodLookupNode len) {
        Object handler = len.find(MoatContext.get(this), v);
        if (handler != null) {
            return MultiValue.first(invoke.callWith(frame, handler, v, v, "metamethod 'len'")); // Lua passes the operand twice
        }
        if (v instanceof MoatTable t) {
            return t.length();
        }
        throw error(v);
    }

    @TruffleBoundary
    private MoatError error(Object v) {
        return MoatError.at(this, "attempt to get length of a " + LuaValues.objTypeName(v) + " value"
                + (description == null ? "" : " (" + description + ")"));
    }
}

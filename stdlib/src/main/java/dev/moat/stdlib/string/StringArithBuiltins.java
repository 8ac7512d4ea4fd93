package dev.moat.stdlib.string;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.nodes.expression.ArithFallbackNode;
import dev.moat.language.nodes.expression.ArithOp;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MultiValue;

/**
 * The arithmetic metamethods of the string metatable (__add ... __unm, no bitwise ones), as Lua 5.4's
 * string library defines them: numeric strings are converted, otherwise the other operand's
 * metamethod is tried, otherwise "attempt to add a 'string' with a 'number'". The operators coerce
 * strings themselves; these functions make the metatable look and behave like Lua's when used directly.
 */
public final class StringArithBuiltins {
    private StringArithBuiltins() {
    }

    static Object arith(BuiltinNode node, ArithOp op, Object a, Object b, InvokeNode invoke) {
        Object na = LuaArith.toNumber(a);
        // Unary minus needs only its operand (the second is a copy when the operator calls it).
        Object nb = op == ArithOp.UNM ? na : LuaArith.toNumber(b);
        if (na != null && nb != null) {
            if (op == ArithOp.UNM) {
                return na instanceof Long l ? (Object) (-l) : (Object) (-(Double) na);
            }
            if ((op == ArithOp.IDIV || op == ArithOp.MOD) && na instanceof Long && nb instanceof Long l && l == 0) {
                // Raised inside C code in Lua, so without a position.
                throw MoatError.plain(op == ArithOp.IDIV ? "attempt to divide by zero" : "attempt to perform 'n%0'", node);
            }
            return ArithFallbackNode.compute(op, na, nb, node);
        }
        Object handler = b instanceof TruffleString ? null : Metatables.metamethod(dev.moat.language.MoatContext.get(node), b, op.event);
        if (handler == null) {
            throw error(node, op, a, b);
        }
        return MultiValue.first(invoke.callFromBuiltin(handler, a, b));
    }

    @TruffleBoundary
    private static MoatError error(BuiltinNode node, ArithOp op, Object a, Object b) {
        String name = MoatStrings.toJava(op.event).substring(2);
        return node.error("attempt to " + name + " a '" + LuaValues.typeName(a) + "' with a '" + LuaValues.typeName(b) + "'");
    }

    @MoatBuiltin(name = "__add")
    public abstract static class AddNode extends BuiltinNode {
        @Specialization
        protected Object op(Object a, Object b, @Cached("create()") InvokeNode invoke) {
            return arith(this, ArithOp.ADD, a, b, invoke);
        }
    }

    @MoatBuiltin(name = "__sub")
    public abstract static class SubNode extends BuiltinNode {
        @Specialization
        protected Object op(Object a, Object b, @Cached("create()") InvokeNode invoke) {
            return arith(this, ArithOp.SUB, a, b, invoke);
        }
    }

    @MoatBuiltin(name = "__mul")
    public abstract static class MulNode extends BuiltinNode {
        @Specialization
        protected Object op(Object a, Object b, @Cached("create()") InvokeNode invoke) {
            return arith(this, ArithOp.MUL, a, b, invoke);
        }
    }

    @MoatBuiltin(name = "__div")
    public abstract static class DivNode extends BuiltinNode {
        @Specialization
        protected Object op(Object a, Object b, @Cached("create()") InvokeNode invoke) {
            return arith(this, ArithOp.DIV, a, b, invoke);
        }
    }

    @MoatBuiltin(name = "__mod")
    public abstract static class ModNode extends BuiltinNode {
        @Specialization
        protected Object op(Object a, Object b, @Cached("create()") InvokeNode invoke) {
            return arith(this, ArithOp.MOD, a, b, invoke);
        }
    }

    @MoatBuiltin(name = "__pow")
    public abstract static class PowNode extends BuiltinNode {
        @Specialization
        protected Object op(Object a, Object b, @Cached("create()") InvokeNode invoke) {
            return arith(this, ArithOp.POW, a, b, invoke);
        }
    }

    @MoatBuiltin(name = "__idiv")
    public abstract static class IdivNode extends BuiltinNode {
        @Specialization
        protected Object op(Object a, Object b, @Cached("create()") InvokeNode invoke) {
            return arith(this, ArithOp.IDIV, a, b, invoke);
        }
    }

    @MoatBuiltin(name = "__unm")
    public abstract static class UnmNode extends BuiltinNode {
        @Specialization
        protected Object op(Object a, Object b, @Cached("create()") InvokeNode invoke) {
            return arith(this, ArithOp.UNM, a, b, invoke);
        }
    }
}

package dev.moat.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.NodeChild;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatTable;

/**
 * Base of every builtin function node. Subclasses declare {@link MoatBuiltin} and specializations whose
 * parameters are the Lua arguments. The helpers here implement the luaL_check* family with Lua 5.4's
 * exact messages ("bad argument #1 to 'insert' (table expected, got nil)").
 */
@NodeChild(value = "arguments", type = MoatExpressionNode[].class)
@GenerateNodeFactory
public abstract class BuiltinNode extends MoatExpressionNode {

    protected final MoatContext context() {
        return MoatContext.get(this);
    }

    /**
     * Valid while the engine has served one context: the condition under which a builtin's node may cache a
     * value a context made (a string argument, say), since nodes are shared by every context of an engine.
     */
    protected final com.oracle.truffle.api.Assumption singleContextAssumption() {
        return dev.moat.language.MoatLanguage.get(this).singleContextAssumption();
    }

    /** The longest literal a builtin node keeps on an engine that serves many contexts (see cacheAssumption). */
    private static final int CACHED_LITERAL_LENGTH = 256;

    /**
     * What keeps a cache entry for {@code value} valid: nothing for a short literal of the code, which all
     * contexts share anyway ({@link dev.moat.language.MoatLanguage#isLiteral}); for anything else, the engine
     * serving one context only. The node holds the value strongly (a weak reference made the guard cost
     * ≈ 5 % of strings.lua), so a literal of a chunk that {@code load} made may outlive the chunk: short
     * ones only, a few per site.
     */
    protected final com.oracle.truffle.api.Assumption cacheAssumption(Object value) {
        return value instanceof com.oracle.truffle.api.strings.TruffleString s
                && dev.moat.language.runtime.MoatStrings.length(s) <= CACHED_LITERAL_LENGTH
                && dev.moat.language.MoatLanguage.get(this).isLiteral(s)
                ? com.oracle.truffle.api.Assumption.ALWAYS_VALID : singleContextAssumption();
    }

    /** Charges instructions in proportion to the work a builtin does (bytes, elements, steps). */
    public final void charge(long units) {
        MoatContext.get(this).budget.charge(units, this);
    }

    /** Charges guest bytes before allocating them. */
    public final void allocate(long bytes) {
        MoatContext.get(this).budget.allocate(bytes, this);
    }

    @TruffleBoundary
    public final String builtinName() {
        RootNode root = getRootNode();
        return root == null ? "?" : root.getName();
    }

    @TruffleBoundary
    public final MoatError error(String message) {
        return MoatError.at(this, message);
    }

    /**
     * luaL_argerror: names the function as the calling Lua code does ('rep'), or qualified ('string.rep')
     * when no Lua call site names it (e.g. called through pcall); for method calls the self argument is
     * not counted, as in Lua.
     */
    @TruffleBoundary
    public final MoatError argError(int arg, String message) {
        CallSite site = callSite();
        int n = arg;
        // As luaL_argerror: the name the calling Lua code used ("f" for a local f = math.abs), else the
        // library-qualified name ("string.rep", as when called through pcall).
        String name = site.forIterator ? "for iterator" : site.fromLua && site.calleeName != null ? site.calleeName : qualifiedName();
        if (site.method) {
            n--;
            if (n == 0) {
                return MoatError.at(this, "calling '" + name + "' on bad self (" + message + ")");
            }
        }
        return MoatError.at(this, "bad argument #" + n + " to '" + name + "' (" + message + ")");
    }

    @TruffleBoundary
    public final MoatError typeError(int arg, String expected, Object got) {
        boolean missing = arg > callSite().argumentCount;
        return argError(arg, expected + " expected, got " + (missing ? "no value" : typeNameForArg(got)));
    }

    /**
     * luaL_checkany: an explicit nil is a value, a missing argument is not ("value expected"). The
     * argument count is only looked up when the value is nil, so the common path costs nothing.
     */
    public final void checkAny(Object v, int arg) {
        if (v == MoatNil.NIL && arg > argumentCount()) {
            throw argError(arg, "value expected");
        }
    }

    /** True when the call passed fewer than {@code arg} arguments (Lua's "none", unlike an explicit nil). */
    public final boolean isNone(Object v, int arg) {
        return v == MoatNil.NIL && arg > argumentCount();
    }

    @TruffleBoundary
    private int argumentCount() {
        return callSite().argumentCount;
    }

    /** forIterator: called by a generic for, which Lua names 'for iterator' in argument errors. */
    private record CallSite(boolean fromLua, boolean method, int argumentCount, boolean forIterator, String calleeName) {
    }

    /** The quoted name in a call description such as "global 'print'" or "method 'rep'". */
    private static String quotedName(String description) {
        if (description == null) {
            return null;
        }
        int open = description.indexOf('\'');
        int close = description.lastIndexOf('\'');
        return open >= 0 && close > open ? description.substring(open + 1, close) : null;
    }

    private CallSite callSite() {
        int[] index = {0};
        CallSite[] found = {new CallSite(false, false, Integer.MAX_VALUE, false, null)};
        com.oracle.truffle.api.Truffle.getRuntime().iterateFrames(f -> {
            if (index[0] == 0) {
                Object[] args = f.getFrame(com.oracle.truffle.api.frame.FrameInstance.FrameAccess.READ_ONLY).getArguments();
                found[0] = new CallSite(false, false, CallArguments.count(args), false, null);
            } else {
                boolean lua = f.getCallTarget() instanceof com.oracle.truffle.api.RootCallTarget rct
                        && rct.getRootNode() instanceof dev.moat.language.runtime.Positions.LuaRoot;
                com.oracle.truffle.api.nodes.Node call = f.getCallNode();
                while (call != null && !(call instanceof dev.moat.language.nodes.call.MethodCallNode)
                        && !(call instanceof dev.moat.language.nodes.call.CallNode)
                        && !(call instanceof dev.moat.language.nodes.call.TailCallNode)
                        && !(call instanceof dev.moat.language.nodes.controlflow.GenericForNode)) {
                    call = call.getParent();
                }
                boolean method = call instanceof dev.moat.language.nodes.call.MethodCallNode
                        || (call instanceof dev.moat.language.nodes.call.TailCallNode tc && tc.isMethodCall());
                boolean forIterator = lua && call instanceof dev.moat.language.nodes.controlflow.GenericForNode;
                String description = null;
                if (call instanceof dev.moat.language.nodes.call.CallNode c) {
                    description = c.callDescription();
                } else if (call instanceof dev.moat.language.nodes.call.MethodCallNode m) {
                    description = m.getMethodDescription();
                } else if (call instanceof dev.moat.language.nodes.call.TailCallNode t) {
                    description = t.calleeDescription();
                }
                found[0] = new CallSite(lua, method, found[0].argumentCount, forIterator, quotedName(description));
                return f;
            }
            index[0]++;
            return null;
        });
        return found[0];
    }

    @TruffleBoundary
    public final String qualifiedName() {
        RootNode root = getRootNode();
        return root instanceof BuiltinRootNode b ? b.getQualifiedName() : builtinName();
    }

    protected static String typeNameForArg(Object v) {
        return v == null ? "no value" : LuaValues.objTypeName(v); // luaL_typeerror: a metatable's __name first
    }

    public final MoatTable checkTable(Object v, int arg) {
        if (v instanceof MoatTable t) {
            return t;
        }
        throw typeError(arg, "table", v);
    }

    public final MoatFunction checkFunction(Object v, int arg) {
        if (v instanceof MoatFunction f) {
            return f;
        }
        throw typeError(arg, "function", v);
    }

    public final long checkInteger(Object v, int arg) {
        if (v instanceof Long l) {
            return l;
        }
        return checkIntegerSlow(v, arg);
    }

    @TruffleBoundary
    private long checkIntegerSlow(Object v, int arg) {
        if (v instanceof Double || v instanceof TruffleString) {
            Object n = LuaArith.toNumber(v);
            if (n instanceof Long l) {
                return l;
            }
            if (n instanceof Double d) {
                Long exact = LuaArith.toIntegerExact(d);
                if (exact != null) {
                    return exact;
                }
                throw argError(arg, "number has no integer representation");
            }
        }
        throw typeError(arg, "number", v);
    }

    public final long optInteger(Object v, int arg, long def) {
        return v == MoatNil.NIL ? def : checkInteger(v, arg);
    }

    public final double checkNumber(Object v, int arg) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Long l) {
            return l;
        }
        return checkNumberSlow(v, arg);
    }

    @TruffleBoundary
    private double checkNumberSlow(Object v, int arg) {
        if (v instanceof TruffleString) {
            Object n = LuaArith.toNumber(v);
            if (n instanceof Long l) {
                return l;
            }
            if (n instanceof Double d) {
                return d;
            }
        }
        throw typeError(arg, "number", v);
    }

    /** A number argument kept in its subtype (Long or Double), strings converted. */
    @TruffleBoundary
    public final Object checkNumberValue(Object v, int arg) {
        Object n = LuaArith.toNumber(v);
        if (n == null) {
            throw typeError(arg, "number", v);
        }
        return n;
    }

    /** luaL_checklstring: strings, and numbers converted to strings. */
    public final TruffleString checkString(Object v, int arg) {
        if (v instanceof TruffleString s) {
            return s;
        }
        if (v instanceof Long || v instanceof Double) {
            return LuaValues.numberToString(v);
        }
        throw typeError(arg, "string", v);
    }

    public final TruffleString optString(Object v, int arg, TruffleString def) {
        return v == MoatNil.NIL ? def : checkString(v, arg);
    }

    /** Argument i (0-based) of a variadic builtin's argument array, nil if absent. */
    protected static Object arg(Object[] args, int i) {
        return i < args.length ? args[i] : MoatNil.NIL;
    }
}

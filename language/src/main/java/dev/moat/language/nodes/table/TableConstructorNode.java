package dev.moat.language.nodes.table;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.object.DynamicObjectLibrary;
import com.oracle.truffle.api.strings.TruffleString;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.moat.language.MoatContext;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.expression.LiteralNode;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.TableFields;

/**
 * A table constructor. Expressions are evaluated in source order; keyed fields are stored as they come
 * and positional items are stored after them (as Lua's SETLIST does), so {@code {"y", [1]="x"}} gives
 * {@code t[1] == "y"} like the reference. A multi-valued last item contributes all its values.
 *
 * <p>Constant string keys ({@code {x = ...}}, {@code {["x"] = ...}}) and literal values ({@code 1},
 * {@code "a"}, {@code true}, {@code nil}) are held as values, not as child nodes: a data chunk
 * ({@code return {{id = 1, name = "a"}, ...}}) is mostly such fields, and a node per key and per value made
 * its tree three to seven times larger, which every load allocates, adopts and counts
 * ({@code OptimizedCallTarget}'s node count walks the whole tree) and the one run of the chunk executes
 * node by node. Compiled code folds either form to the same constant.
 */
public final class TableConstructorNode extends MoatExpressionNode {
    /** A field's key expression; null for a positional item and for a constant key ({@link #constantKeys}). */
    @Children private final MoatExpressionNode[] keys;
    /** A field's value expression; null where the value is a literal ({@link #constantValues}). */
    @Children private final MoatExpressionNode[] values;
    /** A keyed field's constant string key, null elsewhere. */
    @CompilationFinal(dimensions = 1) private final TruffleString[] constantKeys;
    /** A field's literal value where {@link #values} holds null. */
    @CompilationFinal(dimensions = 1) private final Object[] constantValues;
    private final boolean lastIsMulti;
    private final int positionalCount;

    /**
     * {@code keys[i]} null: positional item; a {@link LiteralNode} of a string: a constant key. A
     * {@link LiteralNode} value is taken as its value. The arrays are not kept.
     */
    public TableConstructorNode(MoatExpressionNode[] keys, MoatExpressionNode[] values, boolean lastIsMulti) {
        int n = keys.length;
        this.keys = new MoatExpressionNode[n];
        this.values = new MoatExpressionNode[n];
        this.constantKeys = new TruffleString[n];
        this.constantValues = new Object[n];
        this.constantKeyHashes = new int[n];
        this.lastIsMulti = lastIsMulti;
        int positional = 0;
        for (int i = 0; i < n; i++) {
            if (keys[i] == null) {
                positional++;
            } else if (keys[i] instanceof LiteralNode literal && literal.getValue() instanceof TruffleString name) {
                constantKeys[i] = name;
                constantKeyHashes[i] = MoatTable.keyHash(name);
            } else {
                this.keys[i] = keys[i];
            }
            boolean multi = lastIsMulti && i == n - 1 && keys[i] == null;
            if (values[i] instanceof LiteralNode literal && !multi) {
                constantValues[i] = literal.getValue();
            } else {
                this.values[i] = values[i];
            }
        }
        this.positionalCount = positional;
    }

    private boolean isPositional(int i) {
        return keys[i] == null && constantKeys[i] == null;
    }

    private Object value(VirtualFrame frame, int i) {
        MoatExpressionNode node = values[i];
        return node == null ? constantValues[i] : node.execute(frame);
    }

    /**
     * The hash of each constant string key ({@code {x = 1}}), computed once here: a TruffleString caches
     * its hash code in a field that compiled code cannot fold, so it was re-read and re-mixed for every
     * field of every table built.
     */
    @CompilationFinal(dimensions = 1) private final int[] constantKeyHashes;

    /**
     * Keyed string entries become shape fields; with constant keys this is a cached shape transition.
     * One library per keyed entry: each sees the one transition its position makes (the shape built by
     * the entries before it), where a library shared by the entries saw one shape per entry and a
     * constructor of more than {@link MoatTable#SHAPE_CACHE_LIMIT} fields overflowed its cache, so every
     * field of every record took the uncached path (≈ 2,000 compiled nodes for ten fields against 80 for
     * five). Made after the uncached executions every table site serves ({@link IndexGetNode#COLD_RUNS}), so
     * constructors that run once stay cheap.
     */
    @Children private DynamicObjectLibrary[] fields;
    private int coldRuns;

    /**
     * Up to this many positional items ({@code {x, y}}, {@code {i, i + 1}}) are stored by an unrolled
     * {@link #initSequence}, whose type tests fold where the items' types are known; longer lists (data)
     * take the table's general loop.
     */
    static final int UNROLLED_ITEMS = 16;

    private static final byte LONGS = 1;
    private static final byte DOUBLES = 2;
    private static final byte OBJECTS = 4;

    /**
     * The array strategies {@link #initSequence} has made here: only those are compiled, so a site that
     * builds integer pairs has no float or object case (a site meeting all three compiled three allocations
     * and fills, larger than the general loop).
     */
    @CompilationFinal private byte strategiesMade;
    /** Whether a short list here has needed the general loop (a nil item, keyed entries at its indices). */
    @CompilationFinal private boolean generalSequenceMet;

    @Override
    @ExplodeLoop
    public Object execute(VirtualFrame frame) {
        MoatContext context = MoatContext.get(this);
        if (fields == null && keys.length > positionalCount) {
            if (CompilerDirectives.inInterpreter() && coldRuns < IndexGetNode.COLD_RUNS) {
                coldRuns++;
            } else {
                CompilerDirectives.transferToInterpreterAndInvalidate();
                DynamicObjectLibrary[] libraries = new DynamicObjectLibrary[keys.length - positionalCount];
                for (int f = 0; f < libraries.length; f++) {
                    libraries[f] = DynamicObjectLibrary.getFactory().createDispatched(MoatTable.SHAPE_CACHE_LIMIT);
                }
                fields = insert(libraries);
            }
        }
        context.budget.allocate(SizeModel.table(positionalCount, keys.length - positionalCount), this);
        MoatTable table = new MoatTable(positionalCount, keys.length - positionalCount);
        Object[] positional = positionalCount == 0 ? null : new Object[positionalCount];
        Object[] extra = null;
        int p = 0;
        int f = 0; // the keyed entry's index among the keyed entries, and so of its library
        for (int i = 0; i < keys.length; i++) {
            if (isPositional(i)) {
                Object v = value(frame, i);
                if (i == keys.length - 1 && lastIsMulti && v instanceof Object[] many) {
                    extra = many;
                    positional[p++] = null;
                } else {
                    positional[p++] = v;
                }
            } else if (constantKeys[i] != null) {
                TruffleString name = constantKeys[i];
                Object v = value(frame, i);
                if (fields != null) {
                    TableFields.putNamed(table, fields[f], name, constantKeyHashes[i], v);
                } else {
                    table.put(name, v);
                }
                f++;
            } else {
                Object k = MoatTable.normalizeKey(keys[i].execute(frame));
                Object v = value(frame, i);
                if (k == MoatNil.NIL) {
                    throw MoatError.at(this, "table index is nil");
                }
                if (k instanceof Double d && Double.isNaN(d)) {
                    throw MoatError.at(this, "table index is NaN");
                }
                if (k instanceof TruffleString name && fields != null) {
                    TableFields.putNamed(table, fields[f], name, MoatTable.keyHash(name), v);
                } else {
                    table.put(k, v);
                }
                f++;
            }
        }
        int fixed = extra == null ? positionalCount : positionalCount - 1;
        if (extra == null) {
            if (positionalCount > UNROLLED_ITEMS) {
                table.setSequence(positional, positionalCount);
            } else if (positionalCount > 0 && !initSequence(table, positional)) {
                if (!generalSequenceMet) {
                    CompilerDirectives.transferToInterpreterAndInvalidate();
                    generalSequenceMet = true;
                }
                table.setSequence(positional, positionalCount);
            }
        } else {
            context.budget.allocate(SizeModel.arraySlots(extra.length), this);
            Object[] all = new Object[fixed + extra.length];
            System.arraycopy(positional, 0, all, 0, fixed);
            System.arraycopy(extra, 0, all, fixed, extra.length);
            if (!(table.hasNoArrayNorHash() && table.adoptSequence(all))) {
                table.setSequence(all, all.length);
            }
        }
        return table;
    }

    /**
     * Stores the positional items as a fresh table's array part, choosing its strategy as
     * {@link MoatTable#setSequence} would (all integers: {@code long[]}, all floats: {@code double[]},
     * else {@code Object[]}), unrolled: that general loop kept its tests, its loops and a materialised
     * item array in compiled code (≈ 160 IR nodes for {@code {i, i + 1}}). False, storing nothing, if an
     * item is nil or the keyed entries already made an array or hash part ({@code {[1] = x, y}}).
     */
    @ExplodeLoop
    private boolean initSequence(MoatTable table, Object[] items) {
        if (!table.hasNoArrayNorHash()) {
            return false;
        }
        boolean allLong = true;
        boolean allDouble = true;
        for (int i = 0; i < positionalCount; i++) {
            Object v = items[i];
            if (v == MoatNil.NIL || v == null) {
                return false;
            }
            allLong &= v instanceof Long;
            allDouble &= v instanceof Double;
        }
        byte strategy = allLong ? LONGS : allDouble ? DOUBLES : OBJECTS;
        if ((strategiesMade & strategy) == 0) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            strategiesMade |= strategy;
        }
        if (strategy == LONGS) {
            long[] longs = new long[positionalCount];
            for (int i = 0; i < positionalCount; i++) {
                longs[i] = (Long) items[i];
            }
            table.initSequence(longs, positionalCount);
        } else if (strategy == DOUBLES) {
            double[] doubles = new double[positionalCount];
            for (int i = 0; i < positionalCount; i++) {
                doubles[i] = (Double) items[i];
            }
            table.initSequence(doubles, positionalCount);
        } else {
            Object[] objects = new Object[positionalCount];
            for (int i = 0; i < positionalCount; i++) {
                objects[i] = items[i];
            }
            table.initSequence(objects, positionalCount);
        }
        return true;
    }
}

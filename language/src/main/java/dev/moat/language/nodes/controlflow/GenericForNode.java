package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.profiles.BranchProfile;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.RepeatingNode;
import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BaseBuiltins;
import dev.moat.language.coroutine.MoatCoroutine;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.ArrayElements;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.MultiValue;

/**
 * The generic {@code for k, v in explist}: the iterator function, state and control value (and Lua
 * 5.4's optional fourth, to-be-closed value) live in hidden slots; each iteration calls the iterator,
 * stops at a nil first result, and declares the loop variables afresh from the results.
 *
 * <p>An iteration charges 1 plus its body block's entry charge in one update once the iterator has answered
 * (see WhileNode for why after, not before: one counter store per iteration instead of two); where the loop
 * runs {@code pairs}/{@code ipairs} itself, the iterator's call (1) goes into the same update, otherwise the
 * call charges itself. The last answer, whose nil ends the loop, runs no body and charges no block.
 */
public final class GenericForNode extends MoatStatementNode {
    @Child private MoatExpressionNode explist;
    @Child private LoopNode loop;
    @Child private CloseHelper closer = new CloseHelper();
    private final BranchProfile closingValue = BranchProfile.create();
    private final int functionSlot;
    private final int stateSlot;
    private final int controlSlot;
    private final int resultsSlot;
    private final int resumePoint;

    /**
     * With {@code resumePoint} >= 0, a loop of a generator body that a yield in its body can suspend. A
     * to-be-closed fourth value must be closed when the loop ends, not when a generator step unwinds, so
     * while one is open the coroutine yields by switching stacks instead. {@code bodyEntryCharge}: the
     * entry charge of the body's block, taken from it (each iteration that runs the body pays it).
     */
    public GenericForNode(MoatExpressionNode explist, MoatStatementNode body, int bodyEntryCharge, int functionSlot,
                          int stateSlot, int controlSlot, int resultsSlot, int resumePoint) {
        this.explist = explist;
        this.resumePoint = resumePoint;
        this.functionSlot = functionSlot;
        this.stateSlot = stateSlot;
        this.controlSlot = controlSlot;
        this.resultsSlot = resultsSlot;
        this.loop = Truffle.getRuntime().createLoopNode(new Body(body, bodyEntryCharge, functionSlot, stateSlot, controlSlot, resultsSlot,
                resumePoint));
    }

    /** Where the iterator's call is in the source: its errors carry that line (the explist's first token), as in Lua. */
    public void setIteratorCallRange(int start, int length) {
        ((Body) loop.getRepeatingNode()).setSourceRange(start, length);
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        runReturning(frame);
    }

    @Override
    public Object runReturning(VirtualFrame frame) {
        // Resuming a generator body: the loop's state is in its slots, and it has no closing value (with
        // one, yields switch stacks instead). One call site of the loop for both, so compiled code holds
        // one copy of its body.
        // Marks: 1 in the body, 2 at the iterator's call, 3 prepared with a closing value (in the results
        // slot) that a bare step bailed on, since yields inside such a loop must switch stacks.
        int mark = ResumePoints.mark(frame, resumePoint);
        Object closing = mark == 0 ? prepare(frame) : MoatNil.NIL;
        if (mark == 3) {
            ResumePoints.arriveAtBail(frame);
            closing = frame.getObject(resultsSlot);
            frame.setObject(resultsSlot, MoatNil.NIL);
        }
        if (closing == MoatNil.NIL) {
            return loopResult(loop.execute(frame));
        }
        // Profiled, so that a loop that never had a closing value is compiled once, not twice.
        closingValue.enter();
        if (resumePoint >= 0 && ResumePoints.isBare(frame)) {
            frame.setObject(resultsSlot, closing);
            throw ResumePoints.placeAt(frame, resumePoint, 3, ResumePoints.bail());
        }
        closer.checkClosable(closing, "(for state)", this);
        if (resumePoint < 0) {
            return loopResult(closer.runThenClose(frame, closing, loop));
        }
        MoatCoroutine co = MoatContext.get(this).getCoroutines().current();
        co.enterStackYieldsOnly();
        try {
            return loopResult(closer.runThenClose(frame, closing, loop));
        } finally {
            co.exitStackYieldsOnly();
        }
    }

    /** Evaluates the explist into the loop's slots; returns the closing value (nil if none). */
    private Object prepare(VirtualFrame frame) {
        Object values = explist.execute(frame);
        frame.setObject(functionSlot, MultiValue.get(values, 0));
        frame.setObject(stateSlot, MultiValue.get(values, 1));
        frame.setObject(controlSlot, MultiValue.get(values, 2));
        return MultiValue.get(values, 3);
    }

    private static Object loopResult(Object r) {
        return r == RepeatingNode.BREAK_LOOP_STATUS ? null : r;
    }

    private static final class Body extends LoopBodyNode {
        @Child private InvokeNode invoke = InvokeNode.createForCallExpression();
        private final int functionSlot;
        private final int stateSlot;
        private final int controlSlot;
        private final int resultsSlot;
        private final int bodyEntryCharge;
        /** Which iterator this loop has run: none yet, only ipairs over plain tables, only next over tables, or others too. */
        @CompilationFinal private byte iterator = UNSEEN;
        private static final byte UNSEEN = 0;
        private static final byte IPAIRS = 1;
        private static final byte NEXT = 2;
        private static final byte GENERIC = 3;
        /** Where the ipairs path has found elements: array parts of each strategy, or elsewhere. */
        @CompilationFinal private byte elementKinds;
        private static final byte LONGS = 1;
        private static final byte DOUBLES = 2;
        private static final byte OBJECTS = 4;
        private static final byte OTHERS = 8;

        Body(MoatStatementNode body, int bodyEntryCharge, int functionSlot, int stateSlot, int controlSlot,
             int resultsSlot, int resumePoint) {
            super(body, resumePoint);
            this.bodyEntryCharge = bodyEntryCharge;
            this.functionSlot = functionSlot;
            this.stateSlot = stateSlot;
            this.controlSlot = controlSlot;
            this.resultsSlot = resultsSlot;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            return executeRepeatingWithValue(frame) == CONTINUE_LOOP_STATUS;
        }

        @Override
        public Object executeRepeatingWithValue(VirtualFrame frame) {
            int mark = ResumePoints.mark(frame, resumePoint);
            if (mark != 1) {
                if (mark == 2) {
                    ResumePoints.arriveAtBail(frame);
                }
                if (resumePoint < 0 ? nextValues(frame) : nextValuesResumable(frame)) {
                    return BREAK_LOOP_STATUS;
                }
            }
            try {
                Object result = ResumePoints.run(frame, resumePoint, 1, body);
                // The loop variables have taken the results: the array must not ride around the loop in its
                // slot, or compiled code would have to allocate it (as ClearLocalsNode explains for tables).
                // Reset to the frame's initial nil rather than cleared, so the slot enters and leaves the
                // loop in the same state and compiled code has no phi for it.
                frame.setObject(resultsSlot, MoatNil.NIL);
                if (result != null) {
                    return result;
                }
            } catch (BreakException e) {
                return BREAK_LOOP_STATUS;
            }
            return CONTINUE_LOOP_STATUS;
        }

        /** {@link #nextValues} in a generator body: a bail out of the iterator's call is recorded as mark 2. */
        private boolean nextValuesResumable(VirtualFrame frame) {
            try {
                return nextValues(frame);
            } catch (GeneratorBail b) {
                throw ResumePoints.placeAt(frame, resumePoint, 2, b);
            }
        }

        /** Calls the iterator and charges the iteration; true when it is done (first result nil). */
        private boolean nextValues(VirtualFrame frame) {
            MoatContext context = MoatContext.get(this);
            if (iterator != GENERIC) {
                Object function = frame.getObject(functionSlot);
                if (iterator != NEXT && function == context.getIpairsIterator()
                        && frame.getObject(stateSlot) instanceof MoatTable table && table.getMetatable() == null
                        && (frame.isLong(controlSlot) || frame.getObject(controlSlot) instanceof Long)) {
                    if (iterator == UNSEEN) {
                        CompilerDirectives.transferToInterpreterAndInvalidate();
                        iterator = IPAIRS;
                    }
                    return nextArrayElement(frame, context, table);
                }
                if (iterator != IPAIRS && function == context.getNextFunction()
                        && frame.getObject(stateSlot) instanceof MoatTable table) {
                    if (iterator == UNSEEN) {
                        CompilerDirectives.transferToInterpreterAndInvalidate();
                        iterator = NEXT;
                    }
                    return nextEntry(frame, context, table);
                }
                CompilerDirectives.transferToInterpreterAndInvalidate();
                iterator = GENERIC;
            }
            // The call charges itself (a Lua function on entry, a builtin in DispatchNode); this is the iteration's 1.
            Object[] argv = new Object[]{null, null, frame.getObject(stateSlot), frame.getValue(controlSlot)};
            Object results = invoke.call(frame, frame.getObject(functionSlot), argv, this, "for iterator 'for iterator'");
            Object first = MultiValue.first(results);
            if (first == MoatNil.NIL) {
                return charged(context, 1, true);
            }
            frame.setObject(controlSlot, first);
            frame.setObject(resultsSlot, results);
            return charged(context, 1, false);
        }

        /**
         * Charges an iteration whose iterator answered: {@code base} (the iteration, and the call where the
         * loop runs the iterator itself), plus the body block's entry unless {@code done}; returns {@code done}.
         */
        private boolean charged(MoatContext context, int base, boolean done) {
            context.budget.charge(done ? base : base + bodyEntryCharge, this);
            return done;
        }

        /**
         * {@code ipairs} over a table without metatable, run in the loop instead of calling the iterator:
         * the same charges (the iteration and the iterator's call) and the same element read. Called, the
         * iterator returns its results array or nil, and that merge makes Graal allocate the array (and
         * box the index) on every iteration; here the loop ends on its own branch and both stay virtual.
         * The index stays an unboxed long in its slot.
         */
        private boolean nextArrayElement(VirtualFrame frame, MoatContext context, MoatTable table) {
            long n = 1 + (frame.isLong(controlSlot) ? frame.getLong(controlSlot) : (long) (Long) frame.getObject(controlSlot));
            if (boundArrayElement(frame, table, n)) {
                return charged(context, 2, false);
            }
            Object v = table.getLong(n); // past the array part (the loop's end), a hole, or the hash part
            if (v == null) {
                return charged(context, 2, true);
            }
            seeElement(OTHERS);
            found(frame, n, v);
            return charged(context, 2, false);
        }

        /**
         * {@code pairs} (or {@code next}) over a table, run in the loop instead of calling {@code next}: the
         * same charges (the iteration and the call) and the same traversal, without the builtin's call.
         */
        private boolean nextEntry(VirtualFrame frame, MoatContext context, MoatTable table) {
            // The array part comes first, in order: after nil or a key k of it, the next key is k + 1 if that
            // is a present element (read here as ipairs does, unboxed and without allocating); anything else
            // (a hole, the end of the array part, the fields and the hash part) goes to the traversal.
            long n = arrayKeyAfter(frame);
            if (n > 0 && boundArrayElement(frame, table, n)) {
                return charged(context, 2, false);
            }
            Object[] entry;
            try {
                entry = table.next(frame.getValue(controlSlot));
            } catch (IllegalArgumentException e) {
                throw BaseBuiltins.invalidKeyToNext(this);
            }
            if (entry == null) {
                return charged(context, 2, true);
            }
            frame.setObject(controlSlot, entry[0]);
            frame.setObject(resultsSlot, entry);
            return charged(context, 2, false);
        }

        /**
         * If {@code t[n]} is a present element of the array part, makes it the loop's next key and value
         * and returns true. One branch per array strategy, each profiled, so that compiled code reads the
         * elements of the strategies it met unboxed and merges no boxes of different kinds (see ArrayElements).
         */
        private boolean boundArrayElement(VirtualFrame frame, MoatTable table, long n) {
            if (ArrayElements.hasLongElement(table, n)) {
                seeElement(LONGS);
                found(frame, n, ArrayElements.longElement(table, n));
                return true;
            } else if (ArrayElements.hasDoubleElement(table, n)) {
                seeElement(DOUBLES);
                found(frame, n, ArrayElements.doubleElement(table, n));
                return true;
            } else if (ArrayElements.hasObjectElement(table, n)) {
                seeElement(OBJECTS);
                found(frame, n, ArrayElements.objectElement(table, n));
                return true;
            }
            return false;
        }

        /** 1 after nil, k + 1 after a positive integer key k, else 0 (not in the array part's order). */
        private long arrayKeyAfter(VirtualFrame frame) {
            long k;
            if (frame.isLong(controlSlot)) {
                k = frame.getLong(controlSlot);
            } else {
                Object control = frame.getObject(controlSlot);
                if (control == MoatNil.NIL) {
                    return 1;
                }
                if (!(control instanceof Long boxed)) {
                    return 0;
                }
                k = boxed;
            }
            return k >= 1 && k < Long.MAX_VALUE ? k + 1 : 0;
        }

        /** Makes {@code n} and {@code v} the loop's next key and value. */
        private void found(VirtualFrame frame, long n, Object v) {
            frame.setLong(controlSlot, n);
            frame.setObject(resultsSlot, new Object[]{n, v});
        }

        private void seeElement(byte kind) {
            if ((elementKinds & kind) == 0) {
                CompilerDirectives.transferToInterpreterAndInvalidate();
                elementKinds |= kind;
            }
        }
    }
}

package dev.moat.language.translator;

import dev.moat.language.nodes.controlflow.ResumePoints;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import dev.moat.language.nodes.local.LocalVar;
import dev.moat.language.runtime.MoatNil;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translation state of one Lua function: its frame slots, its block scopes (for local resolution,
 * shadowing and goto/label checks) and the upvalues it captures from enclosing functions.
 */
final class FunctionScope {
    final FunctionScope parent;
    final FrameDescriptor.Builder frame = FrameDescriptor.newBuilder().defaultValue(MoatNil.NIL);
    final boolean isVararg;
    int varargSlot = -1;
    /** The slot of the call's level (see LuaFunctionRoot#enterLevel). */
    final int levelSlot;
    BlockScope block;
    int loopDepth;
    /** The first {@code break} outside a loop: reported when the function ends, as Lua reports it (see closeFunctionGotos). */
    org.antlr.v4.runtime.Token strayBreak;
    /** The local a {@code local function} statement declares for this function (see LocalFunctionSelfReadNode), or null. */
    LocalVar selfLocal;
    int closeScopes;
    /** In a generator translation: the slot of the values passed to resume, and how many resume points. */
    int resumeValuesSlot = -1;
    private int resumePoints;

    /** Upvalue i comes from the parent's local {@code fromLocal[i]} or the parent's upvalue {@code fromUpvalue[i]}. */
    final List<String> upvalueNames = new ArrayList<>();
    final List<LocalVar> upvalueFromLocal = new ArrayList<>();
    final List<Integer> upvalueFromUpvalue = new ArrayList<>();
    private final Map<String, Integer> upvalueIndex = new HashMap<>();

    /** Lua's limits on one function's locals active at once (MAXVARS) and on its upvalues (MAXUPVAL). */
    static final int MAX_LOCALS = 200;
    static final int MAX_UPVALUES = 255;
    /** The line Lua says the function is defined at ({@code linedefined}); 0 for the main chunk. */
    final int lineDefined;

    FunctionScope(FunctionScope parent, boolean isVararg, int lineDefined) {
        this(parent, isVararg, lineDefined, false);
    }

    /**
     * A generator translation's frame starts with its resume points' marks (ResumePoints.MARKS_SLOT), a static
     * slot: set once when the frame is made, so its reads need no tag test of the heap frame.
     */
    FunctionScope(FunctionScope parent, boolean isVararg, int lineDefined, boolean generator) {
        this.parent = parent;
        this.isVararg = isVararg;
        this.lineDefined = lineDefined;
        if (generator && frame.addSlot(FrameSlotKind.Static, "(resume marks)", null) != ResumePoints.MARKS_SLOT) {
            throw new IllegalStateException("the resume marks must be a generator frame's first slot");
        }
        // Static (no tag): in a generator's heap frame a tagged slot's reads test the tag; in other frames it folds.
        levelSlot = frame.addSlot(FrameSlotKind.Static, "(call level)", null);
        if (isVararg) {
            varargSlot = hiddenSlot("(vararg)");
        }
    }

    /** Where a compiled call marks its frame (see ClearLocalsNode); -1 until a node clears slots. */
    int compiledFrameSlot = -1;

    int compiledFrameSlot() {
        if (compiledFrameSlot < 0) {
            compiledFrameSlot = hiddenSlot("(compiled frame)");
        }
        return compiledFrameSlot;
    }

    int hiddenSlot(String name) {
        return frame.addSlot(FrameSlotKind.Illegal, name, null);
    }

    /** A hidden slot read and written only through the static frame accessors (no tag). */
    int staticSlot(String name) {
        return frame.addSlot(FrameSlotKind.Static, name, null);
    }

    /** A new resume point of a generator body: its index in the frame's marks array (see ResumePoints). */
    int newResumePoint() {
        return ++resumePoints;
    }

    int resumePoints() {
        return resumePoints;
    }

    LocalVar newLocal(String name, String attrib) {
        return new LocalVar(name, frame.addSlot(FrameSlotKind.Illegal, name, null), attrib);
    }

    /**
     * How many locals Lua would count as declared in this function right now: those of every enclosing block
     * plus the hidden control variables of the loops around (see BlockScope#luaControlLocals).
     */
    int luaLocalCount() {
        int n = 0;
        for (BlockScope b = block; b != null; b = b.parent) {
            n += b.locals.size() + b.luaControlLocals;
        }
        return n;
    }

    /** How Lua's limit errors name this function. */
    String luaDescription() {
        return lineDefined == 0 ? "main function" : "function at line " + lineDefined;
    }

    LocalVar findLocal(String name) {
        for (BlockScope b = block; b != null; b = b.parent) {
            LocalVar v = b.find(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** This function's own {@code local function} name if its upvalue {@code index} is that name, else null (see ClosureNode). */
    LocalVar selfLocalAt(int index) {
        return selfLocal != null && upvalueFromLocal.get(index) == selfLocal ? selfLocal : null;
    }

    int addUpvalue(String name, LocalVar fromLocal, int fromUpvalue) {
        int index = upvalueNames.size();
        upvalueNames.add(name);
        upvalueFromLocal.add(fromLocal);
        upvalueFromUpvalue.add(fromUpvalue);
        upvalueIndex.put(name, index);
        return index;
    }

    Integer upvalue(String name) {
        return upvalueIndex.get(name);
    }

    /** A lexical block: its locals in declaration order and the labels it declares. */
    static final class BlockScope {
        final BlockScope parent;
        final boolean isLoop;
        /** A repeat-until body: its locals stay in scope for the condition after the block (no ClearLocalsNode). */
        boolean localsOutliveBlock;
        /**
         * The locals Lua declares for a loop's own state, which count towards its limit on locals: three for
         * a numeric {@code for}, four for a generic one ("(for state)" in lparser.c). Moat keeps them in
         * hidden slots, not in {@link #locals}.
         */
        int luaControlLocals;
        final List<LocalVar> locals = new ArrayList<>();
        final Map<String, Label> labels = new HashMap<>();
        final List<PendingGoto> pendingGotos = new ArrayList<>();
        /**
         * Gotos from the statements before a {@code local <close>} to a label at the end of the rest of the
         * block (which is translated as a nested part): the part the goto is in ends there.
         */
        final List<PartExit> partExits = new ArrayList<>();
        int statementIndex;

        BlockScope(BlockScope parent, boolean isLoop) {
            this.parent = parent;
            this.isLoop = isLoop;
        }

        LocalVar find(String name) {
            for (int i = locals.size() - 1; i >= 0; i--) {
                if (locals.get(i).name.equals(name)) {
                    return locals.get(i);
                }
            }
            return null;
        }
    }

    /**
     * A label: identity object used by GotoException, where it stands in its block, and which gotos jump to
     * it (they decide the nodes its block becomes: see LabeledBlocks).
     */
    static final class Label {
        final String name;
        final int line;
        final int statementIndex;
        final int localsBefore;
        /** The block part the label is in: fn.closeScopes where it stands (each {@code <close>} starts a part). */
        final int part;
        boolean atBlockEnd;
        /** A goto after the label jumps back to it: the label starts a loop. */
        boolean backward;
        /** The least statement index, in the label's block, of a forward goto to it; MAX_VALUE if none. */
        int firstForwardSource = Integer.MAX_VALUE;

        Label(String name, int line, int statementIndex, int localsBefore, int part) {
            this.name = name;
            this.line = line;
            this.statementIndex = statementIndex;
            this.localsBefore = localsBefore;
            this.part = part;
        }
    }

    /** A goto in block part {@code part}, statement {@code source}, to a label at the end of a later part. */
    record PartExit(Label label, int part, int source) {
    }

    /** A goto whose label is not known yet; it moves outwards as blocks close. */
    static final class PendingGoto {
        final String name;
        final int line;
        final int column;
        final dev.moat.language.nodes.controlflow.GotoNode.LabelRef ref;
        /** Statement index and visible local count in the block the goto currently sits in. */
        int statementIndex;
        int localsAtGoto;
        /** The block part it sits in (see Label.part). */
        int part;

        PendingGoto(String name, int line, int column, dev.moat.language.nodes.controlflow.GotoNode.LabelRef ref,
                    int statementIndex, int localsAtGoto, int part) {
            this.name = name;
            this.line = line;
            this.column = column;
            this.ref = ref;
            this.statementIndex = statementIndex;
            this.localsAtGoto = localsAtGoto;
            this.part = part;
        }
    }
}

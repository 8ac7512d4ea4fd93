package dev.moat.language.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.TruffleStackTrace;
import com.oracle.truffle.api.TruffleStackTraceElement;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.Positions;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The traceback lua.c's message handler appends to an uncaught error (luaL_traceback), built from the stack
 * the error passed through. Each level is named as Lua names it: by a global name first (a function found in
 * a module of {@code package.loaded}, "function 'string.rep'", "function 'f'" for {@code _G.f}), then by how
 * the calling code reached it ("local 'f'", "upvalue 'f'", "method 'm'", "field 'f'", "metamethod 'index'",
 * recorded by the calling {@link InvokeNode}), then "main chunk", "function &lt;chunk:line&gt;" or "?". A Lua
 * function reached by a proper tail call has no caller to name it and is followed by "(...tail calls...)"; the
 * frame Lua replaced is not a level. Past 21 levels the middle ones are skipped as Lua skips them.
 */
final class LuaTraceback {
    /** luaL_traceback's LEVELS1 and LEVELS2: how many levels are shown before and after a skip. */
    private static final int FIRST_LEVELS = 10;
    private static final int LAST_LEVELS = 11;

    private LuaTraceback() {
    }

    /** One level: a Lua function or a builtin ("C function") with the node it was executing and its caller's call node. */
    private record Level(RootNode root, Node location, Node callerCall) {
    }

    /** "stack traceback:\n\t..." for {@code error}, ending with lua.c's own C level ("[C]: in ?"). */
    @TruffleBoundary
    static String of(Throwable error, MoatContext context) {
        List<Level> levels = levels(error);
        Map<RootNode, String> globalNames = globalNames(context);
        StringBuilder out = new StringBuilder("stack traceback:");
        int total = levels.size() + 1; // and the launcher's own C level
        int shown = 0;
        for (int i = 0; i < levels.size(); i++) {
            if (total > FIRST_LEVELS + LAST_LEVELS + 1 && shown == FIRST_LEVELS) {
                int skipped = total - FIRST_LEVELS - LAST_LEVELS;
                // luaL_traceback counts one fewer than it skips (the level it fetched before deciding to skip)
                out.append("\n\t...\t(skipping ").append(skipped - 1).append(" levels)");
                i += skipped - 1;
                shown++;
                continue;
            }
            appendLevel(out, levels.get(i), globalNames);
            shown++;
        }
        return out.append("\n\t[C]: in ?").toString();
    }

    /** The stack's levels, innermost first: internal roots and the frames proper tail calls replaced left out. */
    private static List<Level> levels(Throwable error) {
        List<TruffleStackTraceElement> elements = TruffleStackTrace.getStackTrace(error);
        List<Level> levels = new ArrayList<>();
        if (elements == null) {
            return levels;
        }
        List<RootNode> roots = new ArrayList<>();
        List<Node> locations = new ArrayList<>();
        for (TruffleStackTraceElement e : elements) {
            RootCallTarget target = e.getTarget();
            if (target != null && !target.getRootNode().isInternal()) {
                roots.add(target.getRootNode());
                locations.add(e.getLocation());
            }
        }
        for (int i = 0; i < roots.size(); i++) {
            Node callerCall = i + 1 < locations.size() ? locations.get(i + 1) : null;
            levels.add(new Level(roots.get(i), locations.get(i), callerCall));
            if (roots.get(i) instanceof Positions.LuaRoot) {
                while (i + 1 < roots.size() && Positions.isTailCallSite(locations.get(i + 1))) {
                    i++; // the caller made a proper tail call: Lua has no frame for it any more
                }
            }
        }
        return levels;
    }

    private static void appendLevel(StringBuilder out, Level level, Map<RootNode, String> globalNames) {
        boolean lua = level.root instanceof Positions.LuaRoot;
        SourceSection at = lua && level.location != null ? level.location.getEncapsulatingSourceSection() : null;
        if (!lua) {
            out.append("\n\t[C]: in ");
        } else if (at != null && at.isAvailable()) {
            out.append("\n\t").append(at.getSource().getName()).append(':').append(dev.moat.language.runtime.LuaLines.startLine(at)).append(": in ");
        } else {
            out.append("\n\t").append(chunkName(level.root)).append(": in ");
        }
        boolean tailCalled = lua && level.callerCall != null && Positions.isTailCallSite(level.callerCall);
        String global = globalNames.get(level.root);
        String byCaller = tailCalled ? null : callName(level.callerCall);
        if (global != null) {
            out.append("function '").append(global).append('\'');
        } else if (byCaller != null) {
            out.append(byCaller);
        } else if (lua && "main chunk".equals(level.root.getName())) {
            out.append("main chunk");
        } else if (lua) {
            SourceSection defined = level.root.getSourceSection();
            out.append("function <").append(chunkName(level.root)).append(':')
                    .append(defined == null ? 0 : dev.moat.language.runtime.LuaLines.startLine(defined)).append('>');
        } else {
            out.append('?');
        }
        if (tailCalled) {
            out.append("\n\t(...tail calls...)");
        }
    }

    /** What the call site at {@code call} names its callee ("local 'f'"), or null. */
    private static String callName(Node call) {
        for (Node n = call; n != null && !(n instanceof RootNode); n = n.getParent()) {
            if (n instanceof InvokeNode invoke) {
                return invoke.callName();
            }
        }
        return null;
    }

    private static String chunkName(RootNode root) {
        SourceSection section = root.getSourceSection();
        return section == null ? "?" : section.getSource().getName();
    }

    /**
     * pushglobalfuncname for every function at once: "module.field" for a module of package.loaded holding the
     * function in a field (or "module" for the module itself), without the "_G." of globals; the first name
     * the traversal meets wins, as in Lua. A function is known here by its code (its call target), not by which
     * closure of it ran. One pass, so a huge module table costs its size once, not once per level.
     */
    private static Map<RootNode, String> globalNames(MoatContext context) {
        Map<RootNode, String> names = new IdentityHashMap<>();
        MoatTable loaded = context.getLoadedModules();
        for (Object[] entry = loaded.next(MoatNil.NIL); entry != null; entry = loaded.next(entry[0])) {
            if (!(entry[0] instanceof TruffleString moduleName)) {
                continue;
            }
            String module = MoatStrings.toJava(moduleName);
            name(names, entry[1], module);
            if (entry[1] instanceof MoatTable table) {
                for (Object[] field = table.next(MoatNil.NIL); field != null; field = table.next(field[0])) {
                    if (field[0] instanceof TruffleString fieldName) {
                        String name = module + "." + MoatStrings.toJava(fieldName);
                        name(names, field[1], name.startsWith("_G.") ? name.substring(3) : name);
                    }
                }
            }
        }
        return names;
    }

    private static void name(Map<RootNode, String> names, Object value, String name) {
        if (value instanceof MoatFunction f && f.targetOrNull() != null) {
            names.putIfAbsent(f.targetOrNull().getRootNode(), name);
        }
    }
}

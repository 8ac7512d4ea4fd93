package dev.moat.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.parser.MoatSyntaxError;
import dev.moat.language.parser.ParseMeter;
import dev.moat.language.runtime.Cell;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MultiValue;

import java.io.ByteArrayOutputStream;

/**
 * {@code load(chunk [, chunkname [, mode [, env]]])}: text chunks only — binary chunks are always
 * rejected (SECURITY.md B1). Without {@code env} the chunk sees this context's globals, never anything
 * of the host. Reader functions are called under the instruction budget and their pieces are
 * charged as allocation; lexing and parsing are charged per token and poll for cancellation.
 */
@MoatBuiltin(name = "load", variadic = true)
public abstract class LoadBuiltin extends BuiltinNode {
    private static final int MAX_SOURCE = 16 << 20;

    @Specialization
    protected Object load(Object[] args, @Cached("create()") InvokeNode invoke) {
        Object chunk = arg(args, 0);
        byte[] text;
        String defaultName;
        if (chunk instanceof TruffleString || chunk instanceof Long || chunk instanceof Double) {
            text = MoatStrings.bytes(checkString(chunk, 1));
            defaultName = null;
        } else if (chunk instanceof MoatFunction) {
            try {
                text = readAll(chunk, invoke);
            } catch (dev.moat.language.runtime.MoatError e) {
                // Lua reads the pieces inside the protected parser: a failing reader makes load fail, not raise.
                return new Object[]{MoatNil.NIL, e.getValue()};
            } catch (ChunkTooLarge e) {
                // Moat's own size cap is a resource limit, not a reader failure: it is raised.
                throw error("chunk too large");
            }
            defaultName = "=(load)";
        } else {
            throw typeError(1, "function", chunk);
        }
        return compile(text, defaultName, args);
    }

    /**
     * Everything after the text is in hand, out of partial evaluation: mode checks, naming, decoding and
     * parsing are host work whose inlining made the compilation of load give up ("too deep inlining").
     */
    @TruffleBoundary
    private Object compile(byte[] text, String defaultName, Object[] args) {
        Object nameArg = arg(args, 1);
        String chunkName = nameArg == MoatNil.NIL ? (defaultName != null ? defaultName : null)
                : dev.moat.language.parser.SourceText.decode(MoatStrings.bytes(checkString(nameArg, 2)));
        String mode = arg(args, 2) == MoatNil.NIL ? "bt" : MoatStrings.toJava(checkString(arg(args, 2), 3));
        boolean binary = text.length > 0 && text[0] == 0x1b;
        if (binary && !mode.contains("b")) {
            return new Object[]{MoatNil.NIL, MoatStrings.fromJava("attempt to load a binary chunk (mode is '" + mode + "')")};
        }
        if (binary) {
            return new Object[]{MoatNil.NIL, MoatStrings.fromJava("attempt to load a binary chunk (binary chunks are not supported)")};
        }
        if (!mode.contains("t")) {
            return new Object[]{MoatNil.NIL, MoatStrings.fromJava("attempt to load a text chunk (mode is '" + mode + "')")};
        }
        allocate(text.length);
        charge(1 + text.length / 32);
        String display = displayName(chunkName, text);
        RootCallTarget target;
        try {
            target = parse(dev.moat.language.parser.SourceText.decode(text), display);
        } catch (MoatSyntaxError e) {
            return new Object[]{MoatNil.NIL, MoatStrings.fromBytes(e.luaMessageBytes())};
        }
        Object env = args.length >= 4 ? args[3] : context().getGlobals();
        return new MoatFunction(target, new Cell[]{new Cell(env)}, true);
    }

    private RootCallTarget parse(String text, String name) {
        Source source = Source.newBuilder(MoatLanguage.ID, text, name).build();
        return MoatLanguage.get(this).parseChunk(source, parseMeter(this));
    }

    /** Instructions charged per token lexed and again per token parsed: the parser is real work (D12). */
    static final int TOKEN_COST = 4;

    /** Charges parsing as it goes and polls for cancellation, so neither budget nor timeout waits for it. */
    static ParseMeter parseMeter(BuiltinNode node) {
        return n -> {
            node.charge((long) n * TOKEN_COST);
            TruffleSafepoint.poll(node);
        };
    }

    private byte[] readAll(Object reader, InvokeNode invoke) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            Object piece = MultiValue.first(invoke.callFromBuiltin(reader));
            if (piece == MoatNil.NIL) {
                break;
            }
            if (piece instanceof Long || piece instanceof Double) {
                piece = checkString(piece, 1);
            }
            if (!(piece instanceof TruffleString s)) {
                throw error("reader function must return a string");
            }
            int len = MoatStrings.length(s);
            if (len == 0) {
                break;
            }
            if (out.size() + (long) len > MAX_SOURCE) {
                throw new ChunkTooLarge();
            }
            allocate(len);
            append(out, s);
        }
        return out.toByteArray();
    }

    /** The pieces of a reader exceeded MAX_SOURCE. */
    private static final class ChunkTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChunkTooLarge() {
            super(null, null, false, false);
        }
    }

    @TruffleBoundary
    private static void append(ByteArrayOutputStream out, TruffleString s) {
        byte[] b = MoatStrings.bytes(s);
        out.write(b, 0, b.length);
    }

    /** Lua's luaO_chunkid: "=name" and "@name" as given, other names as [string "..."]. */
    @TruffleBoundary
    static String displayName(String chunkName, byte[] text) {
        // lua_load takes the name as a C string: it ends at a NUL
        String name = dev.moat.language.runtime.LuaValues.asCString(
                chunkName != null ? chunkName : dev.moat.language.parser.SourceText.decode(text));
        // LUA_IDSIZE is 60 bytes with the terminator: "=name" keeps its first 59 characters, "@file"
        // becomes "..." and its last 56.
        if (name.startsWith("=")) {
            return name.length() <= 60 ? name.substring(1) : name.substring(1, 60);
        }
        if (name.startsWith("@")) {
            return name.length() <= 60 ? name.substring(1) : "..." + name.substring(name.length() - 56);
        }
        int newline = name.indexOf('\n');
        int available = 60 - "[string \"".length() - "...\"]".length() - 1;
        if (newline < 0 && name.length() <= available) {
            return "[string \"" + name + "\"]";
        }
        int end = newline < 0 ? name.length() : newline;
        end = Math.min(end, available);
        return "[string \"" + name.substring(0, end) + "...\"]";
    }
}

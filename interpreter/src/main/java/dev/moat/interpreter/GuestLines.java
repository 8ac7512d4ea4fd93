package dev.moat.interpreter;

import dev.moat.language.runtime.LuaLines;
import org.graalvm.polyglot.SourceSection;

/**
 * The line of a guest stack frame as Lua names it, for the tracebacks the embedding API and the CLI build
 * from polyglot frames: the polyglot API counts a "\n\r" as two line breaks, Lua as one ({@link LuaLines}).
 */
public final class GuestLines {
    private GuestLines() {
    }

    public static int of(SourceSection at) {
        return at.getSource().hasCharacters()
                ? LuaLines.line(at.getSource().getCharacters(), at.getCharIndex(), at.getStartLine())
                : at.getStartLine();
    }
}

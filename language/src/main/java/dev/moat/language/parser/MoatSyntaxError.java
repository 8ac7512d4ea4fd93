package dev.moat.language.parser;

import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * A syntax error. {@link #getMessage()} is "name:line:col: message near 'token'" (CLI, API);
 * {@link #luaMessage()} is Lua's "name:line: message near 'token'" (what {@code load} returns).
 */
@ExportLibrary(InteropLibrary.class)
public final class MoatSyntaxError extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;
    private final String luaMessage;
    private final boolean atEndOfInput;

    public MoatSyntaxError(String sourceName, int line, int column, String message, String near) {
        super(sourceName + ":" + line + ":" + column + ": " + message + (near == null ? "" : " near " + near));
        this.luaMessage = sourceName + ":" + line + ": " + message + (near == null ? "" : " near " + near);
        this.atEndOfInput = "<eof>".equals(near);
        this.line = line;
        this.column = column;
    }

    private final int line;
    private final int column;

    /** Whether the error is at or after {@code t} and at or before {@code last} (null: no bound). */
    public boolean isBetween(org.antlr.v4.runtime.Token t, org.antlr.v4.runtime.Token last) {
        return compare(t) >= 0 && (last == null || compare(last) <= 0);
    }

    private int compare(org.antlr.v4.runtime.Token t) {
        return line != t.getLine() ? Integer.compare(line, t.getLine()) : Integer.compare(column, t.getCharPositionInLine() + 1);
    }

    /** Whether the error is at the end of the input ("near <eof>"). */
    public boolean atEndOfInput() {
        return atEndOfInput;
    }

    public String luaMessage() {
        return luaMessage;
    }

    /** {@link #luaMessage()} as Lua bytes: a quoted token or chunk name keeps the source's own bytes. */
    public byte[] luaMessageBytes() {
        return SourceText.toBytes(luaMessage);
    }

    @ExportMessage
    ExceptionType getExceptionType() {
        return ExceptionType.PARSE_ERROR;
    }

    /** Input that ended inside an open construct: the REPL reads another line instead of failing. */
    @ExportMessage
    boolean isExceptionIncompleteSource() {
        return atEndOfInput;
    }
}

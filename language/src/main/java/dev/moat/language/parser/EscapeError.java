package dev.moat.language.parser;

/**
 * A malformed escape in a short string literal, with what Lua shows after "near": the opening quote,
 * the text decoded so far and the escape's characters up to the offending one.
 */
public final class EscapeError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String near;
    private final int extraLines;

    EscapeError(String message, String near, int extraLines) {
        super(message, null, false, false);
        this.near = near;
        this.extraLines = extraLines;
    }

    /** The text Lua prints after "near", without the surrounding quotes. */
    public String near() {
        return near;
    }

    /** Lines the literal spans before the error (escaped newlines), added to the token's line. */
    public int extraLines() {
        return extraLines;
    }
}

package dev.moat.language.parser;

import java.io.ByteArrayOutputStream;

/**
 * Decodes string literal tokens into Lua byte strings: escapes (\\n, \\ddd, \\xXX, \\z, \\u{XXX} with
 * Lua's extended UTF-8), non-escape characters as UTF-8, long brackets with the first newline dropped.
 * Bad escapes raise {@link EscapeError} with Lua's wording. Line breaks inside long strings become "\\n".
 */
public final class LiteralDecoder {
    private LiteralDecoder() {
    }

    public static byte[] decodeLongString(String text) {
        int open = text.indexOf('[', 1) + 1;
        int level = open - 2;
        String body = text.substring(open, text.length() - level - 2);
        if (body.startsWith("\r\n") || body.startsWith("\n\r")) {
            body = body.substring(2);
        } else if (body.startsWith("\n") || body.startsWith("\r")) {
            body = body.substring(1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SourceText.writeBytes(out, normaliseLineBreaks(body));
        return out.toByteArray();
    }

    /** As Lua's lexer reads a long string: each line break ("\n", "\r", "\r\n" or "\n\r") becomes one "\n". */
    private static String normaliseLineBreaks(String body) {
        if (body.indexOf('\r') < 0) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\n' || c == '\r') {
                out.append('\n');
                if (i + 1 < body.length() && (body.charAt(i + 1) == '\n' || body.charAt(i + 1) == '\r') && body.charAt(i + 1) != c) {
                    i++;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static void encodeUtf8(ByteArrayOutputStream out, long x) {
        dev.moat.language.runtime.LuaUtf8.encode(out, x);
    }

    public static byte[] decodeShortString(String text) {
        return new ShortStringDecoder(text, false).decode();
    }

    /** What Lua's lexer has read of an unfinished string: its escaped line breaks and its text so far. */
    public record Unfinished(int lines, String text) {
    }

    /**
     * Reads a literal that the source ends (or a raw line break cuts) before its closing quote, as Lua's lexer
     * reads it up to there: a bad escape on the way raises its {@link EscapeError}; otherwise the escaped line
     * breaks (which move the "unfinished string" error's line on) and the text, quote first, that the error
     * shows after "near".
     */
    public static Unfinished readUnfinishedString(String text) {
        ShortStringDecoder decoder = new ShortStringDecoder(text, true);
        byte[] bytes = decoder.decode();
        return new Unfinished(decoder.lines, text.charAt(0) + SourceText.decode(bytes));
    }

    /** Decodes one short literal, raising {@link EscapeError} with Lua's wording for bad escapes. */
    private static final class ShortStringDecoder {
        private final String body;
        private final char quote;
        private final LiteralBytes out;
        private int i;
        private int lines;
        /** No closing quote: past the body is the end of the source, not the quote. */
        private final boolean unfinished;
        private static final char END_OF_SOURCE = '\uFFFF';

        ShortStringDecoder(String text, boolean unfinished) {
            this.quote = text.charAt(0);
            this.unfinished = unfinished;
            this.body = unfinished ? text.substring(1) : text.substring(1, text.length() - 1);
            this.out = new LiteralBytes(body.length());
        }

        byte[] decode() {
            while (i < body.length()) {
                char c = body.charAt(i);
                if (c != '\\') {
                    i = copyPlainRun(i);
                    continue;
                }
                int escapeStart = i;
                i++;
                char e = current();
                switch (e) {
                    case 'n' -> simple('\n');
                    case 't' -> simple('\t');
                    case 'r' -> simple('\r');
                    case 'a' -> simple(7);
                    case 'b' -> simple(8);
                    case 'f' -> simple(12);
                    case 'v' -> simple(11);
                    case '\\', '"', '\'' -> simple(e);
                    case '\n', '\r' -> {
                        // An escaped line break is a newline; "\r\n" and "\n\r" count as one.
                        i++;
                        char next = current();
                        if ((next == '\n' || next == '\r') && next != e) {
                            i++;
                        }
                        lines++;
                        out.write('\n');
                    }
                    case 'x' -> out.write(hexEscape(escapeStart));
                    case 'u' -> encodeUtf8(out, utf8Escape(escapeStart));
                    case 'z' -> {
                        i++;
                        while (i < body.length() && isLuaSpace(body.charAt(i))) {
                            if (body.charAt(i) == '\n') {
                                lines++;
                            }
                            i++;
                        }
                    }
                    default -> {
                        if (!isDigit(e)) {
                            throw fail("invalid escape sequence", escapeStart, i + 1);
                        }
                        int v = 0;
                        int n = 0;
                        while (n < 3 && isDigit(current())) {
                            v = v * 10 + (current() - '0');
                            i++;
                            n++;
                        }
                        if (v > 255) {
                            throw fail("decimal escape too large", escapeStart, i + 1);
                        }
                        out.write(v);
                    }
                }
            }
            return out.toByteArray();
        }

        /**
         * Copies the characters from {@code start} up to the next backslash (or the body's end) as one run, and
         * returns where it stopped. A run of ASCII, nearly every literal's whole text, is copied byte by byte into
         * an unlocked buffer: through a substring and a ByteArrayOutputStream write per character (a lock each),
         * decoding took a fifth of what {@code load} spent on a data chunk of strings (bench/README.md, "Loading
         * data").
         */
        private int copyPlainRun(int start) {
            int end = body.indexOf('\\', start);
            if (end < 0) {
                end = body.length();
            }
            boolean ascii = true;
            for (int k = start; k < end && ascii; k++) {
                ascii = body.charAt(k) < 0x80;
            }
            if (ascii) {
                out.writeAscii(body, start, end);
            } else {
                SourceText.writeBytes(out, body.substring(start, end));
            }
            return end;
        }

        private void simple(int b) {
            out.write(b);
            i++;
        }

        private int hexEscape(int escapeStart) {
            int v = 0;
            for (int k = 0; k < 2; k++) {
                i++;
                if (!isHex(current())) {
                    throw fail("hexadecimal digit expected", escapeStart, i + 1);
                }
                v = v * 16 + Character.digit(current(), 16);
            }
            i++;
            return v;
        }

        private long utf8Escape(int escapeStart) {
            i++;
            if (current() != '{') {
                throw fail("missing '{'", escapeStart, i + 1);
            }
            i++;
            if (!isHex(current())) {
                throw fail("hexadecimal digit expected", escapeStart, i + 1);
            }
            long r = Character.digit(current(), 16);
            i++;
            while (isHex(current())) {
                if (r > (0x7FFFFFFFL >> 4)) {
                    throw fail("UTF-8 value too large", escapeStart, i + 1);
                }
                r = (r << 4) + Character.digit(current(), 16);
                i++;
            }
            if (current() != '}') {
                throw fail("missing '}'", escapeStart, i + 1);
            }
            i++;
            return r;
        }

        /** The character at the current position; the closing quote (or the source's end) once the body is exhausted. */
        private char current() {
            return i < body.length() ? body.charAt(i) : unfinished ? END_OF_SOURCE : quote;
        }

        /** Lua's message shows the decoded text so far, then the escape up to and including the bad char. */
        private EscapeError fail(String message, int escapeStart, int end) {
            // as source text, so that bytes that are not UTF-8 show as themselves (as in the message Lua prints)
            String decoded = SourceText.decode(out.toByteArray());
            String raw = end <= body.length() ? body.substring(escapeStart, end) : body.substring(escapeStart) + (unfinished ? "" : quote);
            return new EscapeError(message, quote + decoded + raw, lines);
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isHex(char c) {
            return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }

        private static boolean isLuaSpace(char c) {
            return c == ' ' || (c >= '\t' && c <= '\r');
        }
    }
}

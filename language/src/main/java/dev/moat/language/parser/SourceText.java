package dev.moat.language.parser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lua sources are byte strings (load accepts any bytes), while the parser reads Java text. Valid
 * UTF-8 becomes characters; every other byte b becomes the lone surrogate U+DC00+b, which cannot come
 * from valid UTF-8, and string literals turn it back into the byte b. So a chunk such as
 * {@code "return " .. string.format("%q", binary)} loads back the exact bytes.
 */
public final class SourceText {
    private SourceText() {
    }

    private static final char ESCAPED_BASE = 0xDC00;

    public static String decode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            int length = sequenceLength(bytes, i);
            if (length == 1 && b < 0x80) {
                out.append((char) b);
            } else if (length > 1) {
                out.append(new String(bytes, i, length, StandardCharsets.UTF_8));
            } else {
                out.append((char) (ESCAPED_BASE + b));
                length = 1;
            }
            i += length;
        }
        return out.toString();
    }

    /** Length of the valid UTF-8 sequence at i (1 for ASCII), or 0 when the byte there starts none. */
    private static int sequenceLength(byte[] s, int i) {
        int b = s[i] & 0xff;
        if (b < 0x80) {
            return 1;
        }
        int length;
        int min;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
            min = 0x80;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            min = 0x800;
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + length > s.length) {
            return 0;
        }
        int cp = b & (0x7F >> length);
        for (int k = 1; k < length; k++) {
            int c = s[i + k] & 0xff;
            if ((c & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return 0;
        }
        return length;
    }

    /**
     * A file's text as Lua's file loader reads it: a first line that starts with '#' (a Unix "#!" line) is
     * skipped, here blanked so the lines keep their numbers. Only files: load() and -e code keep a '#'.
     */
    public static String withoutFirstLineComment(String text) {
        if (!text.startsWith("#")) {
            return text;
        }
        int nl = text.indexOf('\n');
        return " ".repeat(nl < 0 ? text.length() : nl) + (nl < 0 ? "" : text.substring(nl));
    }

    /** Source text (or a message quoting it) as Lua bytes: characters as UTF-8, escaped bytes as themselves. */
    public static byte[] toBytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        writeBytes(out, text);
        return out.toByteArray();
    }

    /**
     * The first byte of the character at {@code i} as Lua's lexer sees the source: the escaped byte itself, an
     * ASCII character, or the lead byte of a character's UTF-8 sequence.
     */
    public static int firstByte(String text, int i) {
        char c = text.charAt(i);
        if (isEscapedByte(c)) {
            return c - ESCAPED_BASE;
        }
        if (c < 0x80) {
            return c;
        }
        return new String(Character.toChars(text.codePointAt(i))).getBytes(StandardCharsets.UTF_8)[0] & 0xff;
    }

    /** True for a character that stands for a raw byte of a non-UTF-8 source. */
    static boolean isEscapedByte(char c) {
        return c >= ESCAPED_BASE + 0x80 && c <= ESCAPED_BASE + 0xFF;
    }

    /** Writes source text as bytes: characters as UTF-8, escaped bytes as themselves. */
    static void writeBytes(ByteArrayOutputStream out, String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c < 0x80) {
                // ASCII, nearly all of every message: one byte each. Encoding each character through a String
                // of its own made an error's "chunk:line: message" cost microseconds (pcall of x.y on nil:
                // two thirds of its time).
                out.write(c);
                i++;
                continue;
            }
            if (isEscapedByte(c)) {
                out.write(c - ESCAPED_BASE);
                i++;
                continue;
            }
            int cp = text.codePointAt(i);
            byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
            i += Character.charCount(cp);
        }
    }
}

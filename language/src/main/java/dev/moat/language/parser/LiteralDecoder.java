package dev.moat.language.parser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes string literal tokens into Lua byte strings: escapes (\\n, \\ddd, \\xXX, \\z, \\u{XXX} with
 * Lua's extended UTF-8), non-escape characters as UTF-8, long brackets with the first newline dropped.
 * Known gap: line endings inside long strings are not normalised and bad escapes are reported with a
 * generic message rather than each of Lua's wordings.
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
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static void encodeUtf8(ByteArrayOutputStream out, long x) {
        dev.moat.language.runtime.LuaUtf8.encode(out, x);
    }

    public static byte[] decodeShortString(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String body = text.substring(1, text.length() - 1);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                int cp = body.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp) - 1;
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'v' -> out.write(11);
                case '\\', '"', '\'' -> out.write(e);
                case '\n' -> out.write('\n');
                case 'x' -> {
                    out.write(Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    int close = body.indexOf('}', i);
                    long cp = Long.parseLong(body.substring(i + 2, close), 16);
                    if (cp > 0x7FFFFFFFL) {
                        throw new IllegalArgumentException("UTF-8 value too large");
                    }
                    encodeUtf8(out, cp);
                    i = close;
                }
                case 'z' -> {
                    while (i + 1 < body.length() && Character.isWhitespace(body.charAt(i + 1))) {
                        i++;
                    }
                }
                default -> {
                    int v = 0;
                    int n = 0;
                    while (n < 3 && i < body.length() && Character.isDigit(body.charAt(i))) {
                        v = v * 10 + (body.charAt(i) - '0');
                        i++;
                        n++;
                    }
                    i--;
                    out.write(v);
                }
            }
        }
        return out.toByteArray();
    }
}

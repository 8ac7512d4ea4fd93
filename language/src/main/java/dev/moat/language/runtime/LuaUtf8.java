package dev.moat.language.runtime;

import java.io.ByteArrayOutputStream;

/** Lua's extended UTF-8 encoding (up to 6 bytes, code points up to 2^31-1), used by escape sequences in string literals and by utf8.char. */
public final class LuaUtf8 {
    private LuaUtf8() {
    }

    public static void encode(ByteArrayOutputStream out, long x) {
        if (x < 0x80) {
            out.write((int) x);
            return;
        }
        byte[] buf = new byte[8];
        int n = 1;
        long mfb = 0x3f;
        do {
            buf[8 - n++] = (byte) (0x80 | (x & 0x3f));
            x >>= 6;
            mfb >>= 1;
        } while (x > mfb);
        buf[8 - n] = (byte) ((~mfb << 1) | x);
        out.write(buf, 8 - n, n);
    }
}

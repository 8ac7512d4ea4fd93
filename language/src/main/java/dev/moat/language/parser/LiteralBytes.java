package dev.moat.language.parser;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The bytes of a string literal as the decoder writes them: a ByteArrayOutputStream without the lock its every
 * {@code write} takes. A decoder is used by one thread, and a literal's escapes are written a byte at a time.
 * Not the runtime's ByteSink (the same idea for string results): the helpers the decoder shares with error
 * messages (LuaUtf8.encode, SourceText.writeBytes) write into a ByteArrayOutputStream.
 */
final class LiteralBytes extends ByteArrayOutputStream {
    LiteralBytes(int capacity) {
        super(capacity);
    }

    @Override
    public void write(int b) {
        ensureRoom(1);
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensureRoom(len);
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    /** Appends the ASCII characters {@code text[from, to)}, one byte each. */
    void writeAscii(String text, int from, int to) {
        ensureRoom(to - from);
        for (int k = from; k < to; k++) {
            buf[count++] = (byte) text.charAt(k);
        }
    }

    private void ensureRoom(int more) {
        if (count + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(Math.max(16, count + more), buf.length * 2));
        }
    }

    @Override
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }
}

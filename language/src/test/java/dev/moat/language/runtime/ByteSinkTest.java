package dev.moat.language.runtime;

import com.oracle.truffle.api.strings.TruffleString;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A sink hands its array to the string it makes, and never writes into that array again. */
class ByteSinkTest {
    private static final TruffleString.FromByteArrayNode FROM_BYTES = TruffleString.FromByteArrayNode.getUncached();

    private static String text(TruffleString s) {
        return MoatStrings.toJava(s);
    }

    private static void writeText(ByteSink sink, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        sink.write(b, 0, b.length);
    }

    private static int storageLength(TruffleString s) {
        return s.getInternalByteArrayUncached(MoatStrings.ENCODING).getArray().length;
    }

    @Test
    void aStringKeepsItsBytesWhenTheSinkIsWrittenAgain() {
        byte[] piece = new byte[5000];
        java.util.Arrays.fill(piece, (byte) 'a');
        ByteSink sink = new ByteSink(5000);
        sink.write(piece, 0, piece.length); // fills the array exactly: the string takes it
        TruffleString first = sink.toMoatString(FROM_BYTES);
        assertEquals(5000, storageLength(first));
        writeText(sink, "XYZ");
        sink.write('!');
        TruffleString second = sink.toMoatString(FROM_BYTES);
        assertEquals("a".repeat(5000), text(first));
        assertEquals("XYZ!", text(second));
        assertEquals(0, sink.size());
    }

    @Test
    void aShortResultIsCopiedAndTheSinkCanBeWrittenAgain() {
        ByteSink sink = new ByteSink(8);
        writeText(sink, "abcdefgh");
        TruffleString first = sink.toMoatString(FROM_BYTES);
        writeText(sink, "XY");
        TruffleString second = sink.toMoatString(FROM_BYTES);
        assertEquals("abcdefgh", text(first));
        assertEquals("XY", text(second));
        assertEquals(2, storageLength(second));
    }

    @Test
    void aMostlyEmptyArrayIsTrimmedSoAKeptStringHoldsNoSpareBytes() {
        ByteSink sink = new ByteSink(1000);
        sink.write("0123456789".getBytes(StandardCharsets.ISO_8859_1), 0, 10);
        TruffleString s = sink.toMoatString(FROM_BYTES);
        assertEquals("0123456789", text(s));
        assertEquals(10, storageLength(s));
    }

    @Test
    void aLargePieceLeavesRoomForAShortSuffixAndIsNotCopiedAgain() {
        byte[] piece = new byte[160_000];
        java.util.Arrays.fill(piece, (byte) 'x');
        ByteSink sink = new ByteSink(16);
        sink.write('<');
        sink.write(piece, 0, piece.length);
        sink.write('>'); // fits in the headroom the large piece's growth left
        TruffleString s = sink.toMoatString(FROM_BYTES);
        assertEquals(160_002, MoatStrings.length(s));
        int storage = storageLength(s);
        // Taken as it is: larger than the string by the headroom (a sixteenth), not trimmed to it.
        assertEquals(160_001 + (160_001 >> 4), storage);
        assertEquals('<', s.readByteUncached(0, MoatStrings.ENCODING));
        assertEquals('>', s.readByteUncached(160_001, MoatStrings.ENCODING));
    }
}

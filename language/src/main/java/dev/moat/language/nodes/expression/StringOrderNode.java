package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.memory.ByteArraySupport;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.strings.InternalByteArray;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.runtime.MoatStrings;

import java.util.Arrays;

/**
 * Lua's order of strings: unsigned bytewise, the shorter string first when one is a prefix of the other
 * (strcmp in the C locale, embedded zeros included). Negative, zero or positive, like a comparator.
 *
 * <p>TruffleString's {@code CompareBytesNode} does the same, but compiles its comparison once for each
 * combination of byte strides and storage a string may have (≈ 320 nodes), though Moat's UTF-8 strings
 * always have stride 0; every {@code a < b} site and each of a sort's five comparator sites carried it.
 * Here both strings' bytes are read in place and compared eight at a time (one 64-bit load from each),
 * the first difference located in the word that differs, and the last few bytes one by one.
 */
public abstract class StringOrderNode extends Node {
    private static final ByteArraySupport WORDS = ByteArraySupport.littleEndian();

    public abstract int execute(TruffleString a, TruffleString b);

    public static StringOrderNode create() {
        return StringOrderNodeGen.create();
    }

    @Specialization
    static int compare(TruffleString a, TruffleString b,
                    @Cached TruffleString.GetInternalByteArrayNode bytesOfA,
                    @Cached TruffleString.GetInternalByteArrayNode bytesOfB) {
        InternalByteArray x = bytesOfA.execute(a, MoatStrings.ENCODING);
        InternalByteArray y = bytesOfB.execute(b, MoatStrings.ENCODING);
        byte[] bytesA = x.getArray();
        byte[] bytesB = y.getArray();
        int offsetA = x.getOffset();
        int offsetB = y.getOffset();
        int common = Math.min(x.getLength(), y.getLength());
        int i = Arrays.mismatch(bytesA, offsetA, offsetA + common, bytesB, offsetB, offsetB + common);
        if (i >= 0) {
            return Byte.toUnsignedInt(bytesA[offsetA + i]) - Byte.toUnsignedInt(bytesB[offsetB + i]);
        }
        return x.getLength() - y.getLength();
    }
}

package dev.moat.stdlib.string;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.runtime.MoatStrings;

import java.util.ArrayList;
import java.util.List;

/**
 * string.unpack: reads the values a format describes from a data string starting at an initial
 * position, and returns them followed by the position after the last byte read. Alignment padding is
 * computed from the absolute position in the data, as in lua5.4. Items and bytes read are charged to
 * the instruction budget; every result slot and string result to the memory budget before it is made.
 */
final class StringUnpacker {
    /** Lua's stack cannot hold more results than this (LUAI_MAXSTACK). */
    private static final int MAX_RESULTS = 1_000_000;

    private StringUnpacker() {
    }

    @TruffleBoundary
    static Object unpack(BuiltinNode node, Object formatArg, Object dataArg, Object initArg) {
        byte[] format = MoatStrings.bytesView(node.checkString(formatArg, 1));
        byte[] data = MoatStrings.bytesView(node.checkString(dataArg, 2));
        long dataLength = data.length;
        long pos = StringBuiltins.startIndex(node.optInteger(initArg, 3, 1), dataLength) - 1;
        if (pos > dataLength) {
            throw node.argError(3, "initial position out of string");
        }
        PackFormatReader reader = new PackFormatReader(node, format);
        List<Object> results = new ArrayList<>();
        while (reader.hasMore()) {
            PackFormatReader.Item item = reader.next(pos);
            int size = item.size();
            if ((long) item.padding() + size > dataLength - pos) {
                throw node.argError(2, "data string too short");
            }
            pos += item.padding();
            node.charge(1 + size / 64);
            if (item.option().carriesValue()) {
                if (results.size() >= MAX_RESULTS) {
                    throw node.error("stack overflow (too many results)");
                }
                node.allocate(SizeModel.arraySlots(1)); // the result's slot, as table.unpack charges
                int at = (int) pos;
                Object value = switch (item.option()) {
                    case SIGNED, UNSIGNED -> integer(node, data, at, size, reader.littleEndian(), item.option() == PackOption.SIGNED);
                    case FLOAT -> PackedNumbers.widenFloat((int) integer(node, data, at, 4, reader.littleEndian(), false));
                    case DOUBLE -> Double.longBitsToDouble(integer(node, data, at, 8, reader.littleEndian(), false));
                    case FIXED_STRING -> string(node, data, at, size);
                    case LENGTH_PREFIXED_STRING -> {
                        long length = integer(node, data, at, size, reader.littleEndian(), false);
                        // The length is unsigned: a "negative" one is far too long.
                        if (Long.compareUnsigned(length, dataLength - pos - size) > 0) {
                            throw node.argError(2, "data string too short");
                        }
                        pos += length;
                        yield string(node, data, at + size, (int) length);
                    }
                    case ZERO_TERMINATED_STRING -> {
                        int zero = at;
                        while (zero < data.length && data[zero] != 0) {
                            zero++;
                        }
                        node.charge((zero - at) / 64);
                        if (zero >= data.length) {
                            throw node.argError(2, "unfinished string for format 'z'");
                        }
                        pos += zero - at + 1;
                        yield string(node, data, at, zero - at);
                    }
                    default -> throw new IllegalStateException(item.option().name());
                };
                results.add(value);
            }
            pos += size;
        }
        results.add(pos + 1);
        return results.size() == 1 ? results.get(0) : results.toArray();
    }

    private static long integer(BuiltinNode node, byte[] data, int at, int size, boolean littleEndian, boolean signed) {
        Long value = PackedNumbers.readInteger(data, at, size, littleEndian, signed);
        if (value == null) {
            throw node.error(size + "-byte integer does not fit into Lua Integer");
        }
        return value;
    }

    private static TruffleString string(BuiltinNode node, byte[] data, int at, int length) {
        node.allocate(SizeModel.string(length));
        node.charge(length / 64);
        return MoatStrings.fromBytes(data, at, length);
    }
}

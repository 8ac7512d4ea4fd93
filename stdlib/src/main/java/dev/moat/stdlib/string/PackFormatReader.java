package dev.moat.stdlib.string;

import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.runtime.MoatError;

/**
 * Reads the options of a string.pack/unpack/packsize format one at a time, keeping the settings the
 * format changes as it goes (endianness, maximum alignment), and works out the padding each item needs
 * at a given offset. Sizes and rules are those of lua5.4 on x86-64: native order little-endian, int 4,
 * long/size_t/lua_Integer 8 bytes, default maximum alignment 8; the format ends at its first zero byte,
 * as the C implementation reads it as a C string.
 */
final class PackFormatReader {
    /** The largest size of an integer option (Lua's MAXINTSIZE). */
    static final int MAX_INTEGER_SIZE = 16;
    /** Numerals in formats stop growing past this, like Lua's getnum with MAXSIZE = INT_MAX. */
    private static final int NUMERAL_GROWTH_LIMIT = (Integer.MAX_VALUE - 9) / 10;
    private static final int NATIVE_INT = 4;
    private static final int NATIVE_SIZE_T = 8;
    private static final int NATIVE_MAX_ALIGN = 8;

    /** One item of the format: what it is, its size in bytes, and the padding bytes before it. */
    record Item(PackOption option, int size, int padding) {
    }

    private final BuiltinNode node;
    private final byte[] format;
    private final int end;
    private int position;
    private boolean littleEndian = true;
    private int maxAlign = 1;
    /** Size of the option read last by {@link #readOption()}. */
    private int optionSize;

    PackFormatReader(BuiltinNode node, byte[] format) {
        this.node = node;
        this.format = format;
        int zero = 0;
        while (zero < format.length && format[zero] != 0) {
            zero++;
        }
        this.end = zero;
    }

    boolean hasMore() {
        return position < end;
    }

    boolean littleEndian() {
        return littleEndian;
    }

    /** The next item, with the padding that aligns it when it would start at {@code offset}. */
    Item next(long offset) {
        PackOption option = readOption();
        int size = optionSize;
        int align = size;
        if (option == PackOption.ALIGNMENT_PADDING) {
            // X takes its alignment from the next option, which is consumed but otherwise ignored.
            if (position >= end || readOption() == PackOption.FIXED_STRING || optionSize == 0) {
                throw node.argError(1, "invalid next option for option 'X'");
            }
            align = optionSize;
        }
        int padding = 0;
        if (align > 1 && option != PackOption.FIXED_STRING) {
            align = Math.min(align, maxAlign);
            if ((align & (align - 1)) != 0) {
                throw node.argError(1, "format asks for alignment not power of 2");
            }
            padding = (int) ((align - (offset & (align - 1))) & (align - 1));
        }
        return new Item(option, size, padding);
    }

    private PackOption readOption() {
        int c = format[position++] & 0xff;
        optionSize = 0;
        switch (c) {
            case 'b', 'B' -> optionSize = 1;
            case 'h', 'H' -> optionSize = 2;
            case 'l', 'L', 'j', 'J', 'T' -> optionSize = 8;
            case 'i', 'I' -> optionSize = readIntegerSize(NATIVE_INT);
            case 'f' -> optionSize = 4;
            case 'd', 'n' -> optionSize = 8;
            case 's' -> optionSize = readIntegerSize(NATIVE_SIZE_T);
            case 'c' -> {
                optionSize = readNumeral(-1);
                if (optionSize == -1) {
                    throw node.error("missing size for format option 'c'");
                }
            }
            case 'x' -> optionSize = 1;
            case 'z', 'X', ' ' -> {
            }
            case '<', '=' -> littleEndian = true;
            case '>' -> littleEndian = false;
            case '!' -> maxAlign = readIntegerSize(NATIVE_MAX_ALIGN);
            default -> throw invalidOption(c);
        }
        return switch (c) {
            case 'b', 'h', 'i', 'l', 'j' -> PackOption.SIGNED;
            case 'B', 'H', 'I', 'L', 'J', 'T' -> PackOption.UNSIGNED;
            case 'f' -> PackOption.FLOAT;
            case 'd', 'n' -> PackOption.DOUBLE;
            case 's' -> PackOption.LENGTH_PREFIXED_STRING;
            case 'c' -> PackOption.FIXED_STRING;
            case 'z' -> PackOption.ZERO_TERMINATED_STRING;
            case 'x' -> PackOption.PADDING_BYTE;
            case 'X' -> PackOption.ALIGNMENT_PADDING;
            default -> PackOption.NONE;
        };
    }

    /** Digits after an option, or {@code absent} when there are none. */
    private int readNumeral(int absent) {
        if (position >= end || !isDigit(format[position])) {
            return absent;
        }
        int n = 0;
        do {
            n = n * 10 + (format[position++] - '0');
        } while (position < end && isDigit(format[position]) && n <= NUMERAL_GROWTH_LIMIT);
        return n;
    }

    private int readIntegerSize(int absent) {
        int size = readNumeral(absent);
        if (size > MAX_INTEGER_SIZE || size <= 0) {
            throw node.error("integral size (" + size + ") out of limits [1," + MAX_INTEGER_SIZE + "]");
        }
        return size;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The offending option is shown as the raw byte, as lua5.4 does, even when it is not ASCII. */
    private MoatError invalidOption(int c) {
        return MoatNodes.byteError(node, "invalid format option '" + (char) c + "'");
    }
}

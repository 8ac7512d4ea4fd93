package dev.moat.stdlib.string;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;

import java.util.Arrays;

/**
 * string.pack and string.packsize. Items are processed in order exactly as lua5.4 does, so the first
 * problem met (bad option, bad argument, overflow) is the one reported. Every byte is charged to the
 * memory budget before it is written and to the instruction budget (1 per item, 1 per 64 bytes).
 */
final class StringPacker {
    /** Lua's MAXSIZE (INT_MAX on 64-bit): packsize results beyond it are "format result too large". */
    private static final long MAX_SIZE = Integer.MAX_VALUE;
    /** A Java array cannot hold more; Lua would run out of memory somewhat later. */
    private static final long MAX_RESULT = Integer.MAX_VALUE - 64;

    private final BuiltinNode node;
    private byte[] buffer = new byte[32];
    private int length;

    private StringPacker(BuiltinNode node) {
        this.node = node;
    }

    @TruffleBoundary
    static TruffleString pack(BuiltinNode node, Object[] args) {
        byte[] format = MoatStrings.bytesView(node.checkString(args.length > 0 ? args[0] : MoatNil.NIL, 1));
        PackFormatReader reader = new PackFormatReader(node, format);
        StringPacker packer = new StringPacker(node);
        int arg = 1;
        while (reader.hasMore()) {
            PackFormatReader.Item item = reader.next(packer.length);
            node.charge(1);
            packer.zeros(item.padding());
            if (item.option().carriesValue()) {
                arg++;
                packer.packValue(item, reader.littleEndian(), args, arg);
            } else if (item.option() == PackOption.PADDING_BYTE) {
                packer.zeros(1);
            }
        }
        node.allocate(SizeModel.string(0));
        return MoatStrings.fromBytes(Arrays.copyOf(packer.buffer, packer.length));
    }

    private void packValue(PackFormatReader.Item item, boolean littleEndian, Object[] args, int arg) {
        int size = item.size();
        switch (item.option()) {
            case SIGNED -> {
                long n = node.checkInteger(argument(args, arg, "number"), arg);
                if (size < PackedNumbers.LUA_INTEGER_BYTES) {
                    long limit = 1L << (size * 8 - 1);
                    if (n < -limit || n >= limit) {
                        throw node.argError(arg, "integer overflow");
                    }
                }
                PackedNumbers.writeInteger(reserve(size), length - size, n, size, littleEndian, n < 0);
            }
            case UNSIGNED -> {
                long n = node.checkInteger(argument(args, arg, "number"), arg);
                if (size < PackedNumbers.LUA_INTEGER_BYTES && Long.compareUnsigned(n, 1L << (size * 8)) >= 0) {
                    throw node.argError(arg, "unsigned overflow");
                }
                PackedNumbers.writeInteger(reserve(size), length - size, n, size, littleEndian, false);
            }
            case FLOAT -> {
                double d = node.checkNumber(argument(args, arg, "number"), arg);
                PackedNumbers.writeInteger(reserve(4), length - 4, PackedNumbers.floatBits(d), 4, littleEndian, false);
            }
            case DOUBLE -> {
                double d = node.checkNumber(argument(args, arg, "number"), arg);
                PackedNumbers.writeInteger(reserve(8), length - 8, Double.doubleToRawLongBits(d), 8, littleEndian, false);
            }
            case FIXED_STRING -> {
                byte[] s = MoatStrings.bytesView(node.checkString(argument(args, arg, "string"), arg));
                if (s.length > size) {
                    throw node.argError(arg, "string longer than given size");
                }
                bytes(s);
                zeros(size - s.length);
            }
            case LENGTH_PREFIXED_STRING -> {
                byte[] s = MoatStrings.bytesView(node.checkString(argument(args, arg, "string"), arg));
                if (size < PackedNumbers.LUA_INTEGER_BYTES && s.length >= 1L << (size * 8)) {
                    throw node.argError(arg, "string length does not fit in given size");
                }
                PackedNumbers.writeInteger(reserve(size), length - size, s.length, size, littleEndian, false);
                bytes(s);
            }
            case ZERO_TERMINATED_STRING -> {
                byte[] s = MoatStrings.bytesView(node.checkString(argument(args, arg, "string"), arg));
                for (byte b : s) {
                    if (b == 0) {
                        throw node.argError(arg, "string contains zeros");
                    }
                }
                bytes(s);
                zeros(1);
            }
            default -> throw new IllegalStateException(item.option().name());
        }
    }

    /**
     * The argument for an item. A missing one is reported as nil, not "no value": lua5.4's pack keeps a
     * nil just above its arguments, so that is what the first missing argument looks like.
     */
    private Object argument(Object[] args, int arg, String expected) {
        if (arg > args.length) {
            throw node.argError(arg, expected + " expected, got nil");
        }
        return args[arg - 1];
    }

    /** Makes room for {@code n} more bytes (charged first) and counts them as written. */
    private byte[] reserve(long n) {
        node.allocate(n);
        node.charge(n / 64);
        if (length + n > MAX_RESULT) {
            throw node.error("resulting string too large");
        }
        int needed = (int) (length + n);
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_RESULT, Math.max(needed, 2L * buffer.length)));
        }
        length = needed;
        return buffer;
    }

    private void zeros(int n) {
        if (n > 0) {
            reserve(n); // a fresh buffer region is already zero
        }
    }

    private void bytes(byte[] s) {
        reserve(s.length);
        System.arraycopy(s, 0, buffer, length - s.length, s.length);
    }

    /** string.packsize: the size of a format whose items all have fixed sizes. */
    @TruffleBoundary
    static long packSize(BuiltinNode node, Object formatArg) {
        PackFormatReader reader = new PackFormatReader(node, MoatStrings.bytesView(node.checkString(formatArg, 1)));
        long total = 0;
        while (reader.hasMore()) {
            PackFormatReader.Item item = reader.next(total);
            node.charge(1);
            PackOption option = item.option();
            if (option == PackOption.LENGTH_PREFIXED_STRING || option == PackOption.ZERO_TERMINATED_STRING) {
                throw node.argError(1, "variable-length format");
            }
            long size = (long) item.size() + item.padding();
            if (total > MAX_SIZE - size) {
                throw node.argError(1, "format result too large");
            }
            total += size;
        }
        return total;
    }
}

package dev.moat.stdlib.string;

/**
 * Byte layouts of packed numbers: integers of 1 to 16 bytes in either byte order (two's complement,
 * sign-extended past the 8 bytes of a Lua integer) and the bit patterns of C floats and doubles.
 */
final class PackedNumbers {
    static final int LUA_INTEGER_BYTES = 8;

    private PackedNumbers() {
    }

    /** Writes the low {@code size} bytes of {@code value}; bytes past the 8th are 0xff when {@code negative}. */
    static void writeInteger(byte[] out, int at, long value, int size, boolean littleEndian, boolean negative) {
        for (int i = 0; i < size; i++) {
            int b = i < LUA_INTEGER_BYTES ? (int) (value >>> (8 * i)) & 0xff : (negative ? 0xff : 0);
            out[littleEndian ? at + i : at + size - 1 - i] = (byte) b;
        }
    }

    /**
     * Reads a {@code size}-byte integer. Narrow signed values are sign-extended; for sizes over 8 bytes
     * the extra bytes must only extend the sign (or be zero when unsigned), else null: the value does not
     * fit in a Lua integer.
     */
    static Long readInteger(byte[] data, int at, int size, boolean littleEndian, boolean signed) {
        int limit = Math.min(size, LUA_INTEGER_BYTES);
        long result = 0;
        for (int i = limit - 1; i >= 0; i--) {
            result = (result << 8) | (data[littleEndian ? at + i : at + size - 1 - i] & 0xff);
        }
        if (size < LUA_INTEGER_BYTES) {
            if (signed) {
                int unused = 64 - 8 * size;
                result = (result << unused) >> unused;
            }
        } else if (size > LUA_INTEGER_BYTES) {
            int extension = !signed || result >= 0 ? 0 : 0xff;
            for (int i = limit; i < size; i++) {
                if ((data[littleEndian ? at + i : at + size - 1 - i] & 0xff) != extension) {
                    return null;
                }
            }
        }
        return result;
    }

    /**
     * The bits of {@code (float) d} as x86 converts it: rounded to nearest, and a NaN keeps its sign
     * and the top of its payload (Java's conversion does not promise either for NaNs).
     */
    static int floatBits(double d) {
        if (Double.isNaN(d)) {
            long bits = Double.doubleToRawLongBits(d);
            int sign = (int) (bits >>> 63) << 31;
            return sign | 0x7fc00000 | (int) ((bits >>> 29) & 0x7fffff);
        }
        return Float.floatToRawIntBits((float) d);
    }

    /** The double a C float widens to; a NaN keeps its sign and payload. */
    static double widenFloat(int bits) {
        float f = Float.intBitsToFloat(bits);
        if (Float.isNaN(f)) {
            long sign = (long) (bits >>> 31) << 63;
            long payload = (long) (bits & 0x7fffff) << 29;
            return Double.longBitsToDouble(sign | 0x7ff8000000000000L | payload);
        }
        return f;
    }
}

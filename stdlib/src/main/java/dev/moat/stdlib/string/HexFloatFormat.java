package dev.moat.stdlib.string;

/**
 * The digits of C's {@code %a}: a double as "0x" + one hex digit + optional fraction + binary exponent,
 * exactly as glibc prints it (which is what lua5.4 shows). glibc's conventions, checked against lua5.4:
 * <ul>
 * <li>normal numbers lead with 1 ({@code 0x1.8p+1}); subnormals lead with 0 and keep exponent -1022
 * ({@code 0x0.0000000000001p-1022}); zero is {@code 0x0p+0};</li>
 * <li>without a precision the fraction is the 13 hex digits of the mantissa minus trailing zeros;</li>
 * <li>with a precision the mantissa is rounded half-to-even, and a carry may turn the leading digit into
 * 2 (or a subnormal's 0 into 1) without changing the exponent ({@code %.0a} of 1.5 is {@code 0x2p+0});</li>
 * <li>the '#' flag keeps the point even with no fraction digits.</li>
 * </ul>
 * Sign, width and padding are the caller's job; this returns the text after the sign. Infinity and NaN
 * come out as "inf" and "nan".
 */
final class HexFloatFormat {
    private static final int FRACTION_DIGITS = 13;
    private static final long FRACTION_MASK = (1L << 52) - 1;

    private HexFloatFormat() {
    }

    /** The magnitude of {@code v} in %a form; precision -1 means "as many digits as needed". */
    static String magnitude(double v, int precision, boolean alternate) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return "inf";
        }
        long bits = Double.doubleToRawLongBits(v);
        int biasedExponent = (int) ((bits >>> 52) & 0x7ff);
        long fraction = bits & FRACTION_MASK;
        long lead;
        int exponent;
        if (biasedExponent == 0) {
            lead = 0;
            exponent = fraction == 0 ? 0 : -1022;
        } else {
            lead = 1;
            exponent = biasedExponent - 1023;
        }
        String fractionDigits;
        if (precision < 0) {
            fractionDigits = stripTrailingZeros(hexDigits(fraction, FRACTION_DIGITS));
        } else if (precision >= FRACTION_DIGITS) {
            fractionDigits = hexDigits(fraction, FRACTION_DIGITS) + "0".repeat(precision - FRACTION_DIGITS);
        } else {
            long rounded = roundHalfEven((lead << 52) | fraction, (FRACTION_DIGITS - precision) * 4);
            lead = rounded >>> (precision * 4);
            fractionDigits = precision == 0 ? "" : hexDigits(rounded & ((1L << (precision * 4)) - 1), precision);
        }
        StringBuilder sb = new StringBuilder(24 + fractionDigits.length());
        sb.append("0x").append(Long.toHexString(lead));
        if (!fractionDigits.isEmpty() || alternate) {
            sb.append('.').append(fractionDigits);
        }
        sb.append('p').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        return sb.toString();
    }

    /** {@code value >> drop}, rounded to nearest with ties to the even result. */
    private static long roundHalfEven(long value, int drop) {
        long kept = value >>> drop;
        long rest = value & ((1L << drop) - 1);
        long half = 1L << (drop - 1);
        if (rest > half || (rest == half && (kept & 1) == 1)) {
            kept++;
        }
        return kept;
    }

    private static String hexDigits(long value, int count) {
        String s = Long.toHexString(value);
        return s.length() >= count ? s : "0".repeat(count - s.length()) + s;
    }

    private static String stripTrailingZeros(String digits) {
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }
}

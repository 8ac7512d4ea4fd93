package dev.moat.language.runtime;

/**
 * C's {@code %.14g} of a double (what Lua prints for a float, before its ".0") from the shortest decimal
 * that reads back as the same double, which {@link Double#toString} computes (JDK 19 and later) at a
 * fraction of the cost of rounding the exact binary value with {@code BigDecimal}: a float's
 * {@code tostring}, concatenation or {@code table.concat} took ≈ 500 ns that way, lua5.4 ≈ 270.
 *
 * <p>Why the shortest digits round as the exact value does: the shortest decimal S lies within half an
 * ulp of the double's exact value x, about 10^-16 of x, while the 14-digit rounding steps are 10^-14 of x
 * or more. With at most 14 significant digits S is its own rounding and x rounds to it. With 16 or 17, no
 * 15-digit number (a rounding midpoint has 15) is as close to x as S, so no midpoint lies between x and
 * S and both round alike, never as a tie (S has non-zero digits past the fifteenth). With exactly 15, S
 * itself may be a midpoint (fifteenth digit 5), and then only x's exact value tells: null is returned and
 * the caller rounds exactly. Zeros, infinities, NaN and subnormals (fewer significant bits, so the
 * shortest digits may be as short as "4.9e-324") are left to the caller too.
 */
final class ShortestDigits {
    private static final int PRECISION = 14;

    private ShortestDigits() {
    }

    /** {@code %.14g} of {@code d}, or null where the exact rounding is needed (see the class comment). */
    static String formatG14(double d) {
        if (!(Math.abs(d) >= Double.MIN_NORMAL) || Double.isInfinite(d)) {
            return null; // zeros, NaN, infinities, and subnormals, whose ulp is no longer 2^-52 of them
        }
        String shortest = Double.toString(Math.abs(d));
        // "ddd.ddd" or "d.dddE[-]n": collect the significant digits and the power of ten of the first one.
        char[] digits = new char[PRECISION + 4];
        int count = 0;
        int firstPower = 0;
        int integerDigits = 0;
        boolean seenPoint = false;
        boolean seenNonZero = false;
        int leadingZerosAfterPoint = 0;
        int exponent = 0;
        int length = shortest.length();
        int i = 0;
        for (; i < length; i++) {
            char c = shortest.charAt(i);
            if (c == '.') {
                seenPoint = true;
            } else if (c == 'E') {
                exponent = Integer.parseInt(shortest, i + 1, length, 10);
                break;
            } else {
                if (!seenPoint) {
                    integerDigits++;
                }
                if (c == '0' && !seenNonZero) {
                    if (seenPoint) {
                        leadingZerosAfterPoint++;
                    }
                    continue;
                }
                seenNonZero = true;
                if (count == digits.length) {
                    return null; // more than 18 digits: not from Double.toString
                }
                digits[count++] = c;
            }
        }
        while (count > 0 && digits[count - 1] == '0') {
            count--; // "100.0" has one significant digit
        }
        boolean startsInInteger = shortest.charAt(0) != '0';
        firstPower = (startsInInteger ? integerDigits - 1 : -1 - leadingZerosAfterPoint) + exponent;
        if (count > PRECISION) {
            if (count == PRECISION + 1 && digits[PRECISION] == '5') {
                return null; // possibly a tie: the exact value decides
            }
            boolean up = digits[PRECISION] >= '5';
            count = PRECISION;
            if (up) {
                int k = count - 1;
                while (k >= 0 && digits[k] == '9') {
                    k--;
                }
                if (k < 0) {
                    digits[0] = '1'; // 99999999999999.5... becomes 1 followed by zeros, one power up
                    count = 1;
                    firstPower++;
                } else {
                    digits[k]++;
                    count = k + 1;
                }
            }
            while (count > 0 && digits[count - 1] == '0') {
                count--;
            }
        }
        StringBuilder out = new StringBuilder(24);
        if (d < 0) {
            out.append('-');
        }
        if (firstPower < -4 || firstPower >= PRECISION) {
            out.append(digits[0]);
            if (count > 1) {
                out.append('.').append(digits, 1, count - 1);
            }
            out.append('e').append(firstPower < 0 ? '-' : '+');
            int magnitude = Math.abs(firstPower);
            if (magnitude < 10) {
                out.append('0');
            }
            out.append(magnitude);
        } else if (firstPower < 0) {
            out.append("0.");
            for (int z = -1; z > firstPower; z--) {
                out.append('0');
            }
            out.append(digits, 0, count);
        } else if (count <= firstPower + 1) {
            out.append(digits, 0, count);
            for (int z = count; z <= firstPower; z++) {
                out.append('0');
            }
        } else {
            out.append(digits, 0, firstPower + 1).append('.').append(digits, firstPower + 1, count - firstPower - 1);
        }
        return out.toString();
    }
}

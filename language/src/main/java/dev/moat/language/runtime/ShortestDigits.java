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
public final class ShortestDigits {
    /** Largest {@code %.Pg} precision answered here: 10^-(P-1) of a value must stay well above its ulp. */
    static final int MAX_GENERAL_PRECISION = 15;

    private ShortestDigits() {
    }

    /** The significant digits of a positive double's shortest decimal and the power of ten of the first. */
    private static final class Decimal {
        final char[] digits = new char[20];
        int count;
        int firstPower;

        /** Parses {@link Double#toString}'s "ddd.ddd" or "d.dddE[-]n" of a positive finite double. */
        Decimal(double positive) {
            String shortest = Double.toString(positive);
            int integerDigits = 0;
            boolean seenPoint = false;
            boolean seenNonZero = false;
            int leadingZerosAfterPoint = 0;
            int exponent = 0;
            int length = shortest.length();
            for (int i = 0; i < length; i++) {
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
                    digits[count++] = c;
                }
            }
            trimZeros();
            boolean startsInInteger = shortest.charAt(0) != '0';
            firstPower = (startsInInteger ? integerDigits - 1 : -1 - leadingZerosAfterPoint) + exponent;
        }

        void trimZeros() {
            while (count > 0 && digits[count - 1] == '0') {
                count--; // "100.0" has one significant digit
            }
        }

        /** Keeps the first {@code keep} (>= 1, < count) digits, rounding half up on the next one. */
        void roundTo(int keep) {
            boolean up = digits[keep] >= '5';
            count = keep;
            if (up) {
                int k = count - 1;
                while (k >= 0 && digits[k] == '9') {
                    k--;
                }
                if (k < 0) {
                    digits[0] = '1'; // 99.96 to three digits is 100: one digit, one power up
                    count = 1;
                    firstPower++;
                } else {
                    digits[k]++;
                    count = k + 1;
                }
            }
            trimZeros();
        }

        /** The digit of the power of ten {@code power}, '0' outside the significant digits. */
        char digitAt(int power) {
            int index = firstPower - power;
            return index >= 0 && index < count ? digits[index] : '0';
        }
    }

    /**
     * {@code %.Pg} of {@code d} for 1 &lt;= P &lt;= 15, or null where the exact rounding is needed. The class
     * comment's argument holds for any such P: the steps of a P-digit rounding are at least 10^-P of the
     * value, the shortest digits within 2^-53 of it.
     */
    static String formatG(double d, int precision) {
        if (precision < 1 || precision > MAX_GENERAL_PRECISION) {
            return null;
        }
        if (!(Math.abs(d) >= Double.MIN_NORMAL) || Double.isInfinite(d)) {
            return null; // zeros, NaN, infinities, and subnormals, whose ulp is no longer 2^-52 of them
        }
        Decimal decimal = new Decimal(Math.abs(d));
        char[] digits = decimal.digits;
        if (decimal.count > precision) {
            if (decimal.count == precision + 1 && digits[precision] == '5') {
                return null; // possibly a tie: the exact value decides
            }
            decimal.roundTo(precision);
        }
        int count = decimal.count;
        int firstPower = decimal.firstPower;
        StringBuilder out = new StringBuilder(24);
        if (d < 0) {
            out.append('-');
        }
        if (firstPower < -4 || firstPower >= precision) {
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

    /** Largest {@code %.Nf} precision answered here. */
    private static final int MAX_FIXED_PRECISION = 15;
    /** Half of 10^-N: the fast path needs the double's ulp below it (see {@link #formatFixed}). */
    private static final double[] HALF_STEP = new double[MAX_FIXED_PRECISION + 1];

    static {
        for (int n = 0; n <= MAX_FIXED_PRECISION; n++) {
            HALF_STEP[n] = 0.5 / Math.pow(10, n);
        }
    }

    /**
     * C's {@code %.Nf} digits of a non-negative finite double (no sign), or null where the exact rounding is
     * needed. Where the double's ulp is below half of 10^-N, its shortest digits S round as its exact value x:
     * if S has at most N decimals it is x's rounding (x is within half an ulp of it); with N + 2 or more, a
     * rounding midpoint (N + 1 decimals) between x and S would be a shorter decimal in x's rounding interval;
     * with exactly N + 1, one that is not S would be a decimal of S's length closer to x; S itself a midpoint
     * (its last digit a 5) is left to the exact rounding, as are larger doubles, whose integer digits the
     * shortest form drops ({@code %.2f} of 2^70 prints all 22 of them).
     */
    public static String formatFixed(double v, int precision) {
        if (precision > MAX_FIXED_PRECISION || !(v >= 0) || Double.isInfinite(v)) {
            return null;
        }
        StringBuilder out = new StringBuilder(24);
        if (v == 0) {
            out.append('0');
            if (precision > 0) {
                out.append('.');
                for (int i = 0; i < precision; i++) {
                    out.append('0');
                }
            }
            return out.toString();
        }
        if (!(Math.ulp(v) < HALF_STEP[precision])) {
            return null;
        }
        Decimal decimal = new Decimal(v);
        int decimals = decimal.count - 1 - decimal.firstPower; // digits of S below the units
        if (decimals > precision) {
            if (decimals == precision + 1 && decimal.digits[decimal.count - 1] == '5') {
                return null; // S may be a midpoint: the exact value decides
            }
            int keep = decimal.firstPower + precision + 1; // digits of S at 10^-N and above
            if (keep <= 0) {
                // S < 10^-N: it rounds to 10^-N when at least half of it, else to zero (keep == 0 means
                // S's first digit is at 10^-(N+1); a lone 5 there was the midpoint case above)
                boolean up = keep == 0 && decimal.digits[0] >= '5';
                decimal.count = up ? 1 : 0;
                decimal.digits[0] = '1';
                decimal.firstPower = -precision;
            } else {
                decimal.roundTo(keep);
            }
        }
        int top = Math.max(decimal.firstPower, 0);
        for (int power = top; power >= -precision; power--) {
            if (power == -1) {
                out.append('.');
            }
            out.append(decimal.digitAt(power));
        }
        return out.toString();
    }
}

package dev.moat.stdlib.json;

import java.math.BigDecimal;

/**
 * A float as JSON text: the fewest significant digits that read back as the same double (Java's
 * {@code Double.toString} finds them), laid out as C's {@code %g} lays out 17 digits: plain up to
 * 10^17, with an exponent below 10^-4 and from 10^17 on. So 0.1 is {@code 0.1}, not {@code 0.10000000000000001},
 * and 2^63 is {@code 9.223372036854776e+18}; an integral float below 10^17 is written as its exact integer, without
 * a fraction (JSON has one number type; it reads back as an equal integer). Negative zero is {@code -0.0}, so
 * that it reads back as a float.
 */
final class JsonNumbers {
    private JsonNumbers() {
    }

    /** {@code d} is finite. */
    static String shortest(double d) {
        if (d == 0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0";
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = b.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - b.scale(); // d = digits[0].digits[1..] * 10^exp
        StringBuilder sb = new StringBuilder(digits.length() + 8);
        if (d < 0) {
            sb.append('-');
        }
        if (exp < -4 || exp >= 17) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            if (Math.abs(exp) < 10) {
                sb.append('0'); // two exponent digits at least, as C writes them
            }
            sb.append(Math.abs(exp));
        } else if (exp < 0) {
            sb.append("0.");
            for (int i = -1; i > exp; i--) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (digits.length() <= exp + 1) {
            // An integral value below 10^17 is written as the integer it is: it reads back as an integer, which
            // must equal the float exactly (18014398520573968, whose shortest digits 1801439852057397 padded with a
            // zero would read back as the integer 18014398520573970).
            sb.append((long) Math.abs(d));
        } else {
            sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
        }
        return sb.toString();
    }
}

package dev.moat.stdlib.string;

import dev.moat.language.runtime.LuaNumberFormat;
import dev.moat.language.runtime.ShortestDigits;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The digits of C's %e, %f and %g for a finite, non-negative double, computed from its exact binary
 * value with round-half-even as glibc does. Signs and padding are the caller's; the '#' flag
 * ({@code alternate}) keeps the decimal point, and for %g the trailing zeros too.
 */
final class DecimalFloatFormat {
    private DecimalFloatFormat() {
    }

    static String magnitude(double v, char conversion, int precision, boolean alternate) {
        return switch (Character.toLowerCase(conversion)) {
            case 'f' -> fixed(v, precision, alternate);
            case 'e' -> exponent(v, precision, alternate);
            default -> general(v, precision == 0 ? 1 : precision, alternate);
        };
    }

    private static String fixed(double v, int precision, boolean alternate) {
        // Money and measurements ("%.2f") mostly take the shortest-digits path; the exact value decides the rest.
        String s = ShortestDigits.formatFixed(v, precision);
        if (s == null) {
            s = new BigDecimal(v).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        }
        return alternate && precision == 0 ? s + "." : s;
    }

    private static String exponent(double v, int precision, boolean alternate) {
        String mantissa;
        int exp;
        if (v == 0) {
            mantissa = "0" + "0".repeat(precision);
            exp = 0;
        } else {
            BigDecimal bd = new BigDecimal(v).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            exp = bd.precision() - bd.scale() - 1;
            String digits = bd.unscaledValue().toString();
            mantissa = digits.length() >= precision + 1 ? digits.substring(0, precision + 1)
                    : digits + "0".repeat(precision + 1 - digits.length());
        }
        String point = precision > 0 || alternate ? "." : "";
        return mantissa.charAt(0) + point + mantissa.substring(1) + "e" + (exp < 0 ? "-" : "+")
                + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    /** %g: the style of %e or %f by the decimal exponent X after rounding to P digits (C99 7.19.6.1). */
    private static String general(double v, int p, boolean alternate) {
        if (!alternate) {
            return LuaNumberFormat.formatG(v, p);
        }
        int exp = v == 0 ? 0 : decimalExponent(v, p);
        if (exp < -4 || exp >= p) {
            return exponent(v, p - 1, true);
        }
        return fixed(v, p - 1 - exp, true);
    }

    private static int decimalExponent(double v, int significantDigits) {
        BigDecimal bd = new BigDecimal(v).round(new MathContext(significantDigits, RoundingMode.HALF_EVEN));
        return bd.precision() - bd.scale() - 1;
    }
}

package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Lua's float to string conversion ("%.14g", then ".0" appended when the result looks like an integer),
 * computed from the exact binary value with round-half-even, as glibc's printf does.
 */
public final class LuaNumberFormat {
    private LuaNumberFormat() {
    }

    @TruffleBoundary
    public static String toLuaString(double d) {
        String s = formatG(d, 14);
        if (s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('n') < 0 && s.indexOf('i') < 0) {
            return s + ".0";
        }
        return s;
    }

    /** C's %.{precision}g: from the shortest digits where they round as the exact value, else exactly. */
    @TruffleBoundary
    public static String formatG(double d, int precision) {
        String fast = ShortestDigits.formatG(d, precision == 0 ? 1 : precision);
        return fast != null ? fast : exactG(d, precision);
    }

    /** C's %.{precision}g from the exact binary value (round-half-even, as glibc). */
    static String exactG(double d, int precision) {
        if (Double.isNaN(d)) {
            return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        int p = precision == 0 ? 1 : precision;
        BigDecimal bd = new BigDecimal(d).round(new MathContext(p, RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= p) {
            String digits = bd.unscaledValue().abs().toString();
            StringBuilder m = new StringBuilder();
            m.append(digits.charAt(0));
            String rest = digits.substring(1).replaceAll("0+$", "");
            if (!rest.isEmpty()) {
                m.append('.').append(rest);
            }
            int e = exp;
            String es = (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
            return (d < 0 ? "-" : "") + m + "e" + es;
        }
        String plain = bd.setScale(Math.max(0, p - 1 - exp), RoundingMode.HALF_EVEN).toPlainString();
        if (plain.indexOf('.') >= 0) {
            plain = plain.replaceAll("0+$", "");
            if (plain.endsWith(".")) {
                plain = plain.substring(0, plain.length() - 1);
            }
        }
        return plain;
    }
}

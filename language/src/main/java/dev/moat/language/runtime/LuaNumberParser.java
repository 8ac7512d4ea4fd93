package dev.moat.language.runtime;

/**
 * Lua numerals and string-to-number conversion, with Lua 5.4's rules: an integer when the text is a
 * decimal integer that fits (or a hexadecimal one, which wraps around), otherwise a float in C's
 * strtod syntax (decimal or hexadecimal); optional surrounding whitespace (Lua's six space characters
 * only) and one optional sign; "inf" and "nan" are not numbers. tonumber with a base has its own rule.
 * Known gap: no 200-character numeral cap.
 */
public final class LuaNumberParser {
    private LuaNumberParser() {
    }

    public static Object parseNumeral(String text) {
        return toNumber(text);
    }

    /** Lua's luaO_str2num: a Long, a Double, or null when the text is not a number. */
    public static Object toNumber(String s) {
        Long integer = toIntegerNumeral(s);
        if (integer != null) {
            return integer;
        }
        return toFloat(s);
    }

    public static Object toNumber(byte[] s) {
        return toNumber(new String(s, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int hexValue(char c) {
        if (isDigit(c)) {
            return c - '0';
        }
        char l = (char) (c | 0x20);
        return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
    }

    /** Lua's l_str2int: decimal integers that fit, or hexadecimal integers (wrapping around). */
    private static Long toIntegerNumeral(String s) {
        int i = skipSpaces(s, 0);
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        long a = 0;
        boolean empty = true;
        if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            i += 2;
            while (i < s.length() && hexValue(s.charAt(i)) >= 0) {
                a = a * 16 + hexValue(s.charAt(i));
                empty = false;
                i++;
            }
        } else {
            long maxBy10 = Long.MAX_VALUE / 10;
            int maxLastDigit = (int) (Long.MAX_VALUE % 10);
            while (i < s.length() && isDigit(s.charAt(i))) {
                int d = s.charAt(i) - '0';
                // Overflow: not an integer (it may still be read as a float); -2^63 itself fits. Compared
                // unsigned, as Lua's lua_Unsigned accumulator is: after "-9223372036854775808" the value has
                // wrapped to Long.MIN_VALUE, and a signed test let a further digit through.
                int atMax = Long.compareUnsigned(a, maxBy10);
                if (atMax >= 0 && (atMax > 0 || d > maxLastDigit + (neg ? 1 : 0))) {
                    return null;
                }
                a = a * 10 + d;
                empty = false;
                i++;
            }
        }
        i = skipSpaces(s, i);
        if (empty || i != s.length()) {
            return null;
        }
        return neg ? -a : a;
    }

    /** Lua's l_str2d: strtod's syntax without "inf"/"nan", and nothing but spaces after the number. */
    private static Double toFloat(String s) {
        if (s.indexOf('n') >= 0 || s.indexOf('N') >= 0) {
            return null;
        }
        int i = skipSpaces(s, 0);
        int end = s.length();
        while (end > i && isSpace(s.charAt(end - 1))) {
            end--;
        }
        boolean neg = false;
        if (i < end && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        String body = s.substring(i, end);
        Double value = body.length() > 1 && body.charAt(0) == '0' && (body.charAt(1) == 'x' || body.charAt(1) == 'X')
                ? hexFloat(body.substring(2)) : decimalFloat(body);
        if (value == null) {
            return null;
        }
        return neg ? -value : value;
    }

    private static Double decimalFloat(String b) {
        int i = 0;
        int digits = 0;
        while (i < b.length() && isDigit(b.charAt(i))) {
            i++;
            digits++;
        }
        if (i < b.length() && b.charAt(i) == '.') {
            i++;
            while (i < b.length() && isDigit(b.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (i < b.length() && (b.charAt(i) == 'e' || b.charAt(i) == 'E')) {
            i = exponentEnd(b, i + 1);
            if (i < 0) {
                return null;
            }
        }
        if (i != b.length()) {
            return null;
        }
        return Double.parseDouble(b);
    }

    /** The body after "0x": hex digits with an optional point, then an optional binary exponent. */
    private static Double hexFloat(String b) {
        int i = 0;
        int digits = 0;
        while (i < b.length() && hexValue(b.charAt(i)) >= 0) {
            i++;
            digits++;
        }
        if (i < b.length() && b.charAt(i) == '.') {
            i++;
            while (i < b.length() && hexValue(b.charAt(i)) >= 0) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        int mantissaEnd = i;
        String exponent = "p0";
        if (i < b.length() && (b.charAt(i) == 'p' || b.charAt(i) == 'P')) {
            i = exponentEnd(b, i + 1);
            if (i < 0) {
                return null;
            }
            exponent = b.substring(mantissaEnd);
        }
        if (i != b.length()) {
            return null;
        }
        return Double.parseDouble("0x" + b.substring(0, mantissaEnd) + exponent);
    }

    /** Index after an exponent's optional sign and its (required) decimal digits, or -1. */
    private static int exponentEnd(String b, int i) {
        if (i < b.length() && (b.charAt(i) == '+' || b.charAt(i) == '-')) {
            i++;
        }
        int start = i;
        while (i < b.length() && isDigit(b.charAt(i))) {
            i++;
        }
        return i == start ? -1 : i;
    }

    /** tonumber(s, base): optional spaces and sign, at least one alphanumeric digit below base, wrapping. */
    public static Long toInteger(String s, int base) {
        int i = skipSpaces(s, 0);
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        long n = 0;
        int start = i;
        while (i < s.length()) {
            char c = s.charAt(i);
            int digit;
            if (isDigit(c)) {
                digit = c - '0';
            } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                digit = (c | 0x20) - 'a' + 10;
            } else {
                break;
            }
            if (digit >= base) {
                return null;
            }
            n = n * base + digit;
            i++;
        }
        if (i == start || skipSpaces(s, i) != s.length()) {
            return null;
        }
        return neg ? -n : n;
    }
}

package dev.moat.language.runtime;

/**
 * Lua numerals and string-to-number conversion: decimal and hexadecimal integers (hex wraps around,
 * decimal overflows to float), decimal and hex floats, surrounding whitespace, a sign for conversions,
 * and tonumber with a base. Known gap: no 200-character numeral cap yet, and hex floats are parsed by
 * Double.parseDouble (exact, but long inputs cost linear time in the JDK).
 */
public final class LuaNumberParser {
    private LuaNumberParser() {
    }

    public static Object parseNumeral(String text) {
        return toNumber(text);
    }

    public static Object toNumber(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return null;
        }
        boolean neg = false;
        String body = t;
        if (body.startsWith("-") || body.startsWith("+")) {
            neg = body.startsWith("-");
            body = body.substring(1);
        }
        try {
            if (body.startsWith("0x") || body.startsWith("0X")) {
                String h = body.substring(2);
                if (h.isEmpty() || h.equals(".") || h.startsWith("p") || h.startsWith("P")) {
                    return null;
                }
                if (h.contains(".") || h.contains("p") || h.contains("P")) {
                    double d = Double.parseDouble("0x" + (h.contains("p") || h.contains("P") ? h : h + "p0"));
                    return neg ? -d : d;
                }
                long v = 0;
                for (char c : h.toCharArray()) {
                    v = v * 16 + Character.digit(c, 16);
                    if (Character.digit(c, 16) < 0) {
                        return null;
                    }
                }
                return neg ? -v : v;
            }
            for (char c : body.toCharArray()) {
                if (!(Character.isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                    return null;
                }
            }
            if (body.isEmpty() || !(Character.isDigit(body.charAt(0)) || body.charAt(0) == '.')) {
                return null; // a second sign ("--5", "-+5") is not a numeral
            }
            if (!body.contains(".") && !body.contains("e") && !body.contains("E")) {
                if (body.contains("+") || body.contains("-")) {
                    return null; // a second sign ("-+5") is not a numeral
                }
                try {
                    // parsed with its sign, so that "-9223372036854775808" is still an integer
                    return Long.parseLong(neg ? "-" + body : body);
                } catch (NumberFormatException e) {
                    double d = Double.parseDouble(body);
                    return neg ? -d : d;
                }
            }
            double d = Double.parseDouble(body);
            return neg ? -d : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static Object toNumber(byte[] s) {
        return toNumber(new String(s, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    public static Long toInteger(String s, int base) {
        String t = s.trim().toLowerCase();
        boolean neg = t.startsWith("-");
        if (neg) {
            t = t.substring(1);
        }
        if (t.isEmpty()) {
            return null;
        }
        long v = 0;
        for (char c : t.toCharArray()) {
            int d = Character.digit(c, base);
            if (d < 0) {
                return null;
            }
            v = v * base + d;
        }
        return neg ? -v : v;
    }
}

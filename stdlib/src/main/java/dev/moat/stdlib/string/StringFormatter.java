package dev.moat.stdlib.string;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.ToStringNode;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.LuaNumberFormat;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * string.format. Conversions are implemented here (never by java.util.Formatter, whose rules differ
 * from C's printf): %d %i %u %c %x %X %o %e %E %f %g %G %a %A %s %q %% with the flags each one allows
 * in Lua 5.4.4 and width and precision of at most two digits (the reference lua5.4 has no %F). Floats
 * are formatted from their exact binary value with round-half-even, as glibc does.
 */
final class StringFormatter {
    private StringFormatter() {
    }

    /** Characters of a conversion specification before its letter (flags, width, precision). */
    private static final String SPEC_CHARS = "-+ #0123456789.";
    /** Lua rejects specifications of 21 or more characters before the conversion letter. */
    private static final int MAX_SPEC = 21;
    private static final String FLAGS_INT = "-+0 ";
    private static final String FLAGS_UNSIGNED = "-0";
    private static final String FLAGS_HEX = "-#0";
    private static final String FLAGS_FLOAT = "-+ #0";
    private static final String FLAGS_CHAR = "-";

    @TruffleBoundary
    static TruffleString format(BuiltinNode node, TruffleString fmtString, Object[] args, ToStringNode toString) {
        String fmt = new String(MoatStrings.bytes(fmtString), StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        int argIndex = 0;
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i < fmt.length() && fmt.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            // As in Lua, the argument must exist before the specification is even looked at.
            argIndex++;
            if (argIndex >= args.length) {
                throw node.argError(argIndex + 1, "no value");
            }
            int specStart = i;
            while (i < fmt.length() && SPEC_CHARS.indexOf(fmt.charAt(i)) >= 0) {
                i++;
            }
            if (i - specStart >= MAX_SPEC) {
                throw node.error("invalid format (too long)");
            }
            String spec = fmt.substring(specStart, i);
            char conv = i < fmt.length() ? fmt.charAt(i++) : 0;
            String form = "%" + spec + (conv == 0 ? "" : String.valueOf(conv));
            Object arg = args[argIndex];
            int argNumber = argIndex + 1;
            if (conv == 'a' || conv == 'A') {
                checkSpec(node, form, FLAGS_FLOAT, true);
            }
            String body;
            switch (conv) {
                case 'd', 'i' -> {
                    long v = integerArg(node, arg, argNumber);
                    Spec sp = checkSpec(node, form, FLAGS_INT, true);
                    String digits = v == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(Math.abs(v));
                    body = integer(sp, digits, v < 0 ? "-" : sp.has('+') ? "+" : sp.has(' ') ? " " : "", false);
                }
                case 'u' -> {
                    long v = integerArg(node, arg, argNumber);
                    body = integer(checkSpec(node, form, FLAGS_UNSIGNED, true), Long.toUnsignedString(v), "", false);
                }
                case 'x', 'X', 'o' -> {
                    long v = integerArg(node, arg, argNumber);
                    Spec sp = checkSpec(node, form, FLAGS_HEX, true);
                    String digits = conv == 'o' ? Long.toOctalString(v) : Long.toHexString(v);
                    if (conv == 'X') {
                        digits = digits.toUpperCase();
                    }
                    String prefix = sp.alternate() && conv != 'o' && v != 0 ? (conv == 'x' ? "0x" : "0X") : "";
                    body = integer(sp, digits, prefix, sp.alternate() && conv == 'o');
                }
                case 'c' -> {
                    Spec sp = checkSpec(node, form, FLAGS_CHAR, false);
                    body = pad(sp, String.valueOf((char) (integerArg(node, arg, argNumber) & 0xff)), "", false);
                }
                case 'e', 'E', 'f', 'g', 'G' -> {
                    double v = node.checkNumber(arg, argNumber);
                    Spec sp = checkSpec(node, form, FLAGS_FLOAT, true);
                    String text = formatFloat(v, conv, sp.flags, sp.precision < 0 ? 6 : sp.precision);
                    boolean finite = !Double.isNaN(v) && !Double.isInfinite(v);
                    int signLength = text.startsWith("-") || text.startsWith("+") || text.startsWith(" ") ? 1 : 0;
                    body = pad(sp, text.substring(signLength), text.substring(0, signLength), finite);
                }
                case 'a', 'A' -> {
                    double v = node.checkNumber(arg, argNumber);
                    String h = Double.toHexString(v).replace("0x1.0p", "0x1p");
                    body = conv == 'A' ? h.toUpperCase() : h;
                }
                case 's' -> {
                    String str = new String(MoatStrings.bytes(toString.execute(arg)), StandardCharsets.ISO_8859_1);
                    if (spec.isEmpty()) {
                        body = str;
                    } else {
                        if (str.indexOf('\0') >= 0) {
                            throw node.argError(argNumber, "string contains zeros");
                        }
                        Spec sp = checkSpec(node, form, FLAGS_CHAR, true);
                        String shown = sp.precision >= 0 && str.length() > sp.precision ? str.substring(0, sp.precision) : str;
                        body = pad(sp, shown, "", false);
                    }
                }
                case 'q' -> {
                    if (!spec.isEmpty()) {
                        throw node.error("specifier '%q' cannot have modifiers");
                    }
                    body = quote(node, arg, argNumber);
                }
                default -> throw node.error("invalid conversion '" + form + "' to 'format'");
            }
            node.charge(1 + body.length() / 32);
            out.append(body);
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.ISO_8859_1);
        MoatNodes.allocate(node, SizeModel.string(bytes.length));
        return MoatStrings.fromBytes(bytes);
    }

    /** A validated specification: flags, width and precision (-1 when absent). */
    private record Spec(String flags, int width, int precision) {
        boolean has(char flag) {
            return flags.indexOf(flag) >= 0;
        }

        boolean left() {
            return has('-');
        }

        boolean zero() {
            return has('0');
        }

        boolean alternate() {
            return has('#');
        }
    }

    /**
     * Lua 5.4's checkformat: only the flags the conversion allows, then at most two width digits (not
     * starting with '0'), then '.' and at most two precision digits where precision is allowed.
     */
    private static Spec checkSpec(BuiltinNode node, String form, String allowedFlags, boolean precisionAllowed) {
        int p = 1;
        while (p < form.length() && allowedFlags.indexOf(form.charAt(p)) >= 0) {
            p++;
        }
        String flags = form.substring(1, p);
        int width = 0;
        int precision = -1;
        if (p < form.length() && form.charAt(p) != '0') {
            int w = p;
            while (p < form.length() && p - w < 2 && Character.isDigit(form.charAt(p))) {
                p++;
            }
            width = p > w ? Integer.parseInt(form.substring(w, p)) : 0;
            if (p < form.length() && form.charAt(p) == '.' && precisionAllowed) {
                p++;
                int d = p;
                while (p < form.length() && p - d < 2 && Character.isDigit(form.charAt(p))) {
                    p++;
                }
                precision = p > d ? Integer.parseInt(form.substring(d, p)) : 0;
            }
        }
        if (p >= form.length() || !Character.isLetter(form.charAt(p))) {
            throw node.error("invalid conversion specification: '" + form + "'");
        }
        return new Spec(flags, width, precision);
    }

    /**
     * C's integer conversions: precision is a minimum digit count (".0" prints no digits for zero);
     * octal with '#' makes sure the first digit is a zero.
     */
    private static String integer(Spec sp, String digits, String prefix, boolean octalAlternate) {
        String d = digits;
        if (sp.precision >= 0) {
            if (sp.precision == 0 && d.equals("0")) {
                d = "";
            } else if (d.length() < sp.precision) {
                d = "0".repeat(sp.precision - d.length()) + d;
            }
        }
        if (octalAlternate && !d.startsWith("0")) {
            d = "0" + d;
        }
        return pad(sp, d, prefix, sp.precision < 0);
    }

    /** Width padding: left-justified, zero-filled after the sign or prefix, or right-justified. */
    private static String pad(Spec sp, String digits, String prefix, boolean zeroFillAllowed) {
        int length = prefix.length() + digits.length();
        if (length >= sp.width) {
            return prefix + digits;
        }
        int fill = sp.width - length;
        if (sp.left()) {
            return prefix + digits + " ".repeat(fill);
        }
        if (sp.zero() && zeroFillAllowed) {
            return prefix + "0".repeat(fill) + digits;
        }
        return " ".repeat(fill) + prefix + digits;
    }

    private static long integerArg(BuiltinNode node, Object arg, int index) {
        if (arg instanceof Double d) {
            Long exact = LuaArith.toIntegerExact(d);
            if (exact == null) {
                throw node.argError(index, "number has no integer representation");
            }
            return exact;
        }
        return node.checkInteger(arg, index);
    }

    private static String signed(String digits, boolean negative, String flags, int precision) {
        if (precision >= 0 && digits.length() < precision) {
            digits = "0".repeat(precision - digits.length()) + digits;
        }
        if (precision == 0 && digits.equals("0")) {
            digits = "";
        }
        if (negative) {
            return "-" + digits;
        }
        if (flags.contains("+")) {
            return "+" + digits;
        }
        if (flags.contains(" ")) {
            return " " + digits;
        }
        return digits;
    }

    static String formatFloat(double v, char conv, String flags, int precision) {
        String s;
        boolean upper = Character.isUpperCase(conv);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            s = Double.isNaN(v) ? (Double.doubleToRawLongBits(v) < 0 ? "-nan" : "nan") : (v > 0 ? "inf" : "-inf");
        } else {
            switch (Character.toLowerCase(conv)) {
                case 'f' -> {
                    s = new BigDecimal(v).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
                    if (v < 0 && !s.startsWith("-")) {
                        s = "-" + s;
                    }
                    if (flags.contains("#") && precision == 0) {
                        s = s + "."; // the alternate form always has a decimal point
                    }
                }
                case 'e' -> {
                    s = exponent(v, precision);
                    if (flags.contains("#") && precision == 0) {
                        s = s.replace("e", ".e");
                    }
                }
                default -> s = flags.contains("#") ? alternateG(v, precision) : LuaNumberFormat.formatG(v, precision == 0 ? 1 : precision);
            }
            if (v == 0 && 1 / v < 0 && !s.startsWith("-")) {
                s = "-" + s;
            }
        }
        if (!s.startsWith("-")) {
            if (flags.contains("+")) {
                s = "+" + s;
            } else if (flags.contains(" ")) {
                s = " " + s;
            }
        }
        return upper ? s.toUpperCase() : s;
    }

    /** C's %#g: like %g but trailing zeros stay and there is always a decimal point. */
    private static String alternateG(double v, int precision) {
        int p = precision == 0 ? 1 : precision;
        int exp = 0;
        if (v != 0) {
            BigDecimal rounded = new BigDecimal(Math.abs(v)).round(new java.math.MathContext(p, RoundingMode.HALF_EVEN));
            exp = rounded.precision() - rounded.scale() - 1;
        }
        String s;
        if (exp < -4 || exp >= p) {
            s = exponent(v, p - 1);
            if (s.indexOf('.') < 0) {
                s = s.replace("e", ".e");
            }
        } else {
            s = new BigDecimal(v).setScale(p - 1 - exp, RoundingMode.HALF_EVEN).toPlainString();
            if (v < 0 && !s.startsWith("-")) {
                s = "-" + s;
            }
            if (s.indexOf('.') < 0) {
                s = s + ".";
            }
        }
        return s;
    }

    private static String exponent(double v, int precision) {
        if (v == 0) {
            return (precision > 0 ? "0." + "0".repeat(precision) : "0") + "e+00";
        }
        BigDecimal bd = new BigDecimal(Math.abs(v));
        bd = bd.round(new java.math.MathContext(precision + 1, RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        String digits = bd.unscaledValue().toString();
        while (digits.length() < precision + 1) {
            digits = digits + "0";
        }
        String mant = digits.charAt(0) + (precision > 0 ? "." + digits.substring(1, precision + 1) : "");
        return (v < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    /** %q: a literal Lua can read back (strings escaped, floats in hexadecimal, integers exact). */
    private static String quote(BuiltinNode node, Object arg, int argNumber) {
        if (arg instanceof TruffleString ts) {
            byte[] b = MoatStrings.bytes(ts);
            StringBuilder sb = new StringBuilder("\"");
            for (int i = 0; i < b.length; i++) {
                int c = b[i] & 0xff;
                if (c == '"' || c == '\\') {
                    sb.append('\\').append((char) c);
                } else if (c == '\n') {
                    sb.append("\\\n");
                } else if (c < 32 || c == 127) {
                    // Control characters (\r and \0 included) as decimal escapes, padded before a digit.
                    boolean digitNext = i + 1 < b.length && b[i + 1] >= '0' && b[i + 1] <= '9';
                    sb.append('\\').append(digitNext ? String.format("%03d", c) : Integer.toString(c));
                } else {
                    sb.append((char) c);
                }
            }
            return sb.append('"').toString();
        }
        if (arg instanceof Long l) {
            return l == Long.MIN_VALUE ? "0x8000000000000000" : Long.toString(l);
        }
        if (arg instanceof Double d) {
            if (Double.isInfinite(d)) {
                return d > 0 ? "1e9999" : "-1e9999";
            }
            if (Double.isNaN(d)) {
                return "(0/0)";
            }
            return hexFloat(d);
        }
        if (arg == MoatNil.NIL || arg instanceof Boolean) {
            return new String(MoatStrings.bytes(LuaValuesBridge.display(arg)), StandardCharsets.ISO_8859_1);
        }
        throw node.argError(argNumber, "value has no literal form");
    }

    /** C's "%a" for a finite double: 0x1.8p+1, 0x0p+0, subnormals as 0x0.xxxp-1022. */
    private static String hexFloat(double d) {
        String h = Double.toHexString(d);
        int p = h.indexOf('p');
        String mantissa = h.substring(0, p);
        String exponent = h.substring(p + 1);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "p" + (exponent.startsWith("-") ? exponent : "+" + exponent);
    }
}

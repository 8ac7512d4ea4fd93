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
 * from C's printf): flags "-+ #0", width and precision of at most two digits as Lua allows, and
 * %d %i %u %c %x %X %o %e %E %f %F %g %G %a %A %s %q %%. Floats are formatted from their exact binary
 * value with round-half-even, as glibc does.
 */
final class StringFormatter {
    private StringFormatter() {
    }

    @TruffleBoundary
    static TruffleString format(BuiltinNode node, TruffleString fmtString, Object[] args, ToStringNode toString) {
        String fmt = new String(MoatStrings.bytes(fmtString), StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        long charged = 0;
        int argIndex = 1;
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i >= fmt.length()) {
                throw node.error("invalid conversion '%' to 'format'");
            }
            if (fmt.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            int specStart = i;
            while (i < fmt.length() && "-+ #0".indexOf(fmt.charAt(i)) >= 0) {
                i++;
            }
            String flags = fmt.substring(specStart, i);
            int widthStart = i;
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                i++;
            }
            String widthText = fmt.substring(widthStart, i);
            String precisionText = null;
            if (i < fmt.length() && fmt.charAt(i) == '.') {
                i++;
                int p = i;
                while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                precisionText = fmt.substring(p, i);
            }
            if (i >= fmt.length() || widthText.length() > 2 || (precisionText != null && precisionText.length() > 2)) {
                int end = Math.min(fmt.length(), i + 1);
                if (i >= fmt.length()) {
                    throw node.error("invalid conversion '%" + fmt.substring(specStart, end) + "' to 'format'");
                }
                throw node.error("invalid conversion specification: '%" + fmt.substring(specStart, end) + "'");
            }
            char conv = fmt.charAt(i++);
            int width = widthText.isEmpty() ? 0 : Integer.parseInt(widthText);
            int precision = precisionText == null ? -1 : (precisionText.isEmpty() ? 0 : Integer.parseInt(precisionText));
            if (argIndex >= args.length && conv != '%' && "diucxXoeEfFgGaAsq".indexOf(conv) >= 0) {
                throw node.argError(argIndex + 1, "no value");
            }
            Object arg = argIndex < args.length ? args[argIndex] : MoatNil.NIL;
            String body;
            switch (conv) {
                case 'd', 'i' -> {
                    long v = integerArg(node, arg, argIndex + 1);
                    body = signed(Long.toString(Math.abs(v)), v < 0, flags, precision);
                    if (v == Long.MIN_VALUE) {
                        body = signed("9223372036854775808", true, flags, precision);
                    }
                }
                case 'u' -> body = Long.toUnsignedString(integerArg(node, arg, argIndex + 1));
                case 'c' -> body = String.valueOf((char) (integerArg(node, arg, argIndex + 1) & 0xff));
                case 'x', 'X', 'o' -> {
                    long v = integerArg(node, arg, argIndex + 1);
                    String digits = conv == 'o' ? Long.toOctalString(v) : Long.toHexString(v);
                    if (precision >= 0 && digits.length() < precision) {
                        digits = "0".repeat(precision - digits.length()) + digits;
                    }
                    if (flags.contains("#") && v != 0) {
                        digits = (conv == 'o' ? "0" : "0x") + digits;
                    }
                    body = conv == 'X' ? digits.toUpperCase() : digits;
                }
                case 'e', 'E', 'f', 'F', 'g', 'G' -> {
                    double v = node.checkNumber(arg, argIndex + 1);
                    body = formatFloat(v, conv, flags, precision < 0 ? 6 : precision);
                }
                case 'a', 'A' -> {
                    double v = node.checkNumber(arg, argIndex + 1);
                    String h = Double.toHexString(v).replace("0x1.0p", "0x1p");
                    body = conv == 'A' ? h.toUpperCase() : h;
                }
                case 's' -> {
                    String s = new String(MoatStrings.bytes(toString.execute(arg)), StandardCharsets.ISO_8859_1);
                    body = precision >= 0 && s.length() > precision ? s.substring(0, precision) : s;
                }
                case 'q' -> {
                    if (i - specStart > 1) {
                        throw node.error("specifier '%q' cannot have modifiers");
                    }
                    body = quote(node, arg, argIndex + 1);
                }
                default -> throw node.error("invalid conversion '%" + fmt.substring(specStart, i) + "' to 'format'");
            }
            argIndex++;
            if (body.length() < width) {
                if (flags.contains("-")) {
                    body = body + " ".repeat(width - body.length());
                } else if (flags.contains("0") && "diuxXoeEfFgG".indexOf(conv) >= 0 && precision < 0 || flags.contains("0") && "eEfFgG".indexOf(conv) >= 0) {
                    int signLen = body.startsWith("-") || body.startsWith("+") || body.startsWith(" ") ? 1 : 0;
                    body = body.substring(0, signLen) + "0".repeat(width - body.length()) + body.substring(signLen);
                } else {
                    body = " ".repeat(width - body.length()) + body;
                }
            }
            node.charge(1 + body.length() / 32);
            // Charged before it is appended: many large %s pieces stop at the memory budget, not the host heap.
            MoatNodes.allocate(node, body.length());
            charged += body.length();
            out.append(body);
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.ISO_8859_1);
        MoatNodes.allocate(node, SizeModel.string(bytes.length) - charged);
        return MoatStrings.fromBytes(bytes);
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
                }
                case 'e' -> s = exponent(v, precision);
                default -> {
                    s = LuaNumberFormat.formatG(v, precision == 0 ? 1 : precision);
                    if (flags.contains("#") && s.indexOf('.') < 0 && s.indexOf('e') < 0) {
                        s = s + ".";
                    }
                }
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
                } else if (c == '\r') {
                    sb.append("\\r");
                } else if (c == 0) {
                    boolean digitNext = i + 1 < b.length && Character.isDigit(b[i + 1]);
                    sb.append(digitNext ? "\\000" : "\\0");
                } else if (c < 32 || c == 127) {
                    boolean digitNext = i + 1 < b.length && Character.isDigit(b[i + 1]);
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
            if (d == Math.rint(d) && !Double.isInfinite(d)) {
                return LuaNumberFormat.formatG(d, 17).contains("e") ? LuaNumberFormat.formatG(d, 17) : String.format("%dp+0", d.longValue()).replace("p+0", "") + ".0";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "1e9999" : "-1e9999";
            }
            if (Double.isNaN(d)) {
                return "(0/0)";
            }
            return Double.toHexString(d);
        }
        if (!(arg instanceof Boolean) && arg != MoatNil.NIL) {
            throw node.argError(argNumber, "value has no literal form"); // tables, functions, coroutines
        }
        return new String(MoatStrings.bytes(LuaValuesBridge.display(arg)), StandardCharsets.ISO_8859_1);
    }
}

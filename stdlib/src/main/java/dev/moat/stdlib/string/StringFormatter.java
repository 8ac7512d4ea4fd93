package dev.moat.stdlib.string;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.budget.Budget;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.ToStringNode;
import dev.moat.language.runtime.ByteSink;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.ObjectIds;
import dev.moat.language.runtime.MoatStrings;

import java.nio.charset.StandardCharsets;

/**
 * string.format. Conversions are implemented here (never by java.util.Formatter, whose rules differ
 * from C's printf): specifications are read and checked as lua5.4 does ({@link FormatSpec}: which flags
 * each conversion allows, widths and precisions of at most two digits), and
 * %d %i %u %c %x %X %o %e %E %f %F %g %G %a %A %s %q %p %% are produced as glibc's printf would.
 * Floats are formatted from their exact binary value ({@link DecimalFloatFormat}, {@link HexFloatFormat}).
 */
final class StringFormatter {
    private StringFormatter() {
    }

    /** The result as a string, or as a sink when it is large (see ByteSink#shortStringOrSelf). */
    @TruffleBoundary
    static Object format(BuiltinNode node, TruffleString fmtString, Object[] args, ToStringNode toString) {
        return build(node, fmtString, args, toString).shortStringOrSelf();
    }

    private static ByteSink build(BuiltinNode node, TruffleString fmtString, Object[] args, ToStringNode toString) {
        MoatContext context = MoatContext.get(node); // once, not per piece: a thread-local read behind the boundary
        byte[] fmtBytes = MoatStrings.bytesView(fmtString);
        CompiledFormat compiled = context.libraryState(CompiledFormat.Cache.class, CompiledFormat.Cache::new).get(fmtBytes);
        if (compiled != null) {
            return formatCompiled(node, context.budget, compiled, fmtBytes.length, args, toString);
        }
        String fmt = new String(fmtBytes, StandardCharsets.ISO_8859_1);
        Budget budget = context.budget;
        ByteSink out = new ByteSink(fmt.length() + 16);
        long charged = 0; // bytes already charged to the memory budget as pieces were produced
        int argIndex = 0;
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                out.write(c);
                continue;
            }
            if (i < fmt.length() && fmt.charAt(i) == '%') {
                out.write('%');
                i++;
                continue;
            }
            // As in lua5.4, the argument must exist before the specification is even looked at.
            argIndex++;
            if (argIndex >= args.length) {
                throw node.argError(argIndex + 1, "no value");
            }
            char plain = i < fmt.length() ? fmt.charAt(i) : 0;
            if (plain == 'd' || plain == 'i' || plain == 's') {
                charged += piece(node, budget, out, plain == 's' ? 's' : 'd', null, args[argIndex], argIndex + 1, toString);
                i++;
            } else {
                FormatSpec spec = FormatSpec.read(node, fmt, i);
                i = spec.end;
                charged += piece(node, budget, out, (char) 0, spec, args[argIndex], argIndex + 1, toString);
            }
        }
        budget.allocate(SizeModel.string(out.size()) - charged, node);
        return out;
    }

    /** The same work, charges and errors as the loop above, with the format read in advance. */
    private static ByteSink formatCompiled(BuiltinNode node, Budget budget, CompiledFormat format, int formatLength,
                                                Object[] args, ToStringNode toString) {
        ByteSink out = new ByteSink(formatLength + 16);
        long charged = 0;
        byte[][] literals = format.literals;
        int n = format.conversions();
        for (int k = 0; k < n; k++) {
            out.write(literals[k], 0, literals[k].length);
            int argIndex = k + 1;
            if (argIndex >= args.length) {
                throw node.argError(argIndex + 1, "no value");
            }
            charged += piece(node, budget, out, format.plain[k], format.specs[k], args[argIndex], argIndex + 1, toString);
        }
        out.write(literals[n], 0, literals[n].length);
        budget.allocate(SizeModel.string(out.size()) - charged, node);
        return out;
    }

    /**
     * One conversion appended to {@code out}, charged before it is: "%d"/"%i" ({@code plain} 'd') and "%s"
     * ('s') without flags, width or precision go straight in; others through {@link #convert}.
     */
    private static int piece(BuiltinNode node, Budget budget, ByteSink out, char plain, FormatSpec spec, Object arg,
                             int argNumber, ToStringNode toString) {
        int length;
        if (plain == 'd') {
            long v = node.checkInteger(arg, argNumber);
            length = ByteSink.decimalLength(v);
            chargePiece(budget, node, length);
            out.writeDecimal(v);
        } else if (plain == 's') {
            byte[] bytes = MoatStrings.bytesView(toString.execute(arg));
            length = bytes.length;
            chargePiece(budget, node, length);
            out.write(bytes, 0, length);
        } else {
            byte[] converted = convert(node, spec, arg, argNumber, toString).getBytes(StandardCharsets.ISO_8859_1);
            length = converted.length;
            chargePiece(budget, node, length);
            out.write(converted, 0, length);
        }
        return length;
    }

    /**
     * Charges one converted piece before it is appended: many large %s pieces stop at the memory budget,
     * not the host heap.
     */
    private static void chargePiece(Budget budget, BuiltinNode node, int length) {
        budget.charge(1 + length / 32, node);
        budget.allocate(length, node);
    }

    /** One conversion; argument and specification are checked in the order lua5.4 checks them. */
    private static String convert(BuiltinNode node, FormatSpec spec, Object arg, int argNumber, ToStringNode toString) {
        switch (spec.conversion) {
            case 'c' -> {
                spec.check();
                long v = node.checkInteger(arg, argNumber);
                return spec.pad("", "", String.valueOf((char) (v & 0xff)), false);
            }
            case 'd', 'i' -> {
                long v = node.checkInteger(arg, argNumber);
                spec.check();
                String digits = v == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(Math.abs(v));
                return spec.pad(spec.sign(v < 0), "", withPrecision(digits, spec.precision()), spec.precision() < 0);
            }
            case 'u' -> {
                long v = node.checkInteger(arg, argNumber);
                spec.check();
                return spec.pad("", "", withPrecision(Long.toUnsignedString(v), spec.precision()), spec.precision() < 0);
            }
            case 'o', 'x', 'X' -> {
                long v = node.checkInteger(arg, argNumber);
                spec.check();
                return unsignedRadix(spec, v);
            }
            case 'a', 'A' -> {
                spec.check();
                double v = node.checkNumber(arg, argNumber);
                return floatPiece(spec, v);
            }
            // No 'F': the reference lua5.4 (5.4.4) rejects it as an invalid conversion.
            case 'e', 'E', 'f', 'g', 'G' -> {
                double v = node.checkNumber(arg, argNumber);
                spec.check();
                return floatPiece(spec, v);
            }
            case 'p' -> {
                // Values without an identity print as C's "(null)"; others get the opaque id that
                // tostring shows, never a host address (SECURITY.md A8).
                spec.check();
                boolean noIdentity = arg == MoatNil.NIL || arg instanceof Boolean || arg instanceof Long || arg instanceof Double;
                return spec.pad("", "", noIdentity ? "(null)" : ObjectIds.of(arg), false);
            }
            case 'q' -> {
                if (spec.hasModifiers()) {
                    throw node.error("specifier '%q' cannot have modifiers");
                }
                return quote(node, arg, argNumber);
            }
            case 's' -> {
                String s = new String(MoatStrings.bytes(toString.execute(arg)), StandardCharsets.ISO_8859_1);
                if (!spec.hasModifiers()) {
                    return s;
                }
                if (s.indexOf('\0') >= 0) {
                    throw node.argError(argNumber, "string contains zeros");
                }
                spec.check();
                if (!spec.hasPrecisionText() && s.length() >= 100) {
                    return s;
                }
                int precision = spec.precision();
                return spec.pad("", "", precision >= 0 && s.length() > precision ? s.substring(0, precision) : s, false);
            }
            default -> throw MoatNodes.byteError(node, "invalid conversion '" + spec.form + "' to 'format'");
        }
    }

    /** C's integer precision: at least that many digits; precision 0 prints nothing for 0. */
    private static String withPrecision(String digits, int precision) {
        if (precision == 0 && digits.equals("0")) {
            return "";
        }
        if (precision > digits.length()) {
            return "0".repeat(precision - digits.length()) + digits;
        }
        return digits;
    }

    private static String unsignedRadix(FormatSpec spec, long v) {
        boolean octal = spec.conversion == 'o';
        String digits = withPrecision(octal ? Long.toOctalString(v) : Long.toHexString(v), spec.precision());
        String prefix = "";
        if (spec.flag('#')) {
            if (octal && !digits.startsWith("0")) {
                digits = "0" + digits; // '#' makes the first octal digit a zero
            } else if (!octal && v != 0) {
                prefix = "0x";
            }
        }
        String piece = spec.pad("", prefix, digits, spec.precision() < 0);
        return spec.conversion == 'X' ? piece.toUpperCase() : piece;
    }

    /** %a %e %f %g and their capitals: sign, then digits; inf and nan are never zero-padded. */
    private static String floatPiece(FormatSpec spec, double v) {
        boolean negative = Double.doubleToRawLongBits(v) < 0;
        double magnitude = Math.abs(v);
        char conversion = spec.conversion;
        boolean finite = Double.isFinite(v);
        String sign = spec.sign(negative);
        String piece;
        if (!finite) {
            piece = spec.pad(sign, "", Double.isNaN(v) ? "nan" : "inf", false);
        } else if (conversion == 'a' || conversion == 'A') {
            String hex = HexFloatFormat.magnitude(magnitude, spec.precision(), spec.flag('#'));
            piece = spec.pad(sign, hex.substring(0, 2), hex.substring(2), true);
        } else {
            int precision = spec.precision() < 0 ? 6 : spec.precision();
            piece = spec.pad(sign, "", DecimalFloatFormat.magnitude(magnitude, conversion, precision, spec.flag('#')), true);
        }
        return Character.isUpperCase(conversion) ? piece.toUpperCase() : piece;
    }

    /** %q: a Lua literal that reads back as the same value (lua5.4's addliteral). */
    private static String quote(BuiltinNode node, Object arg, int argNumber) {
        if (arg instanceof TruffleString ts) {
            return quoteString(MoatStrings.bytes(ts));
        }
        if (arg instanceof Long l) {
            return l == Long.MIN_VALUE ? "0x8000000000000000" : Long.toString(l);
        }
        if (arg instanceof Double d) {
            if (Double.isNaN(d)) {
                return "(0/0)";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "1e9999" : "-1e9999";
            }
            // Floats are written in hexadecimal so that they read back exactly (even 1.0 is "0x1p+0").
            String sign = Double.doubleToRawLongBits(d) < 0 ? "-" : "";
            return sign + HexFloatFormat.magnitude(Math.abs(d), -1, false);
        }
        if (arg == MoatNil.NIL || arg instanceof Boolean) {
            return new String(MoatStrings.bytes(LuaValuesBridge.display(arg)), StandardCharsets.ISO_8859_1);
        }
        throw node.argError(argNumber, "value has no literal form");
    }

    /** Quotes, backslashes and newlines are escaped; other control bytes become decimal escapes. */
    private static String quoteString(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length + 2).append('"');
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (c == '"' || c == '\\' || c == '\n') {
                sb.append('\\').append((char) c);
            } else if (c < 32 || c == 127) {
                boolean digitNext = i + 1 < b.length && b[i + 1] >= '0' && b[i + 1] <= '9';
                String code = Integer.toString(c);
                sb.append('\\').append(digitNext ? "0".repeat(3 - code.length()) + code : code);
            } else {
                sb.append((char) c);
            }
        }
        return sb.append('"').toString();
    }
}

package dev.moat.stdlib.string;

import dev.moat.language.builtins.BuiltinNode;

/**
 * One conversion specification of string.format ("%-+ #0" flags, width, precision, conversion), read
 * and validated the way lua5.4 does it: first the longest run of flag characters, digits and dots is
 * taken (at most 20 characters, else "invalid format (too long)"); then each conversion checks
 * that the run is made of the flags it allows, a width of at most two digits that does not start with
 * '0' and, where allowed, a precision of at most two digits ("invalid conversion specification").
 * The text is one char per byte (Latin-1).
 */
final class FormatSpec {
    private static final String FLOAT_FLAGS = "-+ #0";
    private static final String SIGNED_FLAGS = "-+ 0";
    private static final String UNSIGNED_FLAGS = "-0";
    private static final String HEX_FLAGS = "-#0";
    private static final String CHAR_FLAGS = "-";
    /** Lua's buffer for a specification is 32 bytes; the spanned part must stay under 22 with its conversion. */
    private static final int MAX_SPAN = 20;
    private static final String SPAN_CHARS = FLOAT_FLAGS + "123456789.";

    /** "%" + spanned characters + conversion, for messages (cut at a NUL byte as C would). */
    final String form;
    /** The conversion character, or 0 when the format ended (or had a NUL) right after the spec. */
    final char conversion;
    /** Index in the format just after this specification. */
    final int end;
    private final BuiltinNode node;
    private String flags = "";
    private int width;
    private int precision = -1;
    private boolean checked;

    private FormatSpec(BuiltinNode node, String form, char conversion, int end) {
        this.node = node;
        this.form = form;
        this.conversion = conversion;
        this.end = end;
    }

    /** Reads the specification that starts at {@code start} (just after the '%'). */
    static FormatSpec read(BuiltinNode node, String fmt, int start) {
        FormatSpec spec = readOrNull(node, fmt, start);
        if (spec == null) {
            throw node.error("invalid format (too long)");
        }
        return spec;
    }

    /** As {@link #read}, but null where read raises "invalid format (too long)". */
    static FormatSpec readOrNull(BuiltinNode node, String fmt, int start) {
        int i = start;
        while (i < fmt.length() && SPAN_CHARS.indexOf(fmt.charAt(i)) >= 0) {
            i++;
        }
        if (i - start + 1 > MAX_SPAN + 1) {
            return null;
        }
        char conversion = i < fmt.length() ? fmt.charAt(i) : 0;
        String form = "%" + fmt.substring(start, i) + (conversion == 0 ? "" : String.valueOf(conversion));
        return new FormatSpec(node, form, conversion, Math.min(fmt.length(), i + 1));
    }

    /** True when the conversion came with flags, width or precision ("%5s" rather than "%s"). */
    boolean hasModifiers() {
        return form.length() > 2;
    }

    boolean hasPrecisionText() {
        return form.indexOf('.') >= 0;
    }

    /**
     * Lua's checkformat with the rules of this conversion ({@link #checkedForConversion}): only its flags, a
     * width, and a precision where it allows one; raises "invalid conversion specification" otherwise.
     */
    void check() {
        if (!checked && !checkedForConversion()) {
            throw MoatNodes.byteError(node, "invalid conversion specification: '" + form + "'");
        }
    }

    /**
     * Whether this specification passes its conversion's check (which flags each conversion allows, and
     * whether a precision); raises nothing, so a compiled format (null node) is made only of those.
     */
    boolean checkedForConversion() {
        return switch (conversion) {
            case 'c', 'p' -> parse(CHAR_FLAGS, false);
            case 'd', 'i' -> parse(SIGNED_FLAGS, true);
            case 'u' -> parse(UNSIGNED_FLAGS, true);
            case 'o', 'x', 'X' -> parse(HEX_FLAGS, true);
            case 'a', 'A', 'e', 'E', 'f', 'g', 'G' -> parse(FLOAT_FLAGS, true);
            case 'q' -> !hasModifiers();
            case 's' -> !hasModifiers() || parse(CHAR_FLAGS, true);
            default -> false;
        };
    }

    /** Reads flags, width and precision; false where check raises its error. */
    private boolean parse(String allowedFlags, boolean precisionAllowed) {
        int p = 1;
        while (allowedFlags.indexOf(form.charAt(p)) >= 0) {
            p++;
        }
        if (form.charAt(p) != '0') {
            int widthStart = p;
            p = skipTwoDigits(p);
            width = p == widthStart ? 0 : Integer.parseInt(form.substring(widthStart, p));
            if (form.charAt(p) == '.' && precisionAllowed) {
                int precisionStart = ++p;
                p = skipTwoDigits(p);
                precision = p == precisionStart ? 0 : Integer.parseInt(form.substring(precisionStart, p));
            }
        }
        if (p != form.length() - 1) {
            return false;
        }
        flags = form.substring(1, leadingFlagsEnd());
        checked = true;
        return true;
    }

    private int leadingFlagsEnd() {
        int p = 1;
        while (FLOAT_FLAGS.indexOf(form.charAt(p)) >= 0) {
            p++;
        }
        return p;
    }

    private int skipTwoDigits(int p) {
        for (int n = 0; n < 2 && Character.isDigit(form.charAt(p)); n++) {
            p++;
        }
        return p;
    }

    boolean flag(char c) {
        return flags.indexOf(c) >= 0;
    }

    /** The precision, or -1 when none was given. */
    int precision() {
        return precision;
    }

    /** The sign C prints before a number: '-', or '+' / ' ' when those flags ask for one. */
    String sign(boolean negative) {
        if (negative) {
            return "-";
        }
        return flag('+') ? "+" : flag(' ') ? " " : "";
    }

    /**
     * C's field padding: left-justified with spaces for '-', zeros between sign/prefix and digits for
     * '0' when {@code zeroPadding} allows it (numbers, not inf/nan, not integers with a precision),
     * otherwise spaces in front.
     */
    String pad(String sign, String prefix, String digits, boolean zeroPadding) {
        int length = sign.length() + prefix.length() + digits.length();
        if (length >= width) {
            return sign + prefix + digits;
        }
        String fill = (flag('0') && zeroPadding && !flag('-') ? "0" : " ").repeat(width - length);
        if (flag('-')) {
            return sign + prefix + digits + fill;
        }
        return fill.charAt(0) == '0' ? sign + prefix + fill + digits : fill + sign + prefix + digits;
    }
}

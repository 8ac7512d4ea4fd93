package dev.moat.stdlib.string;

import dev.moat.language.runtime.ByteSink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A string.format format read once: the literal text between conversions ({@code %%} already made one
 * {@code %}) and each conversion's specification, checked with its conversion's rules. Only a format
 * whose every specification is valid is compiled; any other is read at each call as before, so that its
 * error comes where lua5.4 raises it (after the arguments before it were checked, or "no value" first).
 * Immutable once built: its specifications are never checked or changed again.
 */
final class CompiledFormat {
    /** Longer formats are read at each call. */
    static final int MAX_LENGTH = 256;

    /** {@code literals[i]} comes before conversion i; the last one ends the format. */
    final byte[][] literals;
    /** 'd' for a plain "%d" or "%i", 's' for a plain "%s", else 0 and the specification is in {@link #specs}. */
    final char[] plain;
    final FormatSpec[] specs;

    private CompiledFormat(byte[][] literals, char[] plain, FormatSpec[] specs) {
        this.literals = literals;
        this.plain = plain;
        this.specs = specs;
    }

    int conversions() {
        return specs.length;
    }

    /** The compiled format, or null when a specification in it is invalid. */
    static CompiledFormat compile(byte[] bytes) {
        String fmt = new String(bytes, StandardCharsets.ISO_8859_1);
        List<byte[]> literals = new ArrayList<>();
        List<FormatSpec> specs = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        ByteSink literal = new ByteSink(16);
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                literal.write(c);
                continue;
            }
            if (i < fmt.length() && fmt.charAt(i) == '%') {
                literal.write('%');
                i++;
                continue;
            }
            literals.add(literal.toByteArray());
            literal = new ByteSink(16);
            char next = i < fmt.length() ? fmt.charAt(i) : 0;
            if (next == 'd' || next == 'i' || next == 's') {
                plain.append(next == 's' ? 's' : 'd');
                specs.add(null);
                i++;
                continue;
            }
            FormatSpec spec = FormatSpec.readOrNull(null, fmt, i);
            if (spec == null || !spec.checkedForConversion()) {
                return null;
            }
            plain.append((char) 0);
            specs.add(spec);
            i = spec.end;
        }
        literals.add(literal.toByteArray());
        return new CompiledFormat(literals.toArray(new byte[0][]), plain.toString().toCharArray(),
                specs.toArray(new FormatSpec[0]));
    }

    /** A context's compiled formats. */
    static final class Cache {
        private final ContentCache<CompiledFormat> formats = new ContentCache<>(MAX_LENGTH, CompiledFormat::compile);

        CompiledFormat get(byte[] fmt) {
            return formats.get(fmt);
        }
    }
}

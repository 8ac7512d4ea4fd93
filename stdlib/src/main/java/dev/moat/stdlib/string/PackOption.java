package dev.moat.stdlib.string;

/** The kinds of items in a string.pack format (Lua 5.4 manual §6.4.2). */
enum PackOption {
    /** b h i[n] l j: a signed integer of {@code size} bytes. */
    SIGNED,
    /** B H I[n] L J T: an unsigned integer of {@code size} bytes. */
    UNSIGNED,
    /** f: a C float. */
    FLOAT,
    /** d and n: a C double (Lua's number type). */
    DOUBLE,
    /** c[n]: a fixed-size string. */
    FIXED_STRING,
    /** s[n]: a string preceded by its length as an unsigned integer of {@code size} bytes. */
    LENGTH_PREFIXED_STRING,
    /** z: a zero-terminated string. */
    ZERO_TERMINATED_STRING,
    /** x: one byte of padding. */
    PADDING_BYTE,
    /** X[op]: padding up to the alignment of op. */
    ALIGNMENT_PADDING,
    /** ' ', &lt; &gt; = ![n]: no data, only settings. */
    NONE;

    /** Whether the item consumes an argument (pack) or produces a result (unpack). */
    boolean carriesValue() {
        return this != PADDING_BYTE && this != ALIGNMENT_PADDING && this != NONE;
    }
}

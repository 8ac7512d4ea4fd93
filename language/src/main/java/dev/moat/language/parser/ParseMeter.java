package dev.moat.language.parser;

/**
 * Receives parsing progress, in tokens, so that work inside the lexer and parser is visible to Moat's
 * meters: {@code load} charges it to the instruction budget, and every parse polls for cancellation so
 * a timeout interrupts even a multi-megabyte chunk (SECURITY.md D12). Called every {@link #BATCH}
 * tokens lexed and every {@link #BATCH} tokens parsed.
 */
@FunctionalInterface
public interface ParseMeter {
    int BATCH = 256;

    ParseMeter NONE = n -> {
    };

    void tokens(int n);
}

package dev.moat.tck;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * A chain of three or more operands that has met only strings and numbers compiles without its pairwise
 * path (ConcatNode's branch profile), and one that has met only strings without the numbers' conversion:
 * the golden's chain is compiled at its first call on strings, then meets numbers, a {@code __concat}
 * operand at each position and operands that fail, and must print what lua5.4 prints.
 */
class ConcatChainsCompiledTest {
    @Test
    void aChainCompiledOnStringsGivesLuasResultsForEveryOtherOperand() throws IOException {
        GoldenScripts.assertExpectedWhenCompiled("strings/concat_chain_kinds.moat");
    }
}

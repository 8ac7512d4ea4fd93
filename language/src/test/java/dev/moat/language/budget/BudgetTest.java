package dev.moat.language.budget;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meters on their own, without a context: every limit holds exactly (at the limit a run goes on, one
 * unit past it ends), the count is the sum of every kind of charge, and an exhausted meter stays exhausted.
 * The tck's InstructionLimitTest and DeterminismTest check the same through scripts.
 */
class BudgetTest {
    private static final long NONE = Long.MAX_VALUE;

    @Test
    void theCountIsTheSumOfTestedAndUntestedCharges() {
        Budget b = new Budget(NONE, NONE, NONE);
        b.charge(7, null);
        b.count(5);
        b.charge(11, null);
        b.count(1);
        assertEquals(24, b.instructionsUsed());
        assertFalse(b.isExhausted());
    }

    @Test
    void theInstructionLimitIsExactAndFinal() {
        Budget b = new Budget(20, NONE, NONE);
        b.charge(14, null);
        b.charge(6, null); // 20: at the limit, not past it
        BudgetExhaustedException e = assertThrows(BudgetExhaustedException.class, () -> b.charge(1, null));
        assertEquals(BudgetKind.INSTRUCTIONS, e.getKind());
        assertTrue(e.getMessage().contains("limit 20"), e.getMessage());
        assertTrue(b.isExhausted());
        assertThrows(BudgetExhaustedException.class, () -> b.charge(0, null), "and forever after");
    }

    @Test
    void untestedCountsPastTheLimitFailTheRunAtItsEnd() {
        Budget b = new Budget(10, NONE, NONE);
        b.count(10);
        b.checkLimit(null); // at the limit: the run completes
        b.count(1);
        assertFalse(b.isExhausted(), "block entries only count");
        assertThrows(BudgetExhaustedException.class, () -> b.checkLimit(null));
        assertTrue(b.isExhausted());
    }

    @Test
    void theMemoryLimitIsExactAndAnOverflowingRequestFails() {
        Budget b = new Budget(NONE, 1000, NONE);
        b.allocate(600, null);
        b.allocate(400, null);
        assertEquals(1000, b.bytesAllocated());
        BudgetExhaustedException e = assertThrows(BudgetExhaustedException.class, () -> b.allocate(1, null));
        assertEquals(BudgetKind.MEMORY, e.getKind());

        Budget huge = new Budget(NONE, NONE, NONE);
        huge.allocate(10, null);
        assertThrows(BudgetExhaustedException.class, () -> huge.allocate(Long.MAX_VALUE, null),
                "a request that overflows the counter is past any limit");
    }

    @Test
    void theOutputLimitIsExact() {
        Budget b = new Budget(NONE, NONE, 16);
        b.output(16, null);
        assertEquals(16, b.outputBytes());
        BudgetExhaustedException e = assertThrows(BudgetExhaustedException.class, () -> b.output(1, null));
        assertEquals(BudgetKind.OUTPUT, e.getKind());
    }

    @Test
    void meteringOffCountsNoInstructionsAndNoBytes() {
        Budget b = new Budget(1, 1, NONE, false);
        b.charge(100, null);
        b.count(100);
        b.allocate(100, null);
        b.checkLimit(null);
        assertEquals(0, b.instructionsUsed());
        assertEquals(0, b.bytesAllocated());
        assertFalse(b.isExhausted());
    }
}

package dev.moat.language.budget;

/** The hard limits of a run; the prefix is the first word of the exception message hosts match on. */
public enum BudgetKind {
    INSTRUCTIONS("instruction budget exhausted"),
    MEMORY("memory budget exhausted"),
    OUTPUT("output limit exceeded");

    public final String prefix;

    BudgetKind(String prefix) {
        this.prefix = prefix;
    }
}

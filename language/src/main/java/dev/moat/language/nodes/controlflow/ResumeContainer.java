package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.nodes.Node;

/**
 * A statement container of a generator body with a resume point: a block, an if, a loop (see
 * {@link ResumePoints}). Says which mark a yield inside one of its parts leaves at its resume point, so a
 * direct yield can record its whole way back to the body's root before it unwinds (see
 * nodes.generator.YieldPaths).
 */
public interface ResumeContainer {
    /** This container's index into the marks array; negative outside generator bodies (no marks). */
    int resumePoint();

    /** The mark a yield inside {@code child} leaves at {@link #resumePoint()}; 0 if that part records none. */
    int yieldMark(Node child);
}

package dev.moat.language.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;

/**
 * Base of all Moat AST nodes. A node stores only the character range of its source text; the
 * {@link SourceSection} is created on demand from the enclosing root's source, which keeps the AST small.
 */
public abstract class MoatNode extends Node {
    private int sourceStart = -1;
    private int sourceLength;

    public final void setSourceRange(int start, int length) {
        this.sourceStart = start;
        this.sourceLength = length;
    }

    public final boolean hasSourceRange() {
        return sourceStart >= 0;
    }

    public final int getSourceStart() {
        return sourceStart;
    }

    public final int getSourceLength() {
        return sourceLength;
    }

    @Override
    @TruffleBoundary
    public SourceSection getSourceSection() {
        if (sourceStart < 0) {
            return null;
        }
        RootNode root = getRootNode();
        if (root == null) {
            return null;
        }
        SourceSection rootSection = root.getSourceSection();
        if (rootSection == null) {
            return null;
        }
        Source source = rootSection.getSource();
        if (sourceStart + sourceLength > source.getLength()) {
            return source.createUnavailableSection();
        }
        return source.createSection(sourceStart, sourceLength);
    }
}

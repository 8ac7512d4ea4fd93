package dev.moat.language.nodes.generator;

import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.NodeUtil;
import dev.moat.language.nodes.controlflow.ResumeContainer;

import java.util.Arrays;

/**
 * Gives every direct yield of a generator body the marks its way back to the root leaves (see
 * {@link dev.moat.language.nodes.controlflow.ResumePoints}): pairs of resume point and mark, one per resume
 * container between the body's root and the yield. A node has one parent, so the containers a yield unwinds
 * through are known at translation, and the yield records them all before it unwinds. The containers then
 * need no handler for yields (they keep theirs for bails, whose marks depend on where the bail came from): a
 * yield leaves the body as a returned SUSPENDED (YieldStatementNode) or in one throw, not in a throw and a
 * rethrow per container, which in the interpreter walked the Java frames again each time.
 *
 * @see dev.moat.language.nodes.controlflow.ResumePoints#recordYield
 */
final class YieldPaths {
    private static final int[] NONE = new int[0];

    private YieldPaths() {
    }

    /** Sets the path of every direct yield under {@code root}. */
    static void assign(Node root) {
        visit(root, NONE);
    }

    private static void visit(Node node, int[] path) {
        NodeUtil.forEachChild(node, child -> {
            int[] childPath = path;
            if (node instanceof ResumeContainer container && container.resumePoint() >= 0) {
                int mark = container.yieldMark(child);
                if (mark != 0) {
                    childPath = Arrays.copyOf(path, path.length + 2);
                    childPath[path.length] = container.resumePoint();
                    childPath[path.length + 1] = mark;
                }
            }
            if (child instanceof DirectYieldNode yield) {
                yield.setResumePath(childPath);
            }
            visit(child, childPath);
            return true;
        });
    }
}

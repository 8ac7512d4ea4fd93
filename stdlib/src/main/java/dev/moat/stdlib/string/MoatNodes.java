package dev.moat.stdlib.string;

import dev.moat.language.MoatContext;
import com.oracle.truffle.api.nodes.Node;

/** Small budget helpers for code outside builtin node classes. */
final class MoatNodes {
    private MoatNodes() {
    }

    static void allocate(Node node, long bytes) {
        MoatContext.get(node).budget.allocate(bytes, node);
    }
}

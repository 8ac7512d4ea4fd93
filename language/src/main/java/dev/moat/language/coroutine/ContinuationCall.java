package dev.moat.language.coroutine;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import dev.moat.language.MoatLanguage;

/**
 * Runs a coroutine's continuation until it yields or ends. In Truffle's fallback runtime (interpreter only,
 * no JVMCI) it does so inside a call of its own: that runtime keeps the guest stack it reports
 * ({@code iterateFrames}) in a thread-local chain, and each call restores the chain's top it saw on entry
 * when it returns. A continuation's frames saw the top of their first resume, so when a later resume ends,
 * the chain points at frames long gone, and a position taken before the resumer returns (a {@code wrap}
 * error's prefix, Positions.callerWhere) named an earlier call. The call's own return puts the resumer's
 * chain back. The compiling runtime walks the real stack and needs none of this.
 */
public final class ContinuationCall {
    private ContinuationCall() {
    }

    /** In a holder: asking the runtime its name sets up the Graal compiler's options (≈ 5 ms of a cold start). */
    private static final class RuntimeKind {
        static final boolean FALLBACK = "Interpreted".equals(Truffle.getRuntime().getName());
    }

    static void run(Object continuation, Node site) {
        if (RuntimeKind.FALLBACK) {
            MoatLanguage.get(site).continuationCallTarget().call(continuation);
        } else {
            JdkContinuations.run(continuation);
        }
    }

    /** The root of that call; frames of it are not guest frames (Positions skips them). */
    public static final class ContinuationRoot extends RootNode {
        public ContinuationRoot(MoatLanguage language) {
            super(language);
        }

        @Override
        public Object execute(VirtualFrame frame) {
            JdkContinuations.run(frame.getArguments()[0]);
            return null;
        }

        @Override
        public boolean isInternal() {
            return true;
        }

        @Override
        public String getName() {
            return "coroutine continuation";
        }
    }
}

package dev.moat.stdlib.string;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.MoatContext;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.Positions;

import java.nio.charset.StandardCharsets;

/** Small budget helpers for code outside builtin node classes. */
final class MoatNodes {
    private MoatNodes() {
    }

    static void allocate(Node node, long bytes) {
        MoatContext.get(node).budget.allocate(bytes, node);
    }

    /**
     * An error whose message quotes guest bytes (one char per byte, as the format functions read them):
     * the bytes go into the message unchanged, as lua5.4 prints them, instead of being re-encoded.
     */
    @TruffleBoundary
    static MoatError byteError(Node node, String latin1Message) {
        byte[] where = Positions.where(node).getBytes(StandardCharsets.UTF_8);
        byte[] message = latin1Message.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[where.length + message.length];
        System.arraycopy(where, 0, all, 0, where.length);
        System.arraycopy(message, 0, all, where.length, message.length);
        return new MoatError(MoatStrings.fromBytes(all), node);
    }
}

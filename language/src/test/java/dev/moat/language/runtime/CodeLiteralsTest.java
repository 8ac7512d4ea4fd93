package dev.moat.language.runtime;

import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.nodes.expression.LiteralNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Literals are known by identity: a string with the same bytes made another way is not one. */
class CodeLiteralsTest {
    @Test
    void aLiteralIsKnownByIdentityOnly() {
        TruffleString literal = MoatStrings.fromJava("[%s,]");
        TruffleString sameBytes = MoatStrings.fromBytes("[%s,]".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertFalse(CodeLiterals.isLiteral(literal), "before any code holds it");
        new LiteralNode(literal);
        assertTrue(CodeLiterals.isLiteral(literal));
        assertTrue(literal.equalsUncached(sameBytes, MoatStrings.ENCODING), "the same bytes");
        assertFalse(CodeLiterals.isLiteral(sameBytes), "another object with the same bytes");
        assertFalse(CodeLiterals.isLiteral(1L));
        assertFalse(CodeLiterals.isLiteral(null));
    }
}

package dev.moat.language.runtime;

import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatLanguage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Literals are known by identity: a string with the same bytes made another way is not one. The language
 * registers a string constant when it interns it, as the translator does for every string of the code.
 */
class CodeLiteralsTest {
    @Test
    void aLiteralIsKnownByIdentityOnly() {
        TruffleString literal = MoatStrings.fromJava("[%s,]");
        TruffleString sameBytes = MoatStrings.fromBytes("[%s,]".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertFalse(CodeLiterals.isLiteral(literal), "before any code holds it");
        MoatLanguage language = new MoatLanguage();
        assertTrue(language.intern(literal) == literal, "the first of its bytes is the interned one");
        assertTrue(CodeLiterals.isLiteral(literal));
        assertTrue(language.intern(sameBytes) == literal, "later strings of the same bytes intern to it");
        assertTrue(literal.equalsUncached(sameBytes, MoatStrings.ENCODING), "the same bytes");
        assertFalse(CodeLiterals.isLiteral(sameBytes), "another object with the same bytes");
        assertFalse(CodeLiterals.isLiteral(1L));
        assertFalse(CodeLiterals.isLiteral(null));
    }
}

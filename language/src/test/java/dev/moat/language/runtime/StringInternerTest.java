package dev.moat.language.runtime;

import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatLanguage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interning gives one object per content, knows literals by identity only (a string with the same bytes made
 * another way is not one), keeps what it holds across its growth, and holds strings weakly.
 */
class StringInternerTest {
    private static TruffleString bytesOf(String s) {
        return MoatStrings.fromBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aLiteralIsKnownByIdentityOnly() {
        TruffleString literal = MoatStrings.fromJava("[%s,]");
        TruffleString sameBytes = bytesOf("[%s,]");
        MoatLanguage language = new MoatLanguage();
        assertFalse(language.isLiteral(literal), "before any code holds it");
        assertSame(literal, language.intern(literal), "the first of its bytes is the interned one");
        assertTrue(language.isLiteral(literal));
        assertSame(literal, language.intern(sameBytes), "later strings of the same bytes intern to it");
        assertTrue(literal.equalsUncached(sameBytes, MoatStrings.ENCODING), "the same bytes");
        assertFalse(language.isLiteral(sameBytes), "another object with the same bytes");
        assertFalse(language.isLiteral(1L));
        assertFalse(language.isLiteral(null));
    }

    @Test
    void typeNamesAreInternedFromTheStart() {
        MoatLanguage language = new MoatLanguage();
        for (TruffleString name : LuaValues.typeNameStrings()) {
            assertTrue(language.isLiteral(name), MoatStrings.toJava(name));
            assertSame(name, language.intern(bytesOf(MoatStrings.toJava(name))));
        }
    }

    @Test
    void growingKeepsEveryString() {
        StringInterner interner = new StringInterner();
        List<TruffleString> firsts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            TruffleString s = bytesOf("k" + i);
            assertSame(s, interner.intern(s), "new content " + i);
            firsts.add(s);
        }
        for (int i = 0; i < firsts.size(); i++) {
            assertSame(firsts.get(i), interner.intern(bytesOf("k" + i)), "content " + i + " after growing");
            assertTrue(interner.isLiteral(firsts.get(i)));
        }
        assertEquals(20_000, interner.size());
    }

    @Test
    void stringsNoCodeHoldsAreLetGo() throws InterruptedException {
        StringInterner interner = new StringInterner();
        TruffleString kept = interner.intern(bytesOf("kept"));
        for (int i = 0; i < 50_000; i++) {
            interner.intern(bytesOf("dropped" + i));
        }
        assertTrue(interner.size() >= 50_000, "all held while reachable or not yet collected");
        for (int round = 0; round < 50 && interner.size() > 1_000; round++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(interner.size() < 1_000, "collected strings leave the table: " + interner.size());
        assertSame(kept, interner.intern(bytesOf("kept")), "a string still held stays interned");
        assertTrue(interner.isLiteral(kept));
    }
}

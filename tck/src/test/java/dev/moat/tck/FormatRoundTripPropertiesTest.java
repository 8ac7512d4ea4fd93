package dev.moat.tck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * string.format output reads back as the same number: {@code tonumber(string.format(fmt, x)) == x} is
 * computed in Moat (exact equality, and the same subtype for %d and %a; "%.17g" of 2.0 reads back as the
 * integer 2), and the text is also parsed by Java as an independent reader of decimal and C99
 * hexadecimal floats.
 */
class FormatRoundTripPropertiesTest {
    private static Context context;
    private static Value format;
    private static Value readsBack;
    private static Value plain;

    @BeforeContainer
    static void setUp() {
        context = Context.newBuilder("moat").option("engine.WarnInterpreterOnly", "false").build();
        format = context.eval(Source.create("moat", "return function(fmt, x) return string.format(fmt, x) end"));
        readsBack = context.eval(Source.create("moat", """
                return function(fmt, x, sameSubtype)
                  local back = tonumber(string.format(fmt, x))
                  return back == x and (not sameSubtype or math.type(back) == math.type(x))
                end
                """));
        plain = context.eval(Source.create("moat", "return function(x) return string.format('<%d|%i|%s%s>', x, x, 's', x) end"));
    }

    @AfterContainer
    static void tearDown() {
        context.close();
    }

    @Provide
    Arbitrary<Double> finiteDoubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles(),
                // any bit pattern: subnormals, huge exponents, every mantissa
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
                        -Double.MAX_VALUE, 0.1, 1.0 / 3, 1e-310, 9007199254740993.0, 0x1.fffffffffffffp-1023));
    }

    /** %d, %i and %s without modifiers write straight into the result; they must print Java's decimal form. */
    @Property
    void plainConversionsPrintTheDecimalForm(@ForAll("integers") long x) {
        assertEquals("<" + x + "|" + x + "|s" + x + ">", plain.execute(x).asString());
    }

    @Provide
    Arbitrary<Long> integers() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-1000, 1000),
                Arbitraries.of(0L, Long.MIN_VALUE, Long.MAX_VALUE, -1L));
    }

    @Property(tries = 300)
    void integersReadBackFromPercentD(@ForAll("integers") long x) {
        assertTrue(readsBack.execute("%d", x, true).asBoolean(), () -> "%d of " + x);
        assertEquals(Long.toString(x), format.execute("%d", x).asString());
    }

    @Property(tries = 300)
    void doublesReadBackFromPercent17g(@ForAll("finiteDoubles") double x) {
        assertTrue(readsBack.execute("%.17g", x, false).asBoolean(), () -> "%.17g of " + x);
        String text = format.execute("%.17g", x).asString();
        assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
    }

    @Property(tries = 300)
    void doublesReadBackFromPercentA(@ForAll("finiteDoubles") double x) {
        assertTrue(readsBack.execute("%a", x, true).asBoolean(), () -> "%a of " + x);
        assertTrue(readsBack.execute("%A", x, true).asBoolean(), () -> "%A of " + x);
        String text = format.execute("%a", x).asString();
        // Java reads C99 hex floats too; the bits must match, so -0.0 keeps its sign.
        assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
        assertTrue(text.matches("-?0x[01]\\.?[0-9a-f]*p[+-][0-9]+"), text);
    }

    @Property(tries = 200)
    void roundedHexDigitsStayWithinHalfAStep(@ForAll("finiteDoubles") double x, @ForAll("precisions") int precision) {
        String text = format.execute("%." + precision + "a", x).asString();
        double back = Double.parseDouble(text);
        if (Double.isInfinite(back)) {
            // a carry out of the largest binade prints 0x2p+1023, which C allows and no double can hold
            assertTrue(text.matches("-?0x2\\.?0*p\\+1023"), text);
            return;
        }
        // rounding to `precision` hex digits moves the value by at most half a unit of the last digit
        int exponent = Math.max(Math.getExponent(x), Double.MIN_EXPONENT);
        double halfStep = Math.scalb(0.5, exponent - 4 * precision);
        assertTrue(Math.abs(back - x) <= halfStep, () -> text + " for " + x);
    }

    @Provide
    Arbitrary<Integer> precisions() {
        return Arbitraries.integers().between(0, 13);
    }
}

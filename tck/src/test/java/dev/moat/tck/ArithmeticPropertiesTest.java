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

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Integer/float arithmetic and comparisons in Moat against a Java model of the Lua 5.4 rules:
 * wrap-around integers, floor division and modulo, float results for / and ^, and exact comparisons
 * across subtypes.
 */
class ArithmeticPropertiesTest {
    private static Context context;
    private static Value ops;

    @BeforeContainer
    static void setUp() {
        context = Context.newBuilder("moat").option("engine.WarnInterpreterOnly", "false").build();
        ops = context.eval(Source.create("moat", """
                return function(a, b, op)
                  if op == 1 then return a + b elseif op == 2 then return a - b elseif op == 3 then return a * b
                  elseif op == 4 then return a // b elseif op == 5 then return a % b elseif op == 6 then return a / b
                  elseif op == 7 then return a < b elseif op == 8 then return a <= b elseif op == 9 then return a == b
                  elseif op == 10 then return math.type(a + b) end
                end
                """));
    }

    @AfterContainer
    static void tearDown() {
        context.close();
    }

    @Provide
    Arbitrary<Object> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.longs().between(-1000, 1000).map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 0.0, -0.0, 0.5, -1.5, 1e300, 9.223372036854776E18,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 4503599627370496.5, 9007199254740993L));
    }

    @Property(tries = 400)
    void integerAndFloatArithmetic(@ForAll("numbers") Object a, @ForAll("numbers") Object b) {
        for (int op = 1; op <= 6; op++) {
            Object expected = LuaModel.arith(op, a, b);
            Value actual;
            try {
                actual = ops.execute(a, b, op);
            } catch (org.graalvm.polyglot.PolyglotException e) {
                assertEquals("error", expected, "op " + op + " on " + a + ", " + b + ": " + e.getMessage());
                continue;
            }
            assertEquals(expected, LuaModel.fromValue(actual), "op " + op + " on " + a + ", " + b);
        }
    }

    @Property(tries = 400)
    void comparisonsAreExactAcrossSubtypes(@ForAll("numbers") Object a, @ForAll("numbers") Object b) {
        assertEquals(LuaModel.compare(a, b) < 0 && !LuaModel.isNaN(a, b), ops.execute(a, b, 7).asBoolean(), "lt " + a + " " + b);
        assertEquals(LuaModel.compare(a, b) <= 0 && !LuaModel.isNaN(a, b), ops.execute(a, b, 8).asBoolean(), "le " + a + " " + b);
        assertEquals(LuaModel.compare(a, b) == 0 && !LuaModel.isNaN(a, b), ops.execute(a, b, 9).asBoolean(), "eq " + a + " " + b);
    }

    /** The Java model of Lua 5.4 number semantics. */
    static final class LuaModel {
        static Object fromValue(Value v) {
            if (v.fitsInLong() && v.toString().indexOf('.') < 0 && !v.toString().contains("e") && !v.toString().contains("n")) {
                return v.asLong();
            }
            return v.asDouble();
        }

        static Object arith(int op, Object a, Object b) {
            if (a instanceof Long x && b instanceof Long y && op != 6) {
                return switch (op) {
                    case 1 -> x + y;
                    case 2 -> x - y;
                    case 3 -> x * y;
                    case 4 -> y == 0 ? "error" : (Object) Math.floorDiv(x, y);
                    default -> y == 0 ? "error" : (Object) Math.floorMod(x, y);
                };
            }
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            return switch (op) {
                case 1 -> x + y;
                case 2 -> x - y;
                case 3 -> x * y;
                case 4 -> Math.floor(x / y);
                case 5 -> fmod(x, y);
                default -> x / y;
            };
        }

        static double fmod(double a, double b) {
            if (Double.isInfinite(b) && Double.isFinite(a)) {
                return (a == 0 || (a > 0) == (b > 0)) ? a : b;
            }
            double m = a % b;
            // Floor modulo from fmod: adjust only when the remainder and b differ in sign
            // (lua5.4: -1 % -0.01 is -0.0099999999999999794, -538 % -2.18e142 is -538).
            if ((m > 0 && b < 0) || (m < 0 && b > 0)) {
                m += b;
            }
            return m;
        }

        static boolean isNaN(Object a, Object b) {
            return (a instanceof Double d && d.isNaN()) || (b instanceof Double e && e.isNaN());
        }

        static int compare(Object a, Object b) {
            if (isNaN(a, b)) {
                return 2;
            }
            return exact(a).compareTo(exact(b));
        }

        private static BigDecimal exact(Object n) {
            if (n instanceof Long l) {
                return BigDecimal.valueOf(l);
            }
            double d = (Double) n;
            if (Double.isInfinite(d)) {
                return d > 0 ? new BigDecimal("1e400") : new BigDecimal("-1e400");
            }
            return new BigDecimal(d);
        }
    }
}

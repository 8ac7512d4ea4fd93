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

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * string.pack/unpack on random formats (every kind of option, random byte orders and alignments) and
 * random values: unpack gives the values back (floats through C's float rounding), the last result is
 * the position after the data, packsize agrees for fixed-size formats, and the packed bytes equal a Java
 * model of the layout built with BigInteger and ByteBuffer.
 */
class PackPropertiesTest {
    private static Context context;
    private static Value roundTrip;

    @BeforeContainer
    static void setUp() {
        context = Context.newBuilder("moat").option("engine.WarnInterpreterOnly", "false").build();
        roundTrip = context.eval(Source.create("moat", """
                return function(fmt, ...)
                  local p = string.pack(fmt, ...)
                  local r = table.pack(string.unpack(fmt, p))
                  local out = {(p:gsub(".", function(c) return string.format("%02x", c:byte()) end))}
                  for i = 1, r.n do
                    out[#out + 1] = math.type(r[i]) == "float" and string.format("%a", r[i]) or tostring(r[i])
                  end
                  local ok, size = pcall(string.packsize, fmt)
                  out[#out + 1] = ok and tostring(size) or "variable"
                  return table.concat(out, " ")
                end
                """));
    }

    @AfterContainer
    static void tearDown() {
        context.close();
    }

    /** One option of a generated format, with the value it packs (null for options that take none). */
    record Item(String text, char kind, int size, Object value) {
    }

    record Case(int maxAlign, List<Item> items) {
        String format() {
            StringBuilder sb = new StringBuilder(maxAlign > 1 ? "!" + maxAlign : "");
            for (Item item : items) {
                sb.append(item.text());
            }
            return sb.toString();
        }

        Object[] arguments() {
            List<Object> args = new ArrayList<>();
            args.add(format());
            for (Item item : items) {
                if (item.value() != null) {
                    args.add(item.value());
                }
            }
            return args.toArray();
        }

        @Override
        public String toString() {
            return format() + " " + items;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.randomValue(PackPropertiesTest::generate);
    }

    @Property(tries = 400)
    void unpackGivesBackWhatPackWrote(@ForAll("cases") Case c) {
        String[] actual = roundTrip.execute(c.arguments()).asString().split(" ", -1);
        Model model = new Model(c.maxAlign());
        for (Item item : c.items()) {
            model.add(item);
        }
        assertEquals(HexFormat.of().formatHex(model.bytes.toByteArray()), actual[0], () -> "bytes of " + c);
        int at = 1;
        for (Item item : c.items()) {
            if (item.value() == null) {
                continue;
            }
            String got = actual[at++];
            switch (item.kind()) {
                case 'i', 'u' -> assertEquals(item.value(), Long.parseLong(got), () -> "value of " + item + " in " + c);
                case 'f' -> assertSameDouble((double) (float) (double) (Double) item.value(), got, c);
                case 'd' -> assertSameDouble((Double) item.value(), got, c);
                case 'c' -> assertEquals(item.value() + "\0".repeat(item.size() - ((String) item.value()).length()), got,
                        () -> "string of " + item + " in " + c);
                default -> assertEquals(item.value(), got, () -> "string of " + item + " in " + c);
            }
        }
        assertEquals(Long.toString(model.bytes.size() + 1L), actual[at++], () -> "final position of " + c);
        assertEquals(model.variableLength ? "variable" : Integer.toString(model.bytes.size()), actual[at], () -> "packsize of " + c);
        assertEquals(at + 1, actual.length, () -> "result count of " + c);
    }

    private static void assertSameDouble(double expected, String got, Case c) {
        double parsed = switch (got) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(got);
        };
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(parsed), () -> got + " in " + c);
    }

    /** The layout rules of the Lua 5.4 manual (§6.4.2), written independently of the implementation. */
    static final class Model {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int maxAlign;
        boolean little = true;
        boolean variableLength;

        Model(int maxAlign) {
            this.maxAlign = maxAlign;
        }

        void add(Item item) {
            switch (item.kind()) {
                case '<', '=' -> little = true;
                case '>' -> little = false;
                case ' ' -> {
                }
                case 'x' -> bytes.write(0);
                case 'X' -> align(item.size());
                case 'i', 'u' -> {
                    align(item.size());
                    long v = (Long) item.value();
                    BigInteger n = item.kind() == 'i' ? BigInteger.valueOf(v) : new BigInteger(Long.toUnsignedString(v));
                    integer(n, item.size());
                }
                case 'f' -> {
                    align(4);
                    put(ByteBuffer.allocate(4).order(order()).putFloat((float) (double) (Double) item.value()));
                }
                case 'd' -> {
                    align(8);
                    put(ByteBuffer.allocate(8).order(order()).putDouble((Double) item.value()));
                }
                case 'c' -> {
                    byte[] s = ((String) item.value()).getBytes(StandardCharsets.ISO_8859_1);
                    bytes.writeBytes(s);
                    bytes.writeBytes(new byte[item.size() - s.length]);
                }
                case 's' -> {
                    byte[] s = ((String) item.value()).getBytes(StandardCharsets.ISO_8859_1);
                    align(item.size());
                    integer(BigInteger.valueOf(s.length), item.size());
                    bytes.writeBytes(s);
                    variableLength = true;
                }
                case 'z' -> {
                    bytes.writeBytes(((String) item.value()).getBytes(StandardCharsets.ISO_8859_1));
                    bytes.write(0);
                    variableLength = true;
                }
                default -> throw new IllegalArgumentException(item.toString());
            }
        }

        private ByteOrder order() {
            return little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        }

        private void align(int size) {
            int a = Math.min(size, maxAlign);
            while (a > 1 && bytes.size() % a != 0) {
                bytes.write(0);
            }
        }

        private void put(ByteBuffer b) {
            bytes.writeBytes(b.array());
        }

        /** Two's complement in exactly {@code size} bytes (BigInteger gives big-endian, minimal length). */
        private void integer(BigInteger n, int size) {
            byte[] minimal = n.toByteArray();
            byte[] bigEndian = new byte[size];
            byte fill = (byte) (n.signum() < 0 ? 0xff : 0);
            for (int i = 0; i < size; i++) {
                int from = minimal.length - 1 - i;
                bigEndian[size - 1 - i] = from >= 0 ? minimal[from] : fill;
            }
            for (int i = 0; i < size; i++) {
                bytes.write(bigEndian[little ? size - 1 - i : i]);
            }
        }
    }

    private static final int[] POWER_OF_TWO_SIZES = {1, 2, 4, 8, 16};

    static Case generate(Random r) {
        int maxAlign = r.nextInt(3) == 0 ? 1 << r.nextInt(5) : 1;
        List<Item> items = new ArrayList<>();
        int count = 1 + r.nextInt(8);
        for (int k = 0; k < count; k++) {
            items.add(switch (r.nextInt(12)) {
                case 0, 1, 2 -> integerItem(r, maxAlign, true);
                case 3, 4 -> integerItem(r, maxAlign, false);
                case 5 -> new Item("f", 'f', 4, randomDouble(r));
                case 6 -> new Item(r.nextBoolean() ? "d" : "n", 'd', 8, randomDouble(r));
                case 7 -> {
                    int size = r.nextInt(7);
                    yield new Item("c" + size, 'c', size, word(r, r.nextInt(size + 1)));
                }
                case 8 -> {
                    int size = maxAlign > 1 ? POWER_OF_TWO_SIZES[r.nextInt(4)] : 1 + r.nextInt(16);
                    boolean plain = r.nextInt(4) == 0;
                    yield new Item(plain ? "s" : "s" + size, 's', plain ? 8 : size, word(r, r.nextInt(11)));
                }
                case 9 -> new Item("z", 'z', 0, word(r, r.nextInt(11)));
                case 10 -> {
                    String[] ops = {"x", "X" + "bhifdjn".charAt(r.nextInt(7)), "Xi8", "Xi16", " "};
                    String op = ops[r.nextInt(ops.length)];
                    yield new Item(op, op.charAt(0), op.equals("x") || op.equals(" ") ? 0 : alignmentOf(op.substring(1)), null);
                }
                default -> {
                    String order = String.valueOf("<>=".charAt(r.nextInt(3)));
                    yield new Item(order, order.charAt(0), 0, null);
                }
            });
        }
        return new Case(maxAlign, items);
    }

    private static int alignmentOf(String option) {
        return switch (option) {
            case "b" -> 1;
            case "h" -> 2;
            case "i", "f" -> 4;
            case "i16" -> 16;
            default -> 8;
        };
    }

    private static Item integerItem(Random r, int maxAlign, boolean signed) {
        int size = maxAlign > 1 ? POWER_OF_TWO_SIZES[r.nextInt(5)] : 1 + r.nextInt(16);
        String text = (signed ? "i" : "I") + size;
        if (r.nextBoolean()) {
            String named = switch (size) {
                case 1 -> signed ? "b" : "B";
                case 2 -> signed ? "h" : "H";
                case 4 -> signed ? "i" : "I";
                case 8 -> String.valueOf(signed ? "lj".charAt(r.nextInt(2)) : "LJT".charAt(r.nextInt(3)));
                default -> text;
            };
            text = named;
        }
        long value;
        if (size >= 8) {
            value = r.nextInt(4) == 0 ? r.nextInt(512) - 256 : r.nextLong();
        } else if (signed) {
            long half = 1L << (size * 8 - 1);
            value = -half + (long) (r.nextDouble() * 2 * half);
            value = Math.max(-half, Math.min(half - 1, value));
        } else {
            long limit = 1L << (size * 8);
            value = Math.min(limit - 1, (long) (r.nextDouble() * limit));
        }
        return new Item(text, signed ? 'i' : 'u', size, value);
    }

    private static double randomDouble(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt(2001) - 1000;
            case 1 -> (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(300) - 150);
            case 2 -> new double[]{0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                Double.MAX_VALUE, Float.MAX_VALUE, Float.MIN_VALUE, 1e-45, 3.5e38}[r.nextInt(10)];
            default -> {
                double d = Double.longBitsToDouble(r.nextLong());
                yield Double.isNaN(d) ? 1.5 : d;
            }
        };
    }

    private static String word(Random r, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(r.nextInt(36)));
        }
        return sb.toString();
    }
}

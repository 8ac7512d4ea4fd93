package dev.moat.stdlib.os;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * os.date in the C locale. Scripts never see the host's time zone: local time is UTC in Moat (a host
 * that wants another zone converts outside). Conversions follow strftime as Lua 5.4 accepts them.
 */
public final class DateBuiltins {
    private DateBuiltins() {
    }

    private static final String VALID = "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%";

    @MoatBuiltin(name = "date")
    public abstract static class DateNode extends BuiltinNode {
        @Specialization
        protected Object date(Object format, Object time) {
            String fmt = format == MoatNil.NIL ? "%c" : MoatStrings.toJava(checkString(format, 1));
            long t = time == MoatNil.NIL ? System.currentTimeMillis() / 1000 : checkInteger(time, 2);
            return format(fmt, t);
        }

        @TruffleBoundary
        private Object format(String fmt, long t) {
            if (fmt.startsWith("!")) {
                fmt = fmt.substring(1);
            }
            ZonedDateTime d;
            try {
                d = Instant.ofEpochSecond(t).atZone(ZoneOffset.UTC);
            } catch (java.time.DateTimeException e) {
                // Years beyond +-999,999,999 (Lua's message for a time its C library cannot convert).
                throw error("date result cannot be represented in this installation");
            }
            if (fmt.startsWith("*t")) {
                MoatTable r = new MoatTable(0, 9);
                put(r, "year", d.getYear());
                put(r, "month", d.getMonthValue());
                put(r, "day", d.getDayOfMonth());
                put(r, "hour", d.getHour());
                put(r, "min", d.getMinute());
                put(r, "sec", d.getSecond());
                put(r, "wday", d.getDayOfWeek().getValue() % 7 + 1);
                put(r, "yday", d.getDayOfYear());
                r.put(MoatStrings.fromJava("isdst"), Boolean.FALSE);
                return r;
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < fmt.length(); i++) {
                char c = fmt.charAt(i);
                if (c != '%') {
                    out.append(c);
                    continue;
                }
                if (i + 1 < fmt.length() && (fmt.charAt(i + 1) == 'E' || fmt.charAt(i + 1) == 'O')) {
                    // C99 modifiers: %Ec %EC %Ex %EX %Ey %EY and %Od %Oe %OH %OI %Om %OM %OS %Ou %OU %OV %Ow %OW %Oy
                    String allowed = fmt.charAt(i + 1) == 'E' ? "cCxXyY" : "deHImMSuUVwWy";
                    if (i + 2 >= fmt.length() || allowed.indexOf(fmt.charAt(i + 2)) < 0) {
                        String spec = fmt.substring(i, Math.min(fmt.length(), i + 3));
                        throw argError(1, "invalid conversion specifier '" + spec + "'");
                    }
                    i++;
                } else if (i + 1 >= fmt.length() || VALID.indexOf(fmt.charAt(i + 1)) < 0) {
                    String spec = i + 1 < fmt.length() ? fmt.substring(i, i + 2) : "%";
                    throw argError(1, "invalid conversion specifier '" + spec + "'");
                }
                out.append(conversion(fmt.charAt(++i), d));
            }
            charge(1 + out.length() / 32);
            return MoatStrings.fromJava(out.toString());
        }

        private static void put(MoatTable t, String k, long v) {
            t.put(MoatStrings.fromJava(k), v);
        }

        private static String two(int v) {
            return v < 10 ? "0" + v : Integer.toString(v);
        }

        private static String conversion(char c, ZonedDateTime d) {
            Locale l = Locale.ROOT;
            return switch (c) {
                case 'a' -> d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'A' -> d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'b', 'h' -> d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'B' -> d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'c' -> conversion('a', d) + " " + conversion('b', d) + " " + String.format(l, "%2d", d.getDayOfMonth()) + " "
                        + conversion('T', d) + " " + d.getYear();
                case 'C' -> two(d.getYear() / 100);
                case 'd' -> two(d.getDayOfMonth());
                case 'D' -> conversion('m', d) + "/" + conversion('d', d) + "/" + conversion('y', d);
                case 'e' -> String.format(l, "%2d", d.getDayOfMonth());
                case 'F' -> d.getYear() + "-" + conversion('m', d) + "-" + conversion('d', d);
                case 'g' -> two(d.get(IsoFields.WEEK_BASED_YEAR) % 100);
                case 'G' -> Integer.toString(d.get(IsoFields.WEEK_BASED_YEAR));
                case 'H' -> two(d.getHour());
                case 'I' -> two(d.getHour() % 12 == 0 ? 12 : d.getHour() % 12);
                case 'j' -> String.format(l, "%03d", d.getDayOfYear());
                case 'm' -> two(d.getMonthValue());
                case 'M' -> two(d.getMinute());
                case 'n' -> "\n";
                case 'p' -> d.getHour() < 12 ? "AM" : "PM";
                case 'r' -> conversion('I', d) + ":" + conversion('M', d) + ":" + conversion('S', d) + " " + conversion('p', d);
                case 'R' -> conversion('H', d) + ":" + conversion('M', d);
                case 'S' -> two(d.getSecond());
                case 't' -> "\t";
                case 'T', 'X' -> conversion('H', d) + ":" + conversion('M', d) + ":" + conversion('S', d);
                case 'u' -> Integer.toString(d.getDayOfWeek().getValue());
                case 'U' -> two((d.getDayOfYear() + 6 - (d.getDayOfWeek().getValue() % 7)) / 7);
                case 'V' -> two(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                case 'w' -> Integer.toString(d.getDayOfWeek().getValue() % 7);
                case 'W' -> two((d.getDayOfYear() + 6 - ((d.getDayOfWeek().getValue() + 6) % 7)) / 7);
                case 'x' -> conversion('D', d);
                case 'y' -> two(d.getYear() % 100);
                case 'Y' -> Integer.toString(d.getYear());
                case 'z' -> "+0000";
                case 'Z' -> "GMT";
                case '%' -> "%";
                default -> throw new IllegalStateException();
            };
        }
    }
}

package dev.moat.stdlib.os;

import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

/**
 * mktime in UTC with plain integer arithmetic (no java.time, whose year range is smaller than what
 * Lua accepts): out-of-range fields carry into the next larger one, and the result is split back
 * into normalized fields. Years are counted from 1900 and months from 0, as in a C struct tm.
 */
final class CivilTime {
    private CivilTime() {
    }

    /**
     * {year-1900, month-1, day, hour, min, sec} to {year-1900, month-1, day, hour, min, sec, epoch
     * seconds, weekday (0 = Sunday), day of year (0-based)}; null when the normalized year does not
     * fit a C int, as mktime fails then.
     */
    static long[] normalize(long[] tm) {
        long year = tm[0] + Math.floorDiv(tm[1], 12L);
        long month = Math.floorMod(tm[1], 12L);
        long days = daysFromCivil(year + 1900, month + 1, 1) + tm[2] - 1;
        long seconds = days * 86400 + tm[3] * 3600 + tm[4] * 60 + tm[5];
        long[] fields = fromEpoch(seconds);
        if (fields[0] > Integer.MAX_VALUE || fields[0] < Integer.MIN_VALUE) {
            return null;
        }
        long[] out = new long[9];
        System.arraycopy(fields, 0, out, 0, 6);
        out[6] = seconds;
        out[7] = fields[6];
        out[8] = fields[7];
        return out;
    }

    /** Epoch seconds to {year-1900, month-1, day, hour, min, sec, weekday, yday}. */
    static long[] fromEpoch(long seconds) {
        long days = Math.floorDiv(seconds, 86400L);
        long rest = Math.floorMod(seconds, 86400L);
        long[] ymd = civilFromDays(days);
        long yday = days - daysFromCivil(ymd[0], 1, 1);
        long weekday = Math.floorMod(days + 4, 7L); // 1970-01-01 was a Thursday
        return new long[]{ymd[0] - 1900, ymd[1] - 1, ymd[2], rest / 3600, rest % 3600 / 60, rest % 60, weekday, yday};
    }

    /** Writes normalized fields into a date table, as Lua's setallfields does after mktime. */
    static void store(MoatTable table, long[] n) {
        put(table, "year", n[0] + 1900);
        put(table, "month", n[1] + 1);
        put(table, "day", n[2]);
        put(table, "hour", n[3]);
        put(table, "min", n[4]);
        put(table, "sec", n[5]);
        put(table, "yday", n[8] + 1);
        put(table, "wday", n[7] + 1);
        table.put(MoatStrings.fromJava("isdst"), Boolean.FALSE);
    }

    private static void put(MoatTable table, String key, long value) {
        table.put(MoatStrings.fromJava(key), value);
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
    static long daysFromCivil(long year, long month, long day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400L);
        long yoe = y - era * 400;
        long mp = (month + 9) % 12;
        long doy = (153 * mp + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** {year, month 1..12, day} of a day count since 1970-01-01. */
    static long[] civilFromDays(long days) {
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097L);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return new long[]{year, month, day};
    }
}

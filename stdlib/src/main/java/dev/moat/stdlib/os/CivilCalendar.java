package dev.moat.stdlib.os;

/**
 * Proleptic Gregorian day arithmetic in plain long integers (days since 1970-01-01), valid for every year
 * a C {@code struct tm} can hold, so os.time/os.date never depend on java.time's narrower range. The
 * algorithm is the standard era-based conversion (400-year cycles of 146097 days).
 */
final class CivilCalendar {
    private CivilCalendar() {
    }

    static long daysFromCivil(long year, long month, long day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long monthFromMarch = month > 2 ? month - 3 : month + 9;
        long dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }
}

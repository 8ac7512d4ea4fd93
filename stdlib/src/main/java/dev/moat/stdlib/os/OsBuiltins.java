package dev.moat.stdlib.os;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;


/**
 * The safe subset of os: time, clock, difftime (date lives in its own class). The clock readings come
 * from the host's JVM clocks; nothing else of the host (environment, files, processes) is exposed.
 */
public final class OsBuiltins {
    private OsBuiltins() {
    }

    @MoatBuiltin(name = "clock")
    public abstract static class ClockNode extends BuiltinNode {
        @Specialization
        protected double clock() {
            return cpuSeconds();
        }

        /**
         * Seconds elapsed since the JVM started (wall clock). Lua's clock() is process CPU time; on the
         * JVM that would include compiler and GC threads, so elapsed time is the honest measure here.
         */
        @TruffleBoundary
        private static double cpuSeconds() {
            return (System.nanoTime() - START) / 1e9;
        }

        private static final long START = System.nanoTime();
    }

    @MoatBuiltin(name = "time")
    public abstract static class TimeNode extends BuiltinNode {
        private static final TruffleString[] FIELDS = {
            MoatStrings.fromJava("year"), MoatStrings.fromJava("month"), MoatStrings.fromJava("day"),
            MoatStrings.fromJava("hour"), MoatStrings.fromJava("min"), MoatStrings.fromJava("sec")};

        /** Lua adds these to the field before the int range check (tm_year counts from 1900, tm_mon from 0). */
        private static final long[] DELTA = {1900, 1, 0, 0, 0, 0};

        @Specialization
        protected long time(Object t) {
            if (t == MoatNil.NIL) {
                return now();
            }
            MoatTable table = checkTable(t, 1);
            long[] v = new long[6];
            long[] defaults = {-1, -1, -1, 12, 0, 0};
            for (int i = 0; i < 6; i++) {
                String name = MoatStrings.toJava(FIELDS[i]);
                Object f = table.get(FIELDS[i]);
                if (f == null || f == MoatNil.NIL) {
                    if (defaults[i] < 0) {
                        throw error("field '" + name + "' missing in date table");
                    }
                    v[i] = defaults[i];
                    continue;
                }
                Long n = LuaArith.toInteger(f);
                if (n == null) {
                    throw error("field '" + name + "' is not an integer");
                }
                long res = n;
                // C's struct tm holds ints: the same bound as Lua's getfield, so no arithmetic below overflows.
                if (!(res >= 0 ? res - DELTA[i] <= Integer.MAX_VALUE : Integer.MIN_VALUE + DELTA[i] <= res)) {
                    throw error("field '" + name + "' is out-of-bound");
                }
                v[i] = res;
            }
            return epoch(v);
        }

        @TruffleBoundary
        private static long now() {
            return System.currentTimeMillis() / 1000;
        }

        /** mktime-like normalisation (months, days and times may overflow into the next unit), in UTC. */
        static long epoch(long[] v) {
            long month0 = v[1] - 1;
            long year = v[0] + Math.floorDiv(month0, 12);
            long month = Math.floorMod(month0, 12) + 1;
            long days = CivilCalendar.daysFromCivil(year, month, 1) + v[2] - 1;
            return days * 86400 + v[3] * 3600 + v[4] * 60 + v[5];
        }
    }

    @MoatBuiltin(name = "difftime")
    public abstract static class DiffTimeNode extends BuiltinNode {
        @Specialization
        protected double difftime(Object a, Object b) {
            return checkNumber(a, 1) - (b == MoatNil.NIL ? 0 : checkNumber(b, 2));
        }
    }
}

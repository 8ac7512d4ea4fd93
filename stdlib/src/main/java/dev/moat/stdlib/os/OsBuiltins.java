package dev.moat.stdlib.os;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

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
            dev.moat.language.MoatContext context = dev.moat.language.MoatContext.get(this);
            return context.clock.cpuSeconds(context.budget);
        }
    }

    @MoatBuiltin(name = "time")
    public abstract static class TimeNode extends BuiltinNode {
        private static final TruffleString[] FIELDS = {
            MoatStrings.fromJava("year"), MoatStrings.fromJava("month"), MoatStrings.fromJava("day"),
            MoatStrings.fromJava("hour"), MoatStrings.fromJava("min"), MoatStrings.fromJava("sec")};

        @Specialization
        protected long time(Object t) {
            if (t == MoatNil.NIL) {
                return dev.moat.language.MoatContext.get(this).clock.epochSeconds();
            }
            MoatTable table = checkTable(t, 1);
            long[] v = new long[6];
            long[] defaults = {-1, -1, -1, 12, 0, 0};
            for (int i = 0; i < 6; i++) {
                Object f = table.get(FIELDS[i]);
                if (f == null || f == MoatNil.NIL) {
                    if (defaults[i] < 0) {
                        throw error("field '" + MoatStrings.toJava(FIELDS[i]) + "' missing in date table");
                    }
                    v[i] = defaults[i];
                } else {
                    v[i] = checkInteger(f, 1);
                }
            }
            return epoch(v);
        }

        /** mktime-like normalisation (months and days may overflow), in UTC. */
        @TruffleBoundary
        private static long epoch(long[] v) {
            LocalDateTime base = LocalDateTime.of((int) v[0], 1, 1, 0, 0, 0);
            LocalDateTime t = base.plusMonths(v[1] - 1).plusDays(v[2] - 1).plusHours(v[3]).plusMinutes(v[4]).plusSeconds(v[5]);
            return t.toEpochSecond(ZoneOffset.UTC);
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

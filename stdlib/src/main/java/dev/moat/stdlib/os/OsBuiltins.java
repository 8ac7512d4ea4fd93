package dev.moat.stdlib.os;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

import com.oracle.truffle.api.dsl.Cached;
import dev.moat.language.nodes.table.IndexGetNode;
import dev.moat.language.runtime.LuaArith;

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
        private static final String[] FIELDS = {"year", "month", "day", "hour", "min", "sec"};
        /** Defaults (-1: required) and the offsets Lua subtracts before storing a field in a struct tm. */
        private static final long[] DEFAULTS = {-1, -1, -1, 12, 0, 0};
        private static final long[] DELTAS = {1900, 1, 0, 0, 0, 0};

        @Specialization
        protected long time(Object t, @Cached("create()") IndexGetNode index) {
            if (t == MoatNil.NIL) {
                return dev.moat.language.MoatContext.get(this).clock.epochSeconds();
            }
            MoatTable table = checkTable(t, 1);
            long[] tm = new long[6];
            for (int i = 0; i < 6; i++) {
                tm[i] = field(table, FIELDS[i], DEFAULTS[i], DELTAS[i], index);
            }
            // A true isdst asks mktime for daylight-saving time; local time is UTC, which has none, and
            // glibc's mktime (lua5.4's) then takes the time as one hour ahead of UTC.
            Object isdst = index.get(null, table, MoatStrings.fromJava("isdst"), this, null);
            if (LuaValues.isTruthy(isdst)) {
                tm[5] -= 3600;
            }
            charge(8);
            long[] normal = CivilTime.normalize(tm);
            if (normal == null) {
                throw error("time result cannot be represented in this installation");
            }
            long seconds = normal[6];
            // Like Lua after mktime: the table gets the normalized fields back.
            CivilTime.store(table, normal);
            if (seconds == -1) {
                // -1 is mktime's failure value, so Lua cannot tell it from an error.
                throw error("time result cannot be represented in this installation");
            }
            return seconds;
        }

        /** Lua's getfield: read through metamethods, integers only, bounded to a C int after the offset. */
        private long field(MoatTable table, String key, long def, long delta, IndexGetNode index) {
            Object v = index.get(null, table, MoatStrings.fromJava(key), this, null);
            Long n = v instanceof Long || v instanceof Double || v instanceof TruffleString ? LuaArith.toInteger(v) : null;
            if (n == null) {
                if (v != MoatNil.NIL) {
                    throw error("field '" + key + "' is not an integer");
                }
                if (def < 0) {
                    throw error("field '" + key + "' missing in date table");
                }
                return def;
            }
            long value = n;
            boolean fits = value >= 0 ? value - delta <= Integer.MAX_VALUE : Integer.MIN_VALUE + delta <= value;
            if (!fits) {
                throw error("field '" + key + "' is out-of-bound");
            }
            return value - delta;
        }
    }

    @MoatBuiltin(name = "difftime")
    public abstract static class DiffTimeNode extends BuiltinNode {
        @Specialization
        protected double difftime(Object a, Object b) {
            // Lua 5.4.4 takes two integer times.
            long t1 = checkInteger(a, 1);
            long t2 = checkInteger(b, 2);
            return (double) t1 - (double) t2;
        }
    }
}

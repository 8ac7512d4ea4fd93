package dev.moat.language.runtime;

/** TEMPORARY placeholder (replaced by the exact implementation on branch 'strings'). */
public final class LuaNumberFormat {
    private LuaNumberFormat() {
    }

    public static String toLuaString(double d) {
        if (Double.isNaN(d)) {
            return (Double.doubleToRawLongBits(d) < 0) ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            if (d == 0 && 1 / d < 0) {
                return "-0.0";
            }
            return Long.toString((long) d) + ".0";
        }
        String s = String.format(java.util.Locale.ROOT, "%.14g", d);
        if (s.contains("e")) {
            String mant = s.substring(0, s.indexOf('e'));
            String exp = s.substring(s.indexOf('e') + 1);
            if (mant.contains(".")) {
                mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            int e = Integer.parseInt(exp);
            return mant + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        if (!s.contains(".") && !s.contains("e") && !s.contains("n") && !s.contains("i")) {
            s += ".0";
        }
        return s;
    }
}

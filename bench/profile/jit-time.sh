#!/usr/bin/env bash
# Where HotSpot's own JIT compilers (C1, C2) spend their time during one bin/moat run.
#
#   bench/profile/jit-time.sh [-o DIR] [-n TOP] -- <bin/moat arguments>
#
#   -o  directory for the compilation log (default bench/target/jit-time); the log is HotSpot's
#       -XX:+LogCompilation XML, one <task> ... <task_done> pair per compilation
#   -n  rows in the per-package and slowest-compilation tables (default 15)
#
# Prints, from the log: compilations and seconds per tier (1-3 are C1, 4 is C2); seconds per tier and package
# (which code the compilers spend their time on: the Graal compiler's own, Truffle's, Moat's interpreter
# nodes, the JDK); the seconds of C1 and C2 work started in each second of the run (how busy each compiler
# thread was while the guest ran); and the slowest single compilations.
#
# On two cores these threads compete with the guest thread and with Truffle's compiler thread, so this is
# the other half of a whole-process profile (profile.sh shows the guest's). Truffle's own compilations of
# guest code are not in this log: use -Dpolyglot.engine.TraceCompilation=true for those.
#
# Example: bench/profile/jit-time.sh -- bench/programs/json.lua
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$HERE/../.." && pwd -P)"
OUTDIR="$ROOT/bench/target/jit-time"
TOP=15
while [ $# -gt 0 ]; do
  case "$1" in
    -o) OUTDIR="$2"; shift 2 ;;
    -n) TOP="$2"; shift 2 ;;
    --) shift; break ;;
    -h | --help) sed -n '2,19p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "jit-time.sh: unknown option $1 (arguments for bin/moat go after --)" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "jit-time.sh: give the bin/moat arguments after --" >&2; exit 2; }
mkdir -p "$OUTDIR"
LOG="$OUTDIR/compilation.xml"
rm -f "$LOG"

start=$(date +%s.%N)
MOAT_JAVA_OPTS="${MOAT_JAVA_OPTS:-} -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=$LOG" \
  "$ROOT/bin/moat" "$@" > "$OUTDIR/program.out" 2>&1 || { echo "jit-time.sh: the run failed:" >&2; tail -5 "$OUTDIR/program.out" >&2; exit 1; }
end=$(date +%s.%N)
echo "run: $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') s wall; log: $LOG"

# One line per finished compilation: tier, package, seconds, start stamp, osr, method.
# C2 tasks carry no level attribute; the stamps are seconds since the JVM started.
awk '
  function attr(line, name,   m) {
    if (match(line, " " name "=\x27[^\x27]*\x27")) { m = substr(line, RSTART + length(name) + 3, RLENGTH - length(name) - 4); return m }
    return ""
  }
  /^<task / { method = attr($0, "method"); level = attr($0, "level"); if (level == "") level = 4
              stamp = attr($0, "stamp"); osr = attr($0, "osr_bci"); next }
  /^<task_done/ && method != "" {
    split(method, parts, " "); cls = parts[1]
    n = split(cls, p, "."); pkg = p[1]; for (i = 2; i <= 3 && i < n; i++) pkg = pkg "." p[i]
    printf "%s\t%s\t%.4f\t%s\t%s\t%s\n", level, pkg, attr($0, "stamp") - stamp, stamp, (osr == "" ? "" : "osr"), cls "::" parts[2]
    method = ""
  }
' "$LOG" > "$OUTDIR/tasks.tsv"

echo
echo "== compilations per tier (1-3: C1, 4: C2)"
awk -F'\t' '{ n[$1]++; s[$1] += $3 } END { for (t in n) printf "  tier %s  %6d compilations  %7.2f s\n", t, n[t], s[t] }' "$OUTDIR/tasks.tsv" | sort

echo
echo "== seconds per tier and package (top $TOP)"
awk -F'\t' '{ k = "tier " $1 "  " $2; n[k]++; s[k] += $3 } END { for (k in n) printf "%8.2f s %6d  %s\n", s[k], n[k], k }' "$OUTDIR/tasks.tsv" | sort -rn | awk -v n="$TOP" 'NR <= n'

echo
echo "== compiler work started in each second of the run (seconds of C1 / C2 compilation)"
awk -F'\t' '{ sec = int($4); if ($1 == 4) c2[sec] += $3; else c1[sec] += $3; if (sec > last) last = sec }
  END { for (i = 0; i <= last; i++) printf "  %3d s  C1 %5.2f  C2 %5.2f\n", i, c1[i], c2[i] }' "$OUTDIR/tasks.tsv"

echo
echo "== slowest compilations (top $TOP)"
sort -t$'\t' -k3,3 -rn "$OUTDIR/tasks.tsv" | awk -v n="$TOP" 'NR <= n' | awk -F'\t' '{ printf "%7.3f s  tier %s %-3s at %6.2f s  %s\n", $3, $1, $5, $4, substr($6, 1, 110) }'

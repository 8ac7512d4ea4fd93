#!/usr/bin/env bash
# Shows where a Truffle compilation of a Moat function spends its time, instruction by instruction.
#
#   bench/profile/hot-code.sh [-n NAME] [-s SECONDS] [-w WAIT] [-t SETTLE] -- <bin/moat arguments>
#
#   -n  the compiled unit, as Truffle's compilation trace names it: a function (`run`, `Scheduler:schedule`),
#       `builtin`, or an OSR loop (`WhileNode.Body@...<OSR>`, matched as a prefix); default: the largest
#       last-tier compilation
#   -s  seconds of sampling once that compilation is installed (default 5)
#   -w  seconds to wait for it at most (default 120)
#   -t  seconds to let the run settle once that compilation is there, then take the unit's newest Tier 2
#       code (default 0): a first Tier 2 compilation that deoptimises is replaced by a later one
#
# Runs the program (give it enough iterations to keep running past the compilation), waits for the named
# unit's last-tier (Tier 2) code in the compilation trace, disassembles the installed code with gdb,
# samples the process with perf and prints the hottest instructions and the hottest stretch of code with
# sample counts. Needs gdb and perf (Debian packages gdb, linux-perf); the files are kept under
# bench/target/hot-code/.
#
# Example: bench/profile/hot-code.sh -n run -- bench/programs/mandelbrot.lua "" 40
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$HERE/../.." && pwd -P)"
NAME=""
SECONDS_SAMPLED=5
WAIT=120
SETTLE=0
while [ $# -gt 0 ]; do
  case "$1" in
    -n) NAME="$2"; shift 2 ;;
    -s) SECONDS_SAMPLED="$2"; shift 2 ;;
    -w) WAIT="$2"; shift 2 ;;
    -t) SETTLE="$2"; shift 2 ;;
    --) shift; break ;;
    -h | --help) sed -n '2,21p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "hot-code.sh: unknown option $1 (arguments for bin/moat go after --)" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "hot-code.sh: nothing to run (give bin/moat's arguments after --)" >&2; exit 2; }
for tool in gdb perf; do
  command -v "$tool" >/dev/null || { echo "hot-code.sh: needs $tool (apt-get install gdb linux-perf)" >&2; exit 2; }
done

DIR="$ROOT/bench/target/hot-code"
mkdir -p "$DIR"
TRACE="$DIR/compilation.log"
rm -f "$TRACE" "$DIR/perf.data"
MOAT_JAVA_OPTS="${MOAT_JAVA_OPTS:-} -Dpolyglot.engine.TraceCompilation=true -Dpolyglot.log.file=$TRACE" \
  "$ROOT/bin/moat" "$@" >"$DIR/program.out" 2>&1 &
LAUNCHED=$!
cleanup() { kill "$LAUNCHED" 2>/dev/null || true; }
trap cleanup EXIT

# The unit's last Tier 2 compilation (the newest one wins: a recompilation replaces the code).
find_unit() {
  [ -f "$TRACE" ] || return 1
  local lines
  lines="$(grep 'opt done' "$TRACE" | grep '|Tier 2|' || true)"
  if [ -n "$NAME" ]; then
    lines="$(printf '%s\n' "$lines" | awk -v n="$NAME" '{ for (i = 1; i <= NF; i++) if ($i ~ /^id=/) { if (index($(i + 1), n) == 1) print; break } }')"
  else
    lines="$(printf '%s\n' "$lines" | awk '{ match($0, /CodeSize *[0-9]+/); s = substr($0, RSTART + 8) + 0; if (s > best) { best = s; line = $0 } } END { print line }')"
  fi
  UNIT="$(printf '%s\n' "$lines" | grep 'Addr' | tail -1)"
  [ -n "$UNIT" ]
}
waited=0
until find_unit; do
  if ! kill -0 "$LAUNCHED" 2>/dev/null; then
    echo "hot-code.sh: the program ended before a Tier 2 compilation${NAME:+ of $NAME} (more iterations?)" >&2
    tail -3 "$DIR/program.out" >&2
    exit 1
  fi
  if [ "$waited" -ge "$WAIT" ]; then
    echo "hot-code.sh: no Tier 2 compilation${NAME:+ of $NAME} within $WAIT s; compiled so far:" >&2
    grep 'opt done' "$TRACE" 2>/dev/null | sed 's/|Inlined.*//' | cut -c1-110 >&2 || true
    exit 1
  fi
  sleep 1
  waited=$((waited + 1))
done
if [ "$SETTLE" -gt 0 ]; then
  sleep "$SETTLE"
  find_unit
fi
ADDR="$(printf '%s\n' "$UNIT" | grep -o 'Addr 0x[0-9a-f]*' | cut -d' ' -f2)"
SIZE="$(printf '%s\n' "$UNIT" | grep -o 'CodeSize *[0-9]*' | awk '{ print $2 }')"
echo "$(printf '%s\n' "$UNIT" | sed 's/|Inlined.*//; s/ \{2,\}/ /g')|CodeSize $SIZE|Addr $ADDR"

PID="$(pgrep -P "$LAUNCHED" java 2>/dev/null || true)"
PID="${PID:-$LAUNCHED}" # bin/moat execs the JVM, so usually the launched process is the JVM itself
gdb -p "$PID" -batch -ex "disassemble $ADDR,$(printf '0x%x' $((ADDR + SIZE)))" 2>/dev/null | grep '^ *0x' >"$DIR/code.asm" \
  || { echo "hot-code.sh: gdb could not read the code (ptrace not allowed? run as root or lower kernel.yama.ptrace_scope)" >&2; exit 1; }
perf record -q -p "$PID" -o "$DIR/perf.data" -F 5000 -- sleep "$SECONDS_SAMPLED" >/dev/null 2>&1 \
  || { echo "hot-code.sh: perf record failed (kernel.perf_event_paranoid?)" >&2; exit 1; }
perf script -i "$DIR/perf.data" -F ip 2>/dev/null | sort | uniq -c >"$DIR/samples.txt"

# Each instruction with its samples (addresses compared without leading zeros).
awk 'NR == FNR { c[$2] = $1; next } { a = $1; sub(/:$/, "", a); sub(/^0x0*/, "", a); printf "%6d %s\n", c[a] + 0, $0 }' \
  "$DIR/samples.txt" "$DIR/code.asm" >"$DIR/annotated.asm"
total="$(awk '{ s += $1 } END { print s + 0 }' "$DIR/samples.txt")"
inside="$(awk '{ s += $1 } END { print s + 0 }' "$DIR/annotated.asm")"
echo "samples: $total in the process, $inside ($(( total > 0 ? 100 * inside / total : 0 ))%) in this code; annotated listing: $DIR/annotated.asm"
echo
echo "== hottest instructions"
sort -rn "$DIR/annotated.asm" | awk 'NR <= 15' # (awk reads to the end: head would make sort fail with SIGPIPE under pipefail)
echo
# The 64-instruction window with the most samples: usually the body of the hottest loop.
echo "== hottest stretch"
awk '{ n[NR] = $1; line[NR] = $0 } END {
       best = 0; from = 1
       for (i = 1; i <= NR; i++) { s += n[i]; if (i > 64) s -= n[i - 64]; if (s > best) { best = s; from = i - 63 } }
       if (from < 1) from = 1
       for (i = from; i < from + 64 && i <= NR; i++) print line[i] }' "$DIR/annotated.asm"

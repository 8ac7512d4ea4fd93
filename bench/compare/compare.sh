#!/usr/bin/env bash
# Cross-implementation comparison of the programs in bench/programs (or PROGDIR).
#
# For every available implementation (lua5.4, luajit, LuaJ 3.0.1, Moat):
#   1. one run to capture the output line, checked against lua5.4's;
#   2. whole-process timing with hyperfine (--warmup $WARMUP --runs $RUNS);
#   3. steady state: the program runs run(N) $STEADY_ITERS times in one
#      process (arg[2]) and prints per-iteration os.clock() times to stderr.
# Then report.py writes results.md and ratios.png.
#
# Environment:
#   RUNS=3            hyperfine runs per program and implementation
#   WARMUP=1          hyperfine warmup runs
#   STEADY_ITERS=5    in-process iterations for the steady-state run (0 = skip)
#   STEADY_PROCS=2    processes per steady-state run; the report takes the best one's median, because a
#                     process can land in a slower mode for its whole life (LuaJIT's towers: 0.22 or 0.41 s)
#   IMPLS="lua5.4 luajit luaj moat"   implementations to try; also moat-shared: Moat with its compiled code
#                     shared between contexts (-Dpolyglot.engine.ForceCodeSharing=true), as on an engine a host
#                     shares through MoatEngine, where nothing one context makes constant is folded into code,
#                     with instruction and memory limits set as a host sets them
#   PROGRAMS="fib nbody"              subset of programs (default: all)
#   MOAT=<repo>/bin/moat              Moat launcher
#   TIMEOUT=600       per-command time limit in seconds (correctness/steady runs)
#   PROGDIR=<dir>     where the programs are (default bench/programs; bench/unseen is the held-out set)
#   REPORT_DIR=<dir>  where results.md and ratios.png go (default bench/compare, or PROGDIR when that is set:
#                     a held-out run must not overwrite the main set's report)
#   APPEND=1          keep earlier results in target/results (e.g. add one
#                     implementation to an existing run) instead of wiping them
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# Relative directories are taken from where the script was started (it changes into PROGDIR later).
REPORT_DIR="$(cd "${REPORT_DIR:-${PROGDIR:-$HERE}}" && pwd)"
PROGDIR="${PROGDIR:-$ROOT/bench/programs}"
TARGET="$HERE/target"
OUT="$TARGET/results"
RUNS="${RUNS:-3}"
WARMUP="${WARMUP:-1}"
STEADY_ITERS="${STEADY_ITERS:-5}"
STEADY_PROCS="${STEADY_PROCS:-2}"
IMPLS="${IMPLS:-lua5.4 luajit luaj moat}"
MOAT="${MOAT:-$ROOT/bin/moat}"
TIMEOUT="${TIMEOUT:-600}"
LUAJ_JAR="$TARGET/luaj-jse-3.0.1.jar"

mkdir -p "$OUT"
if [ "${APPEND:-0}" = 1 ]; then
  for impl in $IMPLS; do
    rm -f "$OUT"/*-"$impl"-*
    [ -f "$OUT/impls.tsv" ] && sed -i "/^$impl\t/d" "$OUT/impls.tsv"
  done
  mv "$OUT/machine.txt" "$OUT/machine.prev" 2>/dev/null
else
  rm -f "$OUT"/*
fi

if [ -n "${PROGRAMS:-}" ]; then
  progs="$PROGRAMS"
else
  progs="$(cd "$PROGDIR" && ls *.lua | sed 's/\.lua$//' | tr '\n' ' ')"
fi

command -v hyperfine >/dev/null || { echo "hyperfine not found (apt-get install hyperfine)" >&2; exit 1; }

# command line (without program arguments) for an implementation, or empty if unavailable
impl_cmd() {
  case "$1" in
    lua5.4) command -v lua5.4 >/dev/null && echo "lua5.4" ;;
    luajit) command -v luajit >/dev/null && echo "luajit" ;;
    luaj)
      if [ ! -f "$LUAJ_JAR" ] && command -v mvn >/dev/null; then
        (cd "$HERE" && mvn -q dependency:copy -Dartifact=org.luaj:luaj-jse:3.0.1 \
            -DoutputDirectory="$TARGET" >&2) || true
      fi
      [ -f "$LUAJ_JAR" ] && command -v java >/dev/null && echo "java -cp $LUAJ_JAR lua" ;;
    # note: bin/moat builds Moat with mvn on first use if interpreter/target/moat-lib is missing
    moat) [ -x "$MOAT" ] && echo "$MOAT" ;;
    # limits set, as a host sets them (far above what the programs use): with the CLI's unlimited default the
    # limit tests of shared code fold away (budget/UniformLimits), which no host running untrusted code sees
    moat-shared) [ -x "$MOAT" ] && echo "env MOAT_JAVA_OPTS=-Dpolyglot.engine.ForceCodeSharing=true $MOAT --max-instructions=1000000000000000 --max-memory=1000000000000" ;;
    *) echo "unknown implementation $1" >&2 ;;
  esac
}

available=""
for impl in $IMPLS; do
  cmd="$(impl_cmd "$impl")"
  if [ -z "$cmd" ]; then
    echo "== skipping $impl: not available" >&2
    echo "$impl	MISSING	" >> "$OUT/impls.tsv"
  else
    available="$available $impl"
    printf '%s\tOK\t%s\n' "$impl" "$cmd" >> "$OUT/impls.tsv"
  fi
done
echo "$progs" | tr ' ' '\n' | sed '/^$/d' > "$OUT/programs.txt"

# Every Moat run refuses to start without the Graal JIT (exit 4, so the output check below fails and the
# program is not timed): no number in the report comes from Truffle's fallback interpreter.
export MOAT_REQUIRE_JIT=1
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
cd "$PROGDIR"
# Programs outer, implementations inner: the machine's speed drifts over a run (a shared VM), and
# measuring one program on every implementation within a minute or two keeps the drift out of its ratios.
for p in $progs; do
  for impl in $available; do
    cmd="$(impl_cmd "$impl")"
    echo "== $impl $p" >&2
    # 1. output check
    timeout "$TIMEOUT" $cmd "$p.lua" > "$OUT/out-$impl-$p.txt" 2> "$OUT/err-$impl-$p.txt"
    echo $? > "$OUT/rc-$impl-$p.txt"
    rc=$(cat "$OUT/rc-$impl-$p.txt")
    tail -n 1 "$OUT/out-$impl-$p.txt" >&2
    if [ "$rc" != 0 ]; then
      echo "   $impl $p failed (exit $rc, see err-$impl-$p.txt); not timing it" >&2
      continue
    fi
    # 2. whole-process timing
    hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" -i \
      --export-json "$OUT/hf-$impl-$p.json" "$cmd $p.lua" > "$OUT/hf-$impl-$p.log" 2>&1
    # 3. steady state (default size, STEADY_ITERS iterations in each of STEADY_PROCS processes)
    if [ "$STEADY_ITERS" -gt 0 ]; then
      # an APPEND run must not mix in an earlier run's processes (report.py takes the best of all files)
      rm -f "$OUT/steady-$impl-$p.txt" "$OUT/steady-$impl-$p".proc*.txt
      for proc in $(seq 1 "$STEADY_PROCS"); do
        # stdout too: where there is no io.stderr (Moat) the programs write their timings with io.write
        timeout "$TIMEOUT" $cmd "$p.lua" "" "$STEADY_ITERS" > "$OUT/steady-$impl-$p.proc$proc.txt" 2>&1
      done
    fi
  done
done

# machine info for the report
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc: $(nproc)"
  echo "load average (1/5/15 min) before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cpu: $(lscpu | grep 'Model name' | sed 's/.*: *//')"
  for impl in $available; do
    case "$impl" in
      lua5.4) echo "lua5.4: $(lua5.4 -v 2>&1 | head -1)" ;;
      luajit) echo "luajit: $(luajit -v 2>&1 | head -1)" ;;
      luaj) echo "luaj: LuaJ 3.0.1 on $(java -version 2>&1 | head -1)" ;;
      moat) echo "moat: $MOAT" ;;
      moat-shared) echo "moat-shared: $MOAT with -Dpolyglot.engine.ForceCodeSharing=true and limits (10^15 instructions, 10^12 bytes)" ;;
    esac
  done
  echo "runs: $RUNS (warmup $WARMUP), steady iterations: $STEADY_ITERS in $STEADY_PROCS processes (implementations: $available)"
  [ -f "$OUT/machine.prev" ] && grep -v '^\(date\|nproc\|cpu\):' "$OUT/machine.prev"
} > "$OUT/machine.txt"
rm -f "$OUT/machine.prev"

python3 "$HERE/report.py" "$OUT" "$REPORT_DIR"

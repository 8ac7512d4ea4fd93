#!/usr/bin/env bash
# Interpreter-only comparison: Moat without the Graal JIT (MOAT_NO_JIT=1, Truffle's fallback interpreter)
# against LuaJ 3.0.1's interpreter, both on the same JDK 25, plus lua5.4 for scale. The programs of
# bench/programs run at reduced sizes (lua5.4 takes about half a second each), whole process, with
# hyperfine. Results: target/interpreters/results.md.
#
# Environment: RUNS=3 (hyperfine runs), PROGRAMS="fib nbody" (subset), IMPLS="lua5.4 luaj moat-interp".
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PROGDIR="$ROOT/bench/programs"
OUT="$HERE/target/interpreters"
RUNS="${RUNS:-3}"
IMPLS="${IMPLS:-lua5.4 luaj moat-interp}"
LUAJ_JAR="$HERE/target/luaj-jse-3.0.1.jar"
# shellcheck source=../../bin/moat-jdk.sh
source "$ROOT/bin/moat-jdk.sh"

# Sizes at which lua5.4 runs each program in roughly 0.3-0.6 s on the reference machine.
declare -A SIZE=([fib]=32 [towers]=20 [queens]=11 [mandelbrot]=600 [nbody]=100000 [spectralnorm]=350
                 [richards]=70 [deltablue]=60 [closures]=2000 [strings]=1200 [tables]=600 [coroutines]=500
                 [json]=350 [sort]=15000)
PROGS="${PROGRAMS:-fib towers queens mandelbrot nbody spectralnorm richards deltablue closures strings tables coroutines json sort}"

command -v hyperfine >/dev/null || { echo "hyperfine not found (apt-get install hyperfine)" >&2; exit 1; }
JDK="$(moat_find_jdk)" || { echo "no JDK 25 found" >&2; exit 1; }
if [ ! -f "$LUAJ_JAR" ]; then
  (cd "$HERE" && mvn -q dependency:copy -Dartifact=org.luaj:luaj-jse:3.0.1 -DoutputDirectory="$HERE/target" >&2)
fi

impl_cmd() {
  case "$1" in
    lua5.4) echo "lua5.4" ;;
    luaj) echo "$JDK/bin/java -cp $LUAJ_JAR lua" ;;
    moat-interp) echo "env MOAT_NO_JIT=1 $ROOT/bin/moat" ;;
  esac
}

rm -rf "$OUT"; mkdir -p "$OUT"
cd "$PROGDIR"
for p in $PROGS; do
  for impl in $IMPLS; do
    cmd="$(impl_cmd "$impl")"
    echo "== $impl $p ${SIZE[$p]}" >&2
    if ! $cmd "$p.lua" "${SIZE[$p]}" > "$OUT/out-$impl-$p.txt" 2> "$OUT/err-$impl-$p.txt"; then
      echo "   failed (see $OUT/err-$impl-$p.txt)" >&2
      continue
    fi
    hyperfine --style basic --runs "$RUNS" --export-json "$OUT/hf-$impl-$p.json" "$cmd $p.lua ${SIZE[$p]}" > /dev/null 2>&1
  done
done

python3 - "$OUT" "$PROGS" "$IMPLS" <<'PY'
import json, math, os, sys
out, progs, impls = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
def mean(impl, p):
    f = os.path.join(out, f"hf-{impl}-{p}.json")
    return json.load(open(f))["results"][0]["median"] if os.path.exists(f) else None
def same_output(impl, p):
    a, b = os.path.join(out, f"out-{impl}-{p}.txt"), os.path.join(out, f"out-lua5.4-{p}.txt")
    return not os.path.exists(b) or (os.path.exists(a) and open(a).read().split("\n")[-2:] == open(b).read().split("\n")[-2:])
rows = ["| program | " + " | ".join(f"{i} (s)" for i in impls) + " | moat-interp / luaj |", "|---" * (len(impls) + 2) + "|"]
ratios = []
for p in progs:
    t = {i: mean(i, p) for i in impls}
    cells = [("%.2f" % t[i]) + ("" if same_output(i, p) else " (output differs!)") if t[i] else "—" for i in impls]
    r = t.get("moat-interp") / t.get("luaj") if t.get("moat-interp") and t.get("luaj") else None
    if r: ratios.append(r)
    rows.append(f"| {p} | " + " | ".join(cells) + " | " + ("%.2f" % r if r else "—") + " |")
if ratios:
    rows.append("| **geomean** | " + " | ".join("" for _ in impls) + " | **%.2f** |" % math.exp(sum(map(math.log, ratios)) / len(ratios)))
open(os.path.join(out, "results.md"), "w").write("\n".join(rows) + "\n")
print("\n".join(rows))
PY

#!/usr/bin/env bash
# Compares builds of Moat on one program's steady state, in alternated processes.
#
#   bench/profile/ab.sh [-p PROGRAM] [-n ITERATIONS] [-r ROUNDS] [-s] [-l] [-j JAVA_OPTS] [-a SIZE] BUILD...
#
#   BUILD  a directory holding a built checkout (its bin/moat), or a commit, which is checked out as a git
#          worktree under ${TMPDIR:-/tmp}/moat-ab/ and built there (language, stdlib, interpreter; kept for
#          reuse: remove it with `git worktree remove`); BUILD::OPTS runs that build with the JVM options
#          OPTS added (after -j's), so one build can be compared with itself under other options
#   -p  a program of bench/programs or bench/unseen by name, or a path to a .lua file (default fib)
#   -n  iterations per process (default 10); the steady state is the last half of them
#   -r  rounds (default 3); each round runs every build once, in the order given
#   -s  code shared between contexts (-Dpolyglot.engine.ForceCodeSharing=true), as in an engine a host shares
#   -l  limits set (10^12 instructions, 10^11 bytes): budgets on
#   -j  more JVM options for every process (MOAT_JAVA_OPTS)
#   -a  the program's size (its arg[1]; default: the program's own)
#
# Prints each process's fastest and median steady iteration, then per build the fastest over all rounds and
# the median of the rounds' fastest, as ratios to the first build; a build whose output differs from the
# first one's is flagged. Why alternated processes and minima: this host's speed swings by up to 2x within
# minutes (bench/README.md), so a pair of single processes is not evidence; the fastest of several
# alternated ones is.
#
# Examples: bench/profile/ab.sh -p richards -s -l -r 4 HEAD~1 .
#           bench/profile/ab.sh -p fib . '.::-Dpolyglot.engine.ArgumentTypeSpeculation=false'
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$HERE/../.." && pwd -P)"
PROGRAM=fib
ITERS=10
ROUNDS=3
JOPTS=""
CLI_OPTS=()
SIZE=""
usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 2; }
while getopts "p:n:r:slj:a:h" opt; do
  case "$opt" in
    p) PROGRAM="$OPTARG" ;;
    n) ITERS="$OPTARG" ;;
    r) ROUNDS="$OPTARG" ;;
    s) JOPTS="$JOPTS -Dpolyglot.engine.ForceCodeSharing=true" ;;
    l) CLI_OPTS=(--max-instructions=1000000000000 --max-memory=100000000000) ;;
    j) JOPTS="$JOPTS $OPTARG" ;;
    a) SIZE="$OPTARG" ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || usage
[ "$ITERS" -ge 2 ] || { echo "ab.sh: -n needs at least 2 iterations (the steady state is the last half)" >&2; exit 2; }

if [ -f "$PROGRAM" ]; then
  PROG_PATH="$(cd "$(dirname "$PROGRAM")" && pwd -P)/$(basename "$PROGRAM")"
elif [ -f "$ROOT/bench/programs/$PROGRAM.lua" ]; then
  PROG_PATH="$ROOT/bench/programs/$PROGRAM.lua"
elif [ -f "$ROOT/bench/unseen/$PROGRAM.lua" ]; then
  PROG_PATH="$ROOT/bench/unseen/$PROGRAM.lua"
else
  echo "ab.sh: no program '$PROGRAM' (a name in bench/programs or bench/unseen, or a .lua file)" >&2
  exit 2
fi

# A commit becomes a built worktree; a directory must already be a built checkout.
resolve_build() {
  local b="$1"
  if [ -x "$b/bin/moat" ]; then
    (cd "$b" && pwd -P)
    return
  fi
  local sha
  sha="$(git -C "$ROOT" rev-parse --verify --quiet "$b^{commit}")" || {
    echo "ab.sh: '$b' is neither a checkout with bin/moat nor a commit" >&2; exit 2; }
  local dir="${TMPDIR:-/tmp}/moat-ab/${sha:0:12}"
  if [ ! -f "$dir/.ab-built" ]; then
    if [ ! -d "$dir" ]; then
      git -C "$ROOT" worktree add --detach -q "$dir" "$sha" >&2
    fi
    echo "ab.sh: building ${sha:0:12} in $dir" >&2
    (cd "$dir" && mvn -B -q -o package -DskipTests -pl language,stdlib,interpreter -am >&2 ||
      mvn -B -q package -DskipTests -pl language,stdlib,interpreter -am >&2)
    touch "$dir/.ab-built"
  fi
  echo "$dir"
}

# Numbers on stdin: the smallest and the median (the lower middle one), with three decimals.
fastest_and_median() {
  sort -g | awk '{ v[NR] = $1 } END { printf "%.3f %.3f\n", v[1], v[int((NR + 1) / 2)] }'
}

BUILDS=()
VARIANT_OPTS=()
for b in "$@"; do
  opts=""
  if [[ "$b" == *::* ]]; then
    opts="${b#*::}"
    b="${b%%::*}"
  fi
  BUILDS+=("$(resolve_build "$b")")
  VARIANT_OPTS+=("$opts")
done

echo "program: $PROG_PATH ($ITERS iterations a process, $ROUNDS rounds)"
echo "options: MOAT_JAVA_OPTS='${JOPTS# }' ${CLI_OPTS[*]:-}"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
RESULTS="$(mktemp)"
trap 'rm -f "$RESULTS"' EXIT
FIRST_OUTPUT=""
for r in $(seq 1 "$ROUNDS"); do
  for i in "${!BUILDS[@]}"; do
    dir="${BUILDS[$i]}"
    jopts="${JOPTS# }${VARIANT_OPTS[$i]:+ ${VARIANT_OPTS[$i]}}"
    out="$(cd "$dir" && MOAT_JAVA_OPTS="${jopts# }" bin/moat "${CLI_OPTS[@]}" "$PROG_PATH" "$SIZE" "$ITERS" 2>&1)" || {
      echo "round $r build $((i + 1)): FAIL"; echo "$out" | tail -5; exit 1; }
    answer="$(echo "$out" | grep -v '^iteration ' | tail -1)"
    [ -n "$FIRST_OUTPUT" ] || FIRST_OUTPUT="$answer"
    flag=""
    [ "$answer" = "$FIRST_OUTPUT" ] || flag="  OUTPUT DIFFERS: $answer"
    times="$(echo "$out" | awk '/^iteration / { print $3 }')"
    [ "$(echo "$times" | grep -c .)" -ge "$ITERS" ] ||
      { echo "round $r build $((i + 1)): fewer than $ITERS iteration lines"; exit 1; }
    read -r best median <<< "$(echo "$times" | tail -n "$((ITERS - ITERS / 2))" | fastest_and_median)"
    printf 'round %d  build %d  fastest %s  median %s%s\n' "$r" "$((i + 1))" "$best" "$median" "$flag"
    echo "$i $best" >> "$RESULTS"
  done
done

echo
printf '%-7s %-10s %-10s %-22s %s\n' build fastest "median" "ratios to build 1" checkout
read -r best0 med0 <<< "$(awk '$1 == 0 { print $2 }' "$RESULTS" | fastest_and_median)"
for i in "${!BUILDS[@]}"; do
  read -r best med <<< "$(awk -v i="$i" '$1 == i { print $2 }' "$RESULTS" | fastest_and_median)"
  ratios="$(awk -v b="$best" -v m="$med" -v b0="$best0" -v m0="$med0" 'BEGIN { printf "%.3f / %.3f", b / b0, m / m0 }')"
  printf '%-7s %-10s %-10s %-22s %s\n' "$((i + 1))" "$best" "$med" "$ratios" "${BUILDS[$i]}${VARIANT_OPTS[$i]:+ with ${VARIANT_OPTS[$i]}}"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

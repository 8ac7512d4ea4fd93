#!/usr/bin/env bash
# Profiles one bin/moat run with async-profiler (from Maven Central) and summarises it per thread.
#
#   bench/profile/profile.sh [-e cpu|wall|alloc] [-i INTERVAL] [-o FILE] [-t THREAD] -- <bin/moat arguments>
#
#   -e  what to sample: cpu (default; on-CPU time, Java and native frames, kernel included), wall (every
#       thread whether running or not: start-up phases, waiting on locks), alloc (allocations, by type)
#   -i  sampling interval (default 1ms for cpu/wall; 512k for alloc)
#   -o  collapsed stacks file (default bench/target/profile/<event>.collapsed); one line per stack, the
#       format flame-graph tools read
#   -t  thread whose top frames are listed (default moat-main, the guest thread of the CLI)
#
# Examples:
#   bench/profile/profile.sh -e wall -- -e 'print(1)'                     # where cold start goes
#   bench/profile/profile.sh -- bench/programs/richards.lua              # whole process, per thread
#   bench/profile/profile.sh -- bench/unseen/queue.lua "" 12             # steady state (iterations 2..12)
#
# Frames are annotated: _[j] compiled Java, _[i] inlined into the frame above, _[0] interpreted, _[1] C1,
# _[k] kernel. Guest code compiled by Truffle shows as OptimizedCallTarget.profiledPERoot_[j] with the node
# methods inlined into it (_[i]); the same frames without _[i] are Truffle's interpreter.
set -euo pipefail

VERSION=4.1 # tools.profiler:async-profiler, the native agent inside the jar
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$HERE/../.." && pwd -P)"
EVENT=cpu
INTERVAL=""
OUT=""
THREAD=moat-main
while [ $# -gt 0 ]; do
  case "$1" in
    -e) EVENT="$2"; shift 2 ;;
    -i) INTERVAL="$2"; shift 2 ;;
    -o) OUT="$2"; shift 2 ;;
    -t) THREAD="$2"; shift 2 ;;
    --) shift; break ;;
    -h | --help) sed -n '2,24p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "profile.sh: unknown option $1 (arguments for bin/moat go after --)" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "profile.sh: nothing to run (give bin/moat's arguments after --)" >&2; exit 2; }
case "$EVENT" in
  cpu | wall) INTERVAL="${INTERVAL:-1ms}" ;;
  alloc) INTERVAL="${INTERVAL:-512k}" ;;
  *) echo "profile.sh: -e takes cpu, wall or alloc" >&2; exit 2 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) PLATFORM=linux-x64 ;;
  aarch64 | arm64) PLATFORM=linux-arm64 ;;
  *) echo "profile.sh: async-profiler has no agent for $(uname -m)" >&2; exit 2 ;;
esac

# The agent, fetched once through Maven (the only registry these machines reach) and unpacked under bench/target.
AGENT_DIR="$ROOT/bench/target/async-profiler-$VERSION"
AGENT="$AGENT_DIR/$PLATFORM/libasyncProfiler.so"
if [ ! -f "$AGENT" ]; then
  JAR="$HOME/.m2/repository/tools/profiler/async-profiler/$VERSION/async-profiler-$VERSION.jar"
  if [ ! -f "$JAR" ]; then
    mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$VERSION" >&2 \
      || { echo "profile.sh: could not fetch tools.profiler:async-profiler:$VERSION from Maven" >&2; exit 1; }
  fi
  mkdir -p "$AGENT_DIR"
  (cd "$AGENT_DIR" && unzip -q -o "$JAR" "$PLATFORM/*")
fi

OUT="${OUT:-$ROOT/bench/target/profile/$EVENT.collapsed}"
mkdir -p "$(dirname "$OUT")"
rm -f "$OUT"
if [ "$EVENT" = alloc ]; then
  SPEC="start,event=alloc,alloc=$INTERVAL,threads,ann,file=$OUT,collapsed"
else
  SPEC="start,event=$EVENT,interval=$INTERVAL,threads,ann,file=$OUT,collapsed"
fi
# The agent's own "Profiling started" goes to stdout before the program's output; drop that one line.
MOAT_JAVA_OPTS="${MOAT_JAVA_OPTS:-} -agentpath:$AGENT=$SPEC" "$ROOT/bin/moat" "$@" | grep -v '^Profiling started$' || true
[ -s "$OUT" ] || { echo "profile.sh: no samples written (did the JVM start?)" >&2; exit 1; }

# Summaries: samples per thread, then the thread's hottest leaf frames and the frames it spends most time under.
unit=samples
[ "$EVENT" = alloc ] && unit="samples (one per about $INTERVAL allocated)"
echo
echo "== $EVENT: $unit per thread ($OUT)"
awk '{ n = $NF; i = index($0, ";"); t[substr($0, 1, i - 1)] += n; s += n } END { for (k in t) printf "%12d  %5.1f%%  %s\n", t[k], 100 * t[k] / s, k }' "$OUT" \
  | sort -rn | awk 'NR <= 12'
echo
echo "== $THREAD: hottest frames (self)"
awk -v T="[$THREAD" 'index($0, T) == 1 { n = $NF; $NF = ""; m = split($0, a, ";"); f = a[m]; sub(/ +$/, "", f); t[f] += n; s += n }
     END { for (k in t) printf "%12d  %5.1f%%  %s\n", t[k], 100 * t[k] / s, k }' "$OUT" | sort -rn | awk 'NR <= 25'
echo
echo "== $THREAD: frames with the most samples under them (total)"
awk -v T="[$THREAD" 'index($0, T) == 1 { n = $NF; $NF = ""; m = split($0, a, ";"); s += n; delete seen
       for (i = 2; i <= m; i++) { f = a[i]; sub(/ +$/, "", f); sub(/_\[[a-z0-9]\]$/, "", f); if (!(f in seen)) { seen[f] = 1; t[f] += n } } }
     END { for (k in t) printf "%12d  %5.1f%%  %s\n", t[k], 100 * t[k] / s, k }' "$OUT" \
  | sort -rn | grep -v -E 'java/lang/Thread\.|MoatMain|org/graalvm/polyglot|com/oracle/truffle/polyglot' | awk 'NR <= 30'

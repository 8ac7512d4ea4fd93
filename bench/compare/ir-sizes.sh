#!/usr/bin/env bash
# Compiled size per operation: runs bench/micro/ir_ops.lua (or the script given) with the Graal JIT,
# synchronous single-tier compilation and Truffle's inlining trace, and prints for each guest function
# the IR node count after partial evaluation (what the inliner charges against its 12,000-node budget),
# the count after optimisation, and how many calls were inlined.
#
#   bench/compare/ir-sizes.sh [script.lua]        table of all functions
#   TREE=name bench/compare/ir-sizes.sh [script]  Graal's expansion tree for function 'name' (which Java
#                                                 methods the compiled code came from, with node counts)
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SCRIPT="${1:-$ROOT/bench/micro/ir_ops.lua}"
OPTS="-Dpolyglot.engine.AllowExperimentalOptions=true -Dpolyglot.engine.BackgroundCompilation=false -Dpolyglot.engine.MultiTier=false"
if [ -n "${TREE:-}" ]; then
  MOAT_JAVA_OPTS="$OPTS -Dpolyglot.compiler.TraceMethodExpansion=truffleTier -Dpolyglot.compiler.NodeSourcePositions=true -Dpolyglot.engine.CompileOnly=$TREE" \
    "$ROOT/bin/moat" "$SCRIPT" 2>&1 | grep -v '^\[To redirect\|^\* '"'"'\|^\* Configure'
  exit 0
fi
printf "%-12s %8s %8s %10s\n" function pe-nodes final inlined
MOAT_JAVA_OPTS="$OPTS -Dpolyglot.engine.TraceCompilation=true -Dpolyglot.compiler.TraceInlining=true" \
  "$ROOT/bin/moat" "$SCRIPT" 2>&1 | awk '
  # "Inline start <name> |...|IR Nodes N|..." and "opt done engine=1 id=N <name> |...|Inlined aY bN|IR x/y|..."
  / Inline start / && !/builtin |<OSR>|ChunkRootNode|main / { n = $4; match($0, /IR Nodes +[0-9]+/); pe[n] = substr($0, RSTART + 9, RLENGTH - 9) + 0 }
  / opt done / && !/builtin |<OSR>|ChunkRootNode|main / {
    n = $6; match($0, /IR +[0-9]+\/ *[0-9]+/); split(substr($0, RSTART + 3, RLENGTH - 3), ir, "/"); fin[n] = ir[1] + 0
    match($0, /Inlined +[0-9]+Y +[0-9]+N/); inl[n] = substr($0, RSTART + 8, RLENGTH - 8); gsub(/ +/, " ", inl[n]) }
  END { for (n in fin) printf "%-12s %8d %8d %10s\n", n, pe[n], fin[n], inl[n] }' | sort

#!/usr/bin/env bash
# Builds what makes `bin/moat` start fast (run by Maven in the interpreter's package phase):
#
#  1. jdk/       a Java runtime linked (jlink) from the JDK 25 that bin/moat would use, without that JDK's
#                own jdk.graal.compiler module (and without JFR, whose start-up Truffle would pay for).
#                The pinned Graal JIT can then go on the plain --module-path. With --upgrade-module-path,
#                the only way to replace a JDK's built-in compiler, the JVM refuses CDS and AOT caches.
#  2. moat.aot   a JDK 25 AOT cache (JEP 483/514/515) trained by running training.lua with the JIT on:
#                the classes of Truffle, Moat and the Graal compiler come loaded and linked, with profiles.
#  3. classpath  the exact class path the cache was trained with (bin/moat must pass the same one).
#
# Nothing here is required: when a step cannot be done (no JDK 25, a JDK that can neither link from its
# run-time image nor has jmods), it says why and exits 0, and bin/moat runs on the plain JDK as before.
# Usage: build-startup-image.sh <interpreter/target>
set -euo pipefail

TARGET="$(cd "$1" && pwd -P)"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$HERE/../../../.." && pwd -P)"
# shellcheck source=../../../../bin/moat-jdk.sh
source "$ROOT/bin/moat-jdk.sh"
OUT="$TARGET/moat-runtime"
COMPILER="$TARGET/graal-compiler"

say() { echo "[moat start-up image] $*" >&2; }

JDK="$(moat_find_jdk || true)"
if [ -z "$JDK" ]; then
  say "skipped: no JDK 25 or newer found (MOAT_JAVA_HOME, JAVA_HOME, /usr/lib/jvm, PATH)"
  exit 0
fi
if [ ! -x "$JDK/bin/jlink" ]; then
  say "skipped: $JDK has no jlink"
  exit 0
fi
mkdir -p "$OUT"

# 1. The runtime: linked again only when the JDK changed (3-5 s).
JDK_ID="$(readlink -f "$JDK"): $("$JDK/bin/java" -version 2>&1 | head -1)"
if [ ! -x "$OUT/jdk/bin/java" ] || [ "$(cat "$OUT/jdk.id" 2>/dev/null)" != "$JDK_ID" ]; then
  rm -rf "$OUT/jdk" "$OUT/jdk.partial" "$OUT/jdk.id"
  MODULES="$("$JDK/bin/java" --list-modules | sed 's/@.*//' \
    | grep -v -E '^(jdk\.graal\.compiler.*|jdk\.jlink|jdk\.jpackage|jdk\.incubator\..*|jdk\.jfr|jdk\.management\.jfr)$' \
    | paste -sd, -)"
  if ! "$JDK/bin/jlink" --add-modules "$MODULES" --no-header-files --no-man-pages \
       --output "$OUT/jdk.partial" >"$OUT/jlink.log" 2>&1; then
    say "skipped: jlink failed on $JDK (see $OUT/jlink.log)"
    rm -rf "$OUT/jdk.partial"
    exit 0
  fi
  mv "$OUT/jdk.partial" "$OUT/jdk"
  echo "$JDK_ID" >"$OUT/jdk.id"
fi

# 2 and 3. The class path (jars only: the JVM does not cache classes from directories) and the cache,
# trained again on every build because any changed jar invalidates it.
CLASSPATH_JARS="$(ls "$TARGET"/moat-interpreter-*.jar | grep -v -E '(sources|javadoc|tests)\.jar$' | head -1)"
for jar in "$TARGET"/moat-lib/*.jar; do
  CLASSPATH_JARS="$CLASSPATH_JARS:$jar"
done
rm -f "$OUT/moat.aot" "$OUT/moat.aot.partial" "$OUT/classpath"
JIT_FLAGS=(-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI "--module-path=$COMPILER" --add-modules jdk.graal.compiler)

# A cache is kept only if a JVM starts with it: JDK 25.0.3 now and then writes one that crashes every JVM
# that loads it (SIGSEGV in AOTLinkedClassBulkLoader at start-up; seen once in a clean-clone CI run, while
# the same build trained again was fine). So a failed check trains once more, then gives the cache up.
cache_starts() {
  "$OUT/jdk/bin/java" "${MOAT_BASE_FLAGS[@]}" "${JIT_FLAGS[@]}" -XX:AOTCache="$OUT/moat.aot.partial" \
    -cp "$CLASSPATH_JARS" dev.moat.interpreter.cli.MoatMain -e 'print("start-up cache ok")' 2>/dev/null \
    | grep -q '^start-up cache ok$'
}
started=$(date +%s)
for attempt in 1 2; do
  if ! "$OUT/jdk/bin/java" "${MOAT_BASE_FLAGS[@]}" "${JIT_FLAGS[@]}" -XX:AOTCacheOutput="$OUT/moat.aot.partial" \
       -cp "$CLASSPATH_JARS" dev.moat.interpreter.cli.MoatMain "$HERE/training.lua" >"$OUT/training.log" 2>&1 \
     || ! grep -q '^start-up training: [0-9]* checks passed$' "$OUT/training.log" \
     || [ ! -s "$OUT/moat.aot.partial" ]; then
    say "skipped the AOT cache: the training run failed (see $OUT/training.log)"
    rm -f "$OUT/moat.aot.partial"
    exit 0
  fi
  if cache_starts; then
    mv "$OUT/moat.aot.partial" "$OUT/moat.aot"
    echo "$CLASSPATH_JARS" >"$OUT/classpath"
    say "runtime $OUT/jdk, AOT cache $(du -m "$OUT/moat.aot" | cut -f1) MB trained in $(( $(date +%s) - started )) s"
    exit 0
  fi
  rm -f "$OUT/moat.aot.partial"
  say "the AOT cache of training run $attempt does not start a JVM; training again"
done
say "skipped the AOT cache: no training run made one that starts a JVM (bin/moat runs without it)"

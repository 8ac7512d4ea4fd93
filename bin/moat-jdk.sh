# Sourced by bin/moat and the build's start-up image step: finds a JDK 25 or newer.
# Order: MOAT_JAVA_HOME, JAVA_HOME, /usr/lib/jvm, /opt, SDKMAN, the java on PATH; the newest wins.

moat_java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}'
}

moat_find_jdk() {
  local candidates=()
  [ -n "${MOAT_JAVA_HOME:-}" ] && candidates+=("$MOAT_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$d" ] && candidates+=("$d")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  local best="" best_major=0 seen=" "
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] || continue
    local real
    real="$(readlink -f "$home")"
    case "$seen" in *" $real "*) continue ;; esac # /usr/lib/jvm has aliases of one JDK
    seen="$seen$real "
    local major
    major="$(moat_java_major "$home/bin/java" || echo 0)"
    if [[ "$major" =~ ^[0-9]+$ ]] && [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
      best="$home"; best_major="$major"
    fi
  done
  [ -n "$best" ] && echo "$best"
}

# JVM flags every Moat JVM gets (the start-up cache is only valid for the flags it was trained with).
# --add-exports: coroutines switch as JDK continuations on the guest thread (else one virtual thread each).
MOAT_BASE_FLAGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseParallelGC -Xss16m
                 --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Dpolyglot.engine.WarnInterpreterOnly=false)

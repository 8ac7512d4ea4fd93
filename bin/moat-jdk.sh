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
# useNativeAccessorOnly: the few reflective calls of a start (service providers, Truffle's set-up) use the
# JVM's native accessors instead of method handles, whose classes the JVM would generate and C1 compile at
# every start (about 10 ms of a 300 ms cold start; bench/README.md, "Cold start on an idle machine").
MOAT_BASE_FLAGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseParallelGC -Xss16m
                 --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Dpolyglot.engine.WarnInterpreterOnly=false
                 -Djdk.reflect.useNativeAccessorOnly=true)

# With the Graal JIT: HotSpot's C2 does not compile the Graal compiler itself. On a cold JVM C2 otherwise
# spends 10-12 s of CPU on jargraal's methods within the first 15 s (-XX:+CITime), on a 2-core machine in
# competition with the guest thread and Graal's own compilations. A node limit of 200 makes C2 give up on
# those methods at once and HotSpot keeps them in C1-compiled code (tier 1); Moat's, Truffle's and the
# JDK's own methods still get C2. Measured whole-process on the 14 benchmark programs: geomean 7.61 ->
# 6.89 s (bench/README.md, "The JIT's own warm-up").
# Quoted: the patterns are no file globs (bin/moat sets nullglob, which would drop them).
MOAT_JIT_FLAGS=(-XX:CompileCommand=quiet
                '-XX:CompileCommand=MaxNodeLimit,jdk.graal.compiler.*::*,200'
                '-XX:CompileCommand=MaxNodeLimit,jdk.vm.ci.*::*,200'
                '-XX:CompileCommand=MaxNodeLimit,org.graalvm.collections.*::*,200')

# Heap settings for one CLI process, into MOAT_HEAP_FLAGS (bench/README.md, "Fresh pages"). Guest code that
# has not been compiled yet allocates at gigabytes per second, and ParallelGC answers by growing the young
# generation step by step towards a third of the heap (2 GB on a 24 GB machine): every step hands the
# program pages it has never touched, and on a virtual machine each first touch of a 4 KB page costs
# microseconds in the kernel (fib, 4 iterations: 525,000 page faults and 17.9 s, against 22,000 and 8.4 s
# with these settings). So: a young generation fixed at 512 MB where the default heap (a quarter of the memory) has
# room for it, and transparent huge pages (2 MB per fault) where the kernel offers them on request.
# Left out when MOAT_JAVA_OPTS sizes the heap itself: the JVM would print a warning on stdout if the two
# disagreed. Bash builtins only (no processes: the launcher is part of every cold start).
moat_heap_flags() {
  MOAT_HEAP_FLAGS=()
  local thp="" key value rest mem_kb=0 limit=""
  if [ -r /sys/kernel/mm/transparent_hugepage/enabled ]; then
    read -r thp < /sys/kernel/mm/transparent_hugepage/enabled || true
  fi
  case "$thp" in *"[always]"* | *"[madvise]"*) MOAT_HEAP_FLAGS+=(-XX:+UseTransparentHugePages) ;; esac
  case " ${MOAT_JAVA_OPTS:-} ${JAVA_TOOL_OPTIONS:-} " in
    *" -Xm"[xns]* | *NewSize* | *HeapSize* | *RAMPercentage* | *MaxRAM* | *NewRatio*) return 0 ;;
  esac
  if [ -r /proc/meminfo ]; then
    while read -r key value rest; do
      if [ "$key" = "MemTotal:" ]; then mem_kb="$value"; break; fi
    done < /proc/meminfo
  fi
  [[ "$mem_kb" =~ ^[0-9]+$ ]] || mem_kb=0
  # A cgroup's memory limit is what the JVM sizes its heap by, when it is lower: cgroup v2 limits on the way
  # from this process's group (bash's, which the exec'd JVM keeps) up to the root, and cgroup v1's file.
  local group="" line dir files=(/sys/fs/cgroup/memory/memory.limit_in_bytes)
  if [ -r /proc/self/cgroup ]; then
    while IFS= read -r line; do
      case "$line" in 0::/*) group="${line#0::}" ;; esac
    done < /proc/self/cgroup
  fi
  dir="/sys/fs/cgroup${group%/}"
  while [[ "$dir" == /sys/fs/cgroup* ]]; do
    files+=("$dir/memory.max")
    [ "$dir" = /sys/fs/cgroup ] && break
    dir="${dir%/*}"
  done
  for line in "${files[@]}"; do
    limit=""
    if [ -r "$line" ]; then read -r limit < "$line" || true; fi
    if [[ "$limit" =~ ^[0-9]+$ ]] && (( limit / 1024 < mem_kb )); then
      mem_kb=$(( limit / 1024 ))
    fi
  done
  # 4 GiB of memory: a default heap of 1 GiB, half of it young.
  if (( mem_kb >= 4 * 1024 * 1024 )); then
    MOAT_HEAP_FLAGS+=(-Xmn512m)
  fi
}

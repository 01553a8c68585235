# Sourced by ./patina, scripts/test and bench/run: points JAVA_HOME at a JDK >= 21.
# Order: $JAVA_HOME, the `java` on PATH, then every JDK under /usr/lib/jvm (newest first).
patina_java_major() { # $1 = JDK home; prints its major version or nothing
  local rel="$1/release" v=""
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$rel" ]; then v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel"); fi
  if [ -z "$v" ]; then v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1); fi
  echo "$v"
}
patina_find_jdk() {
  local c v best="" bestv=0
  for c in "${JAVA_HOME:-}" \
           "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
           /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -n "$c" ] && [ -d "$c" ] || continue
    v=$(patina_java_major "$c")
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ]; then
      # the first acceptable candidate wins for JAVA_HOME/PATH; otherwise keep the newest
      if [ "$c" = "${JAVA_HOME:-}" ]; then echo "$c"; return 0; fi
      if [ "$v" -gt "$bestv" ]; then best="$c"; bestv="$v"; fi
    fi
  done
  [ -n "$best" ] && { echo "$best"; return 0; }
  return 1
}
if ! JAVA_HOME=$(patina_find_jdk); then
  echo "patina: no JDK 21 or newer found (looked at \$JAVA_HOME, java on PATH, /usr/lib/jvm)." >&2
  echo "patina: install one (for example Temurin 21+) or set JAVA_HOME to it." >&2
  exit 2
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# The JVM's garbage collector for Patina (the CLI, the service, the benchmarks): the throughput
# collector, with the young generation capped so a run's footprint stays small. A backup run is
# batch work; G1's concurrent threads compete with it for a small server's cores (measured on
# 2 cores, 1,000 devices: 4.5 s of CPU with G1, 3.8 s with this). PATINA_JAVA_OPTS naming a
# collector (-XX:+Use...GC) replaces it.
PATINA_GC_OPTS="-XX:+UseParallelGC -XX:MaxNewSize=256m"
case "${PATINA_JAVA_OPTS:-}" in *-XX:+Use*GC*) PATINA_GC_OPTS="" ;; esac

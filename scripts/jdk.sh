# Sourced by ./drydock and ./run-tests: sets JAVA_HOME to a JDK >= 21.
# Order: $JAVA_HOME if it is >= 21, then `java` on PATH, then the newest JDK under /usr/lib/jvm.
# The major version of the JDK that owns the java binary $1: from the JDK's `release` file (no JVM
# start, which costs a tenth of a second per JDK looked at), else by asking the JVM.
drydock_java_major() {
  local home version
  home=$(dirname "$(dirname "$1")")
  if [ -r "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n1)
    version=${version#1.}
    if [ -n "$version" ]; then echo "${version%%[.+-]*}"; return; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1 | cut -d. -f1
}
drydock_select_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(drydock_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 21 ]; then return 0; fi
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(drydock_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ]; then export JAVA_HOME="$candidate"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(drydock_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "drydock: no JDK >= 21 found (set JAVA_HOME, or install one under /usr/lib/jvm)" >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
drydock_select_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"

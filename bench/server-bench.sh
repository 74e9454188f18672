#!/usr/bin/env bash
# Runs one of the server benchmarks (dev.drydock.server.bench.CLASS) on the drydock-server test
# classpath, built from this checkout: bench/server-bench.sh CLASS [ARGS…]. Used by rematch.sh and
# scan-task.sh; BENCH_JAVA_OPTS adds JVM options.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/jdk.sh"
cd "$here"
class="$1"; shift
./mvnw -q -pl drydock-server -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="drydock-server/target/test-classes:drydock-server/target/classes"
exec java -Xmx3g ${BENCH_JAVA_OPTS:-} -cp "$cp:$(cat drydock-server/target/bench-classpath.txt)" \
  "dev.drydock.server.bench.$class" "$@"

#!/usr/bin/env bash
# Benchmark (not a test): re-match N generated stored inventories (default 100,000) after an
# advisory update, the way a server does after `drydock db update` (goal: <= 60 s). Generates the
# advisory feeds and the inventories, stores them in H2 (default) or PostgreSQL, matches once, imports
# the update, and times the re-match. Prints the load average: other work on the machine shares the cores.
#
#   bench/rematch.sh [WORK_DIR] [INVENTORIES] [h2|postgres]
#
# PostgreSQL: DRYDOCK_TEST_PG_URL / _USER / _PASSWORD as for the tests (a database is created and dropped).
# Source: drydock-server/src/test/java/dev/drydock/server/bench/RematchBenchmark.java
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/jdk.sh"
cd "$here"
./mvnw -q -pl drydock-server -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="drydock-server/target/test-classes:drydock-server/target/classes"
exec java -Xmx3g ${BENCH_JAVA_OPTS:-} -cp "$cp:$(cat drydock-server/target/bench-classpath.txt)" \
  dev.drydock.server.bench.RematchBenchmark "$@"

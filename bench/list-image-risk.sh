#!/usr/bin/env bash
# Benchmark (not a test) of ListImageRisk over 1,000,000 generated images in PostgreSQL: the
# server as its own process on loopback, a Java load client signing real V1 requests (a mix of
# first pages, deep pages, ImageName forms and a ClusterId filter), and the same SQL run directly
# over JDBC in the same run. Prints p50/p99 latency and requests per second of both, per scenario
# and overall, the CPU each party used per 1,000 calls, and the load average; two rounds.
#
#   bench/list-image-risk.sh [SECONDS=30] [WORKERS=32] [ROUNDS=2] [WARMUP_SECONDS=30]
#
# PostgreSQL from DRYDOCK_TEST_PG_URL / _USER / _PASSWORD (the tests' defaults: drydock/drydock on
# 127.0.0.1:5432); it creates and drops the database drydock_bench (about 1 GB while it runs).
# BENCH_SERVER_JVM sets the server's JVM options (default -Xmx1g); BENCH_JFR=FILE records a flight
# recording of the server; BENCH_REUSE=1 keeps the generated database for the next run (and reuses it);
# BENCH_ONLY=SCENARIO (FIRST_PAGES, DEEP_PAGES, REPOSITORY, IMAGE, SUBSTRING, CLUSTER) runs one scenario alone.
# Source: drydock-server/src/test/java/dev/drydock/server/bench/ListImageRiskBenchmark.java
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/jdk.sh"
cd "$here"
./mvnw -q -B -ntp -pl drydock-server -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
props=(-Dbench.server.jvm="${BENCH_SERVER_JVM:--Xmx1g}")
if [ -n "${BENCH_JFR:-}" ]; then props+=(-Dbench.jfr="$BENCH_JFR"); fi
if [ -n "${BENCH_REUSE:-}" ]; then props+=(-Dbench.reuse=true); fi
if [ -n "${BENCH_ONLY:-}" ]; then props+=(-Dbench.only="$BENCH_ONLY"); fi
exec java -Xmx1g "${props[@]}" \
  -cp "drydock-server/target/test-classes:drydock-server/target/classes:$(cat drydock-server/target/bench-classpath.txt)" \
  dev.drydock.server.bench.ListImageRiskBenchmark "$@"

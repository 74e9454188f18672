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
exec "$(dirname "${BASH_SOURCE[0]}")/server-bench.sh" RematchBenchmark "$@"

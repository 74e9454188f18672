#!/usr/bin/env bash
# Benchmark (not a test) of the advisory database: generates ≥ 300,000 advisories in the real feed
# formats (250,000 OSV records in an osv.dev-style zip, a Debian tracker export with 60,000
# package/CVE records), imports them into a fresh database, reports import times and the database
# size, then times a 10,000-package lookup (the matcher's batched query), Matcher.match of an
# IndexReport of those 10,000 packages (goal <= 200 ms with the database open) and 1,000 lookups by id.
#
#   bench/advisory-db.sh [WORK_DIR] [OSV_RECORDS] [DEBIAN_RECORDS]
#
# WORK_DIR defaults to drydock-core/target/bench-vulndb (about 750 MB of files). Wall times depend
# on what else runs on the machine; the thread CPU times printed beside them do much less.
# BENCH_JAVA_OPTS=-Dreuse=true times the lookups and the matcher again on the database a previous
# run left in WORK_DIR, without generating or importing anything.
# Source: drydock-core/src/test/java/dev/drydock/vuln/db/bench/AdvisoryDbBenchmark.java
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/jdk.sh"
cd "$here"
./mvnw -q -pl drydock-core test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx2g --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "drydock-core/target/test-classes:drydock-core/target/classes:$(cat drydock-core/target/bench-classpath.txt)" \
  dev.drydock.vuln.db.bench.AdvisoryDbBenchmark "$@"

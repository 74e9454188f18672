#!/usr/bin/env bash
# Benchmark (not a test): one scan task over N images (default 100) sharing the debootstrap bookworm
# base layer, from Debian's docker-registry on loopback, against the sum of single cold scans
# (measured on SAMPLE images, default 20, scaled to N). Prints the load average: other work on the
# machine shares the cores, so run it twice and compare.
#
#   bench/scan-task.sh [IMAGES] [SAMPLE] [WORKERS]
#
# Needs: docker-registry (Debian package), the rootfs from .ci/debootstrap-rootfs.sh.
# Source: drydock-server/src/test/java/dev/drydock/server/bench/ScanTaskBenchmark.java
exec "$(dirname "${BASH_SOURCE[0]}")/server-bench.sh" ScanTaskBenchmark "$@"

#!/usr/bin/env bash
# Benchmark (not a test): scan the debootstrap bookworm image from a loopback registry, cold
# (empty layer cache) and warm, and time `zcat` of the same layer in the same run.
#
#   bench/scan-vs-zcat.sh [RUNS]        (default 5 runs each; medians are reported)
#
# Needs: docker-registry, skopeo (Debian packages), the rootfs from .ci/debootstrap-rootfs.sh.
# Reports whole-process wall and CPU (user + sys) times, and the ratios the engine issue sets as
# goals: cold scan ÷ zcat ≤ 1.3, warm scan ≤ 0.3 s. On a machine shared with other work the CPU
# times are the steadier comparison.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
cache_root="${DRYDOCK_TEST_CACHE:-$HOME/.cache/drydock-test}"
rootfs="$cache_root/bookworm-minbase.tar"
[ -f "$rootfs" ] || { echo "missing $rootfs: run .ci/debootstrap-rootfs.sh first" >&2; exit 1; }
for t in docker-registry skopeo gzip zcat sha256sum; do command -v "$t" >/dev/null || { echo "missing $t" >&2; exit 1; }; done

work="$(mktemp -d)"
reg_pid=""
cleanup() { [ -n "$reg_pid" ] && kill "$reg_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# 1. An OCI layout with the rootfs as one gzip layer (gzip -6, as docker and buildkit write).
layout="$work/layout"; mkdir -p "$layout/blobs/sha256"
gzip -6 -c -n "$rootfs" > "$work/layer.tar.gz"
diff_id="sha256:$(sha256sum "$rootfs" | cut -d' ' -f1)"
layer_hex="$(sha256sum "$work/layer.tar.gz" | cut -d' ' -f1)"; layer_size=$(stat -c %s "$work/layer.tar.gz")
cp "$work/layer.tar.gz" "$layout/blobs/sha256/$layer_hex"
printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["%s"]},"config":{}}' "$diff_id" > "$work/config.json"
config_hex="$(sha256sum "$work/config.json" | cut -d' ' -f1)"; config_size=$(stat -c %s "$work/config.json")
cp "$work/config.json" "$layout/blobs/sha256/$config_hex"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%d}]}' \
  "$config_hex" "$config_size" "$layer_hex" "$layer_size" > "$work/manifest.json"
manifest_hex="$(sha256sum "$work/manifest.json" | cut -d' ' -f1)"; manifest_size=$(stat -c %s "$work/manifest.json")
cp "$work/manifest.json" "$layout/blobs/sha256/$manifest_hex"
printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%d,"annotations":{"org.opencontainers.image.ref.name":"bookworm"}}]}' \
  "$manifest_hex" "$manifest_size" > "$layout/index.json"

# 2. A registry on loopback.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/registry.yml" <<YML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $work/registry}}
http: {addr: 127.0.0.1:$port}
YML
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 & reg_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
skopeo copy --quiet --insecure-policy --dest-tls-verify=false --preserve-digests \
  "oci:$layout:bookworm" "docker://127.0.0.1:$port/bench/debian:bookworm"
ref="127.0.0.1:$port/bench/debian:bookworm"

# 3. Build drydock if needed and warm the JVM's class-data archive once (not timed).
"$here/drydock" --version > /dev/null

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# "wall cpu" seconds of one command (cpu = user + sys of the process and its threads)
time_cmd() { local TIMEFORMAT='%R %U %S'; { time "$@" > /dev/null 2>&1; } 2>&1 | awk '{print $1, $2 + $3}'; }
scan() { "$here/drydock" scan "$ref" --insecure --cache-dir "$work/cache" -q --format json --scanners "$1"; }

# Inventory only (--scanners none: what the engine issue's goal is about), then the default scanners
# (vuln without a database, baseline, secret, malware: every file's content is read and hashed).
for i in $(seq "$runs"); do
  time_cmd zcat "$work/layer.tar.gz" >> "$work/zcat"
  for s in none vuln,baseline,secret,malware; do
    rm -rf "$work/cache"
    time_cmd scan "$s" >> "$work/cold-$s"
    time_cmd scan "$s" >> "$work/warm-$s"
  done
done
col() { awk -v c="$2" '{print $c}' "$1" | median; }
printf 'layer: %d MB gzip, %d MB tar; %d runs each, medians; load average: %s\n' $((layer_size/1000000)) \
  $(( $(stat -c %s "$rootfs")/1000000 )) "$runs" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %8s %8s %18s\n' "" "wall s" "cpu s" "ratio to zcat"
zw=$(col "$work/zcat" 1); zc=$(col "$work/zcat" 2)
printf '%-44s %8.3f %8.3f\n' "zcat of the layer" "$zw" "$zc"
for s in none vuln,baseline,secret,malware; do
  cw=$(col "$work/cold-$s" 1); cc=$(col "$work/cold-$s" 2); ww=$(col "$work/warm-$s" 1); wc=$(col "$work/warm-$s" 2)
  printf '%-44s %8.3f %8.3f   %5.2fx wall %5.2fx cpu\n' "drydock scan --scanners $s, cold" "$cw" "$cc" \
    "$(echo "$cw / $zw" | bc -l)" "$(echo "$cc / $zc" | bc -l)"
  printf '%-44s %8.3f %8.3f\n' "drydock scan --scanners $s, warm" "$ww" "$wc"
done
echo "goals (engine issue): cold <= 1.3x zcat, warm <= 0.3 s"

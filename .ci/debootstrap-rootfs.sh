#!/usr/bin/env bash
# Builds the Debian 12 (bookworm) minbase root filesystem that Drydock's integration tests scan,
# once per machine, and the dpkg-query output that serves as their oracle.
#
# Writes, into ${DRYDOCK_TEST_CACHE:-$HOME/.cache/drydock-test}:
#   bookworm-minbase.tar              the root filesystem (numeric owners, sorted, no "./" prefix)
#   bookworm-minbase.dpkg-query.tsv   Package, Version, source:Package, source:Version,
#                                     Architecture, db:Status-Status (tab-separated, one per package)
# Does nothing when both exist. Each file is written under a temporary name and renamed into place,
# so an interrupted run never leaves a partial file behind under the final name.
#
# Needs: root, debootstrap (apt-get install debootstrap), network to the mirror.
# Environment: DRYDOCK_TEST_CACHE (cache folder), DRYDOCK_DEBIAN_MIRROR (default deb.debian.org).
set -euo pipefail

cache="${DRYDOCK_TEST_CACHE:-$HOME/.cache/drydock-test}"
mirror="${DRYDOCK_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
suite=bookworm
tar_out="$cache/$suite-minbase.tar"
tsv_out="$cache/$suite-minbase.dpkg-query.tsv"

if [[ -s "$tar_out" && -s "$tsv_out" ]]; then
  echo "debootstrap-rootfs: $tar_out and $tsv_out already present"
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "debootstrap-rootfs: must run as root (debootstrap creates device nodes and chowns files)" >&2
  exit 1
fi
if ! command -v debootstrap >/dev/null; then
  echo "debootstrap-rootfs: debootstrap not found: apt-get install debootstrap" >&2
  exit 1
fi

mkdir -p "$cache"
work="$(mktemp -d "$cache/.debootstrap.XXXXXX")"
root="$work/rootfs"
cleanup() {
  # debootstrap mounts /proc and /sys inside the target; never rm -rf through a live mount.
  for m in proc sys dev/pts; do
    if mountpoint -q "$root/$m" 2>/dev/null; then umount -l "$root/$m" || true; fi
  done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

echo "debootstrap-rootfs: debootstrap --variant=minbase $suite into $root from $mirror"
debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  echo "debootstrap-rootfs: debootstrap failed; last lines of its log:" >&2
  tail -n 30 "$work/debootstrap.log" >&2
  tail -n 30 "$root/debootstrap/debootstrap.log" >&2 2>/dev/null || true
  exit 1
}

dpkg-query --admindir="$root/var/lib/dpkg" -W \
  -f='${Package}\t${Version}\t${source:Package}\t${source:Version}\t${Architecture}\t${db:Status-Status}\n' \
  | LC_ALL=C sort >"$work/dpkg-query.tsv"
if [[ ! -s "$work/dpkg-query.tsv" ]]; then
  echo "debootstrap-rootfs: dpkg-query listed no packages in $root" >&2
  exit 1
fi

# Top-level names without a "./" prefix, as image layers usually have them.
(cd "$root" && find . -mindepth 1 -maxdepth 1 -printf '%P\0' | LC_ALL=C sort -z) >"$work/top.lst"
tar --create --file="$work/rootfs.tar" --directory="$root" --numeric-owner --sort=name \
  --xattrs --xattrs-include='security.capability' --null --files-from="$work/top.lst"

mv -f "$work/dpkg-query.tsv" "$tsv_out"
mv -f "$work/rootfs.tar" "$tar_out"
echo "debootstrap-rootfs: wrote $tar_out ($(du -h "$tar_out" | cut -f1)) and $tsv_out ($(wc -l <"$tsv_out") packages)"

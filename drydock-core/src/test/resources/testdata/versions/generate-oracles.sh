#!/usr/bin/env bash
# Regenerates the *-oracle.tsv and *-validity.tsv tables beside this script from the reference
# implementations. The unit tests only read the tables; run this by hand when a generator changes.
#
# Needs: dpkg, rpm (Debian package rpm), node + npm (installs semver into a temp dir), python3 with
# packaging, ruby, php-cli and php-composer-semver (Debian packages).
# Usage: generate-oracles.sh [dpkg|rpm|npm|pep440|rubygems|composer ...]   (default: all)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ $# -eq 0 ] || printf '%s\n' "$@" | grep -qx npm; then
  npm install --silent --no-audit --no-fund --prefix "$tmp" semver@7 >/dev/null
fi
SEMVER_NODE_MODULES="$tmp/node_modules" exec python3 "$here/generate_oracles.py" "$@"

#!/bin/sh
# Rebuilds the Go analyzer's fixture binaries and their `go version -m` oracles.
# Needs Debian's golang-go (Go 1.19), gcc, zip and readelf; no network: dependencies come from a
# file:// module proxy made from src/modules/<path>@<version>/. See README.md.
set -eu
cd "$(dirname "$0")"
T=$(pwd)
W=$(mktemp -d)
trap 'chmod -R u+w "$W"; rm -rf "$W"' EXIT

# 1. A module proxy in the GOPROXY file layout: <path>/@v/{list,<v>.info,<v>.mod,<v>.zip}.
for dir in src/modules/*/*@*; do
  rel=${dir#src/modules/}          # example.com/greet@v1.2.3
  path=${rel%@*}
  ver=${rel##*@}
  mkdir -p "$W/proxy/$path/@v" "$W/zip/$(dirname "$rel")"
  cp -r "$dir" "$W/zip/$rel"
  cp "$dir/go.mod" "$W/proxy/$path/@v/$ver.mod"
  printf '{"Version":"%s"}\n' "$ver" > "$W/proxy/$path/@v/$ver.info"
  echo "$ver" >> "$W/proxy/$path/@v/list"
  (cd "$W/zip" && zip -qrX "$W/proxy/$path/@v/$ver.zip" "$rel")
done

export GOPROXY="file://$W/proxy" GOSUMDB=off GOFLAGS=-mod=mod GOPATH="$W/gopath" GOCACHE="$W/cache"
export CGO_ENABLED=0 GOOS=linux GOARCH=amd64

gobuild() { # source dir, case, image path[, GOARCH]
  mkdir -p "$T/$2/$(dirname "$3")"
  (cd "src/$1" && GOARCH=${4:-amd64} go build -trimpath -buildvcs=false -ldflags='-s -w' -o "$T/$2/$3" .)
  mkdir -p oracle
  go version -m "$2/$3" > "oracle/$2.txt"
}

# 2. Go programs: two plain dependencies; a directory replacement and a module replacement.
gobuild hello hello usr/local/bin/hello
gobuild replaced replaced app/replaced
# The same program for 32-bit big-endian MIPS: ELF32 and big-endian headers.
gobuild hello hello-mips usr/local/bin/hello mips

# 3. Negative cases: a C program, a Go binary cut in the middle of its build info, a script.
mkdir -p c-binary/usr/bin
gcc -Os -s -o c-binary/usr/bin/hello-c src/cbin/hello.c

off=$(readelf -SW hello/usr/local/bin/hello | sed 's/^ *\[ *[0-9]*\]//' | awk '$1 == ".go.buildinfo" { print $4 }')
mkdir -p truncated/usr/local/bin
head -c $((0x$off + 200)) hello/usr/local/bin/hello > truncated/usr/local/bin/hello-cut
chmod 755 truncated/usr/local/bin/hello-cut

# The script is over 1 KiB so that the analyzer opens it (smaller files are not wanted).
mkdir -p script/usr/local/bin
cat > script/usr/local/bin/entrypoint.sh <<'SCRIPT'
#!/bin/sh
# Container entrypoint for the Drydock Go analyzer's fixtures: an executable that is not ELF.
# The analyzer must look at its first bytes, see no ELF magic, and keep nothing.
set -eu

log() {
  printf '%s entrypoint: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2
}

# Configuration comes from the environment, with defaults for local runs.
: "${APP_HOME:=/usr/local}"
: "${APP_USER:=nobody}"
: "${APP_ARGS:=}"

if [ "$(id -u)" = 0 ] && [ "$APP_USER" != root ]; then
  log "dropping privileges to $APP_USER"
fi

case "${1:-}" in
  -h|--help)
    echo "usage: entrypoint.sh [ARGS...]"
    echo "Runs $APP_HOME/bin/hello with ARGS, or with APP_ARGS when none are given."
    exit 0
    ;;
  "")
    # shellcheck disable=SC2086
    set -- $APP_ARGS
    ;;
esac

for dir in /tmp /var/tmp; do
  if [ ! -w "$dir" ]; then
    log "warning: $dir is not writable"
  fi
done

# Forward termination signals to the application once it runs; until then, exit cleanly.
on_term() {
  log "terminated before start"
  exit 143
}
trap on_term TERM INT

log "starting $APP_HOME/bin/hello $*"
exec "$APP_HOME/bin/hello" "$@"
SCRIPT
chmod 755 script/usr/local/bin/entrypoint.sh

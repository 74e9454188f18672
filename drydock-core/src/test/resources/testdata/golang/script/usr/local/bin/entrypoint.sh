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

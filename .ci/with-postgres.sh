#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server and CLAIMTRACE_TEST_DATABASE_URL pointing at it:
#   .ci/with-postgres.sh .venv/bin/python -m pytest
# The server lives in a temporary folder, listens on 127.0.0.1 on a free port and is stopped
# and removed when the command ends. Without PostgreSQL binaries it installs Debian's
# `postgresql` package (as root or with sudo); when that is impossible, or when
# CLAIMTRACE_TEST_POSTGRES=0, the command runs without the URL and the PostgreSQL tests skip.
# A CLAIMTRACE_TEST_DATABASE_URL that is already set is used as it is.
set -uo pipefail

say() { echo "postgres: $*" >&2; }

without_server() {
    say "$1; the PostgreSQL store tests will be skipped"
    shift
    exec "$@"
}

find_bin() {
    local found
    if found=$(command -v pg_ctl 2>/dev/null) && [ -x "$(dirname "$found")/initdb" ]; then
        dirname "$(readlink -f "$found")"
        return
    fi
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$found" ] && [ -x "$found/pg_ctl" ] && echo "$found"
}

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        return 1
    fi
}

install_postgres() {
    say "installing Debian's postgresql package (apt-get)"
    command -v apt-get >/dev/null 2>&1 || return 1
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || return 1
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        postgresql >/dev/null 2>&1
}

# The server refuses to run as root: as root it runs as `postgres` (or `nobody`).
server_user() {
    if [ "$(id -u)" != 0 ]; then
        id -un
    elif id postgres >/dev/null 2>&1; then
        echo postgres
    else
        echo nobody
    fi
}

as_server() {
    if [ "$(id -u)" = 0 ]; then
        (cd "$WORK" && runuser -u "$SERVER_USER" -- "$@")
    else
        "$@"
    fi
}

free_port() {
    "$(command -v python3 || echo .venv/bin/python)" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

stop_server() {
    as_server "$BIN/pg_ctl" -D "$WORK/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}

[ "$#" -gt 0 ] || { sed -n '2,8p' "$0" >&2; exit 2; }
if [ -n "${CLAIMTRACE_TEST_DATABASE_URL:-}" ]; then
    exec "$@"
fi
if [ "${CLAIMTRACE_TEST_POSTGRES:-1}" = 0 ]; then
    without_server "CLAIMTRACE_TEST_POSTGRES=0" "$@"
fi
BIN=$(find_bin)
if [ -z "$BIN" ]; then
    install_postgres || without_server "no PostgreSQL binaries and no way to install them" "$@"
    BIN=$(find_bin)
    [ -n "$BIN" ] || without_server "the postgresql package installed no pg_ctl" "$@"
fi
SERVER_USER=$(server_user)
WORK=$(mktemp -d /tmp/claimtrace-pg.XXXXXX)
chmod 755 "$WORK"
[ "$(id -u)" = 0 ] && chown "$SERVER_USER" "$WORK"
PORT=$(free_port)
trap stop_server EXIT
trap 'exit 130' INT TERM

if ! as_server "$BIN/initdb" -D "$WORK/data" -U claimtrace --auth=trust -E UTF8 --no-locale \
    --no-sync >"$WORK/initdb.log" 2>&1; then
    tail -n 5 "$WORK/initdb.log" >&2
    trap - EXIT
    stop_server
    without_server "initdb failed" "$@"
fi
if ! as_server "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $WORK -c fsync=off -c full_page_writes=off" \
    start >/dev/null 2>&1; then
    tail -n 5 "$WORK/server.log" >&2
    trap - EXIT
    stop_server
    without_server "the server did not start" "$@"
fi
export CLAIMTRACE_TEST_DATABASE_URL="postgresql+psycopg://claimtrace@127.0.0.1:$PORT/postgres"
say "PostgreSQL $("$BIN/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$PORT for the tests"
"$@"
status=$?
exit "$status"

#!/usr/bin/env bash
# claimtrace developer entry point. Creates or reuses .venv, installs what is needed, then:
#   ./dev.sh example   analyse the bundled example article
#   ./dev.sh test      lint (ruff), type-check (mypy) and run the test suite (pytest)
#   ./dev.sh bench     throughput benchmark against plain spaCy parsing
set -euo pipefail
cd "$(dirname "$0")"

find_python() {
    for candidate in python3.11 python3.12 python3.13 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
            echo "$candidate"
            return
        fi
    done
    echo "claimtrace needs Python 3.11 or newer on PATH" >&2
    exit 1
}

setup() {
    if [ ! -x .venv/bin/python ]; then
        "$(find_python)" -m venv .venv
    fi
    local stamp
    stamp=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
    if [ "$(cat .venv/.setup-stamp 2>/dev/null)" != "$stamp" ]; then
        echo "setting up .venv (log: .venv/setup.log)" >&2
        if ! { .venv/bin/python -m pip install --upgrade pip &&
            .venv/bin/python -m pip install -e '.[dev]'; } >.venv/setup.log 2>&1; then
            tail -n 30 .venv/setup.log >&2
            echo "setup failed; the full log is in .venv/setup.log" >&2
            exit 1
        fi
        echo "$stamp" > .venv/.setup-stamp
    fi
}

command=${1:-help}
shift || true
case "$command" in
    example)
        setup
        .venv/bin/claimtrace analyze examples/harbour-fire.txt "$@"
        ;;
    test)
        setup
        .venv/bin/ruff check src tests eval bench
        .venv/bin/ruff format --check src tests eval bench
        .venv/bin/mypy
        bash .ci/with-postgres.sh .venv/bin/python -m pytest "$@"  # with a throwaway PostgreSQL server
        ;;
    bench)
        setup
        .venv/bin/python bench/throughput.py "$@"
        ;;
    *)
        sed -n '2,6p' "$0"
        ;;
esac

#!/usr/bin/env bash
# The first-zone browser check on an EMPTY database (not the demo): `BIN setup` creates the
# platform admin (password on standard input), `BIN serve` runs on a fresh SQLite file on a free
# port, then first_zone.py walks the path a new zone takes (and runs `BIN cases remind` on the same
# database for the deadline reminder). Stops its server whatever happens.
# Usage: Tests/Browser/first_zone.sh BIN PYTHON WORKDIR
set -euo pipefail
PYTHON=$2
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$3/shots"
# Absolute paths: first_zone.py runs from this folder and runs `BIN cases remind` on the same database.
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
WORKDIR=$(cd "$3" && pwd)
DB="$WORKDIR/first-zone-$$.sqlite"
rm -f "$DB" "$DB-wal" "$DB-shm"
export GAOXIN_SQLITE_PATH="$DB"
PORT=$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
PASSWORD='Platform@First2026'

# An empty database first: serve must say how to run `gaoxin setup`.
"$BIN" serve --port "$PORT" > "$WORKDIR/empty.log" 2>&1 &
EMPTY=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1 && break
    sleep 0.2
done
kill "$EMPTY"
wait "$EMPTY" 2> /dev/null || true
if ! grep -q "gaoxin setup" "$WORKDIR/empty.log"; then
    echo "FAIL serve on an empty database does not say how to run gaoxin setup"
    cat "$WORKDIR/empty.log"
    exit 1
fi
echo "ok   serve on an empty database prints how to run gaoxin setup"
rm -f "$DB" "$DB-wal" "$DB-shm"
printf '%s\n' "$PASSWORD" | "$BIN" setup --admin platform > "$WORKDIR/setup.log" 2>&1
# The webhook worker every 2 s instead of 15, so the reminder reaches the test's receiver quickly.
GAOXIN_NOTICE_EVERY=2 "$BIN" serve --port "$PORT" > "$WORKDIR/serve.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1 && break
    sleep 0.2
done
cd "$HERE"
FIRST_ZONE_PASSWORD="$PASSWORD" FIRST_ZONE_BIN="$BIN" "$PYTHON" first_zone.py "http://127.0.0.1:$PORT" "$WORKDIR/shots"

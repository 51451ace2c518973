#!/usr/bin/env bash
# The hardening suite of issue #11, against a served demo. Called by .ci/run; also by hand:
#   Tests/Hardening/run.sh BINARY WORKDIR BASE_URL SQLITE_PATH [PYTHON] [POSTGRES_URL_FOR_CRASH] [POSTGRES_URL_FOR_TWO]
# BINARY is `$(swift build --show-bin-path)/gaoxin`, SQLITE_PATH the served demo's database (tokens and the Open311
# key are made in it; the IDOR matrix reads owners from it). The PostgreSQL URLs name empty databases of their own
# (the parts seed the demo into them); without them the PostgreSQL trials are skipped.
# Every part runs even when an earlier one fails; each prints its figures; the script exits non-zero if any failed.
# Only loopback addresses are used. HARDENING_PARTS (e.g. "idor xss") runs a subset.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$1 WORK=$2 BASE=$3 DB=$4
PY=${5:-python3}
PG_CRASH=${6:-} PG_TWO=${7:-}
PARTS=${HARDENING_PARTS:-"uploads idor xss extremes crash crash-postgres two-instances backup"}
mkdir -p "$WORK"
failed=()
figures=()
part() { [[ " $PARTS " == *" $1 "* ]]; }
run() {
  local name=$1; shift
  echo; echo "=== hardening: $name ($(date +%H:%M:%S))"
  "$@" 2>&1 | tee "$WORK/$name.log"
  local status=${PIPESTATUS[0]}
  # The figures line: the last line that is not indented detail.
  figures+=("$name: $(grep -v '^ ' "$WORK/$name.log" | tail -n 1)")
  [ "$status" -ne 0 ] && failed+=("$name")
}

TOKENS="$WORK/tokens.txt"
: >"$TOKENS"
for zone in jinan foshan; do
  for role in admin staff invest grid enterprise resident; do
    echo "$role@$zone $(GAOXIN_SQLITE_PATH="$DB" "$BIN" token --user "$role@$zone" --name hardening)" >>"$TOKENS"
  done
done
echo "platform $(GAOXIN_SQLITE_PATH="$DB" "$BIN" token --user platform --name hardening)" >>"$TOKENS"
# 政务服务's API upload route runs as a 湘潭 resident (the 一件事 demo is 湘潭's).
SERVICE_TOKENS="$WORK/service-tokens.txt"
echo "resident@xiangtan $(GAOXIN_SQLITE_PATH="$DB" "$BIN" token --user resident@xiangtan --name hardening)" >"$SERVICE_TOKENS"
O311_KEY=$(GAOXIN_SQLITE_PATH="$DB" "$BIN" open311 key --zone jinan --name hardening)

cd "$HERE"
# Uploads first: the photos they leave are rows the IDOR matrix then probes.
part uploads && run uploads "$PY" uploads.py "$BASE" "$O311_KEY" "$SERVICE_TOKENS"
part idor && run idor "$PY" idor.py "$BASE" "$DB" "$TOKENS" "$O311_KEY"
part xss && run xss "$PY" xss.py "$BASE"
part extremes && run extremes "$PY" extremes.py "$BASE" "$TOKENS" "${HARDENING_EXTREMES_SECONDS:-900}"
part crash && run crash-sqlite "$PY" crash.py "$BIN" "$WORK/crash" 10
if part crash-postgres && [ -n "$PG_CRASH" ]; then
  DATABASE_URL=$PG_CRASH run crash-postgres "$PY" crash.py "$BIN" "$WORK/crash-pg" 5 postgres
fi
if part two-instances && [ -n "$PG_TWO" ] && [ -f two_instances.py ]; then
  DATABASE_URL=$PG_TWO run two-instances "$PY" two_instances.py "$BIN" "$WORK/two"
fi
part backup && [ -f backup.py ] && run backup "$PY" backup.py "$BIN" "$WORK/backup"

echo; echo "=== hardening figures"
for f in "${figures[@]}"; do echo "  $f"; done
if [ ${#failed[@]} -ne 0 ]; then
  echo "hardening: failed: ${failed[*]}"
  exit 1
fi
echo "hardening: all parts passed"

#!/usr/bin/env bash
# The module shape, checked (issue #10): every Swift file under Sources/App stays under 400 lines,
# and SQL lives only in repositories (`…Repository.swift`), migrations and the database layer.
# Prints each offence; exits 1 if there is any.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

long=$(find Sources/App -name '*.swift' -print0 | xargs -0 wc -l | awk '$2 != "total" && $1 > 400 { print "  " $2 ": " $1 " lines" }')
if [ -n "$long" ]; then
  echo "Swift files over 400 lines (split them by feature):"
  echo "$long"
  status=1
fi

# What writes or reads SQL through SQLKit or by hand.
sql='\b(db|sql)\.raw\(|SQLQueryString|SQLRaw\(|unsafeRaw|\.select\(\)|\.insert\(into:|\.update\("|\.delete\(from:|\.create\(table:|"(SELECT|INSERT|UPDATE|DELETE) '
outside=$(grep -rnE "$sql" Sources/App --include='*.swift' \
  | grep -vE '^Sources/App/[^:]*Repository\.swift:|^Sources/App/Shared/Database/' || true)
if [ -n "$outside" ]; then
  echo "SQL outside repositories, migrations and the database layer (move it into the module's repository):"
  echo "$outside" | sed 's/^/  /'
  status=1
fi

[ $status -eq 0 ] && echo "Module shape: every file ≤ 400 lines, SQL only in repositories."
exit $status

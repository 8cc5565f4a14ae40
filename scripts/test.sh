#!/usr/bin/env bash
# Command 2: set up, build everything, and run every test: unit, integration and browser.
# Exits non-zero on any failure and ends with a line "N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

"$top/scripts/setup.sh" || { echo "set-up failed"; echo "0 passed, 1 failed"; exit 1; }
"$top/scripts/build.sh" || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
# Integration and browser tests start their own servers on free ports, so two can run at once;
# browser tests hold a resource lock and run one at a time.
ctest --test-dir "$top/build/native" --output-on-failure -j 2 --timeout 600 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

total=$(sed -nE 's/.* tests? failed out of ([0-9]+).*/\1/p' "$log" | tail -1)
failed=$(sed -nE 's/.* ([0-9]+) tests? failed out of.*/\1/p' "$log" | tail -1)
rm -f "$log"
if [ -z "$total" ]; then
  echo "ctest did not report a result"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "$((total - failed)) passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$total" -eq 0 ]; then exit 1; fi

#!/usr/bin/env bash
# Builds and runs the storage benchmark end to end: generates 1,000- and 10,000-partner
# databases with portal-admin into a temp folder, then runs portal_store_bench on them.
# Usage: bench/run_store_bench.sh [BUILD_DIR] (default build-infra); extra bench options via
# BENCH_ARGS="--commands 1000".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build-infra}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target portal_store_bench portal_admin portal_server >/dev/null
work="$(mktemp -d /tmp/portal-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "# Partner Portal storage benchmark"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
echo
echo "| generated partners | portal-admin generate |"
echo "|---|---|"
for n in 1000 10000; do
  out="$("$build/server/portal-admin" generate --partners "$n" --seed 2026 --data "$work/p$n")"
  echo "| $n | ${out#generated } |"
done
"$build/bench/portal_store_bench" ${BENCH_ARGS:-} --db "1000=$work/p1000" --db "10000=$work/p10000"

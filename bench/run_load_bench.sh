#!/usr/bin/env bash
# The load bench of docs/performance.md: the same load (N users in rooms of K, messages offered
# at fixed rates) against the portal server and against a plain Node.js `ws` broadcast server,
# on loopback. Prints both tables and the ratios. Not part of the test suite.
# Usage: bench/run_load_bench.sh [BUILD_DIR]   (default build/native)
#   CONNECTIONS=10000 ROOM_SIZE=50 RATES=100,250,500,1000,2000,4000 SECONDS_PER_RATE=5
#   TARGETS="portal" runs only the portal (for A/B runs of two builds; no ratios then)
#   LISTS=no: portal users follow only their conversation, not their conversation list too
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build/native}"
connections=${CONNECTIONS:-10000}
room_size=${ROOM_SIZE:-50}
rates=${RATES:-100,250,500,1000,2000,4000}
seconds=${SECONDS_PER_RATE:-5}
rooms=$(( connections / room_size ))
targets=${TARGETS:-ws portal}

cmake --build "$build" -j2 --target portal_load_bench portal_load_seed portal_server >/dev/null
(cd "$root/bench/load" && npm ci --no-audit --no-fund --silent)
ulimit -n "$(ulimit -Hn)"   # 10,000 sockets per process need more than the default
work="$(mktemp -d /tmp/portal-load-XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

echo "# Partner Portal load bench"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
     "$connections connections in $rooms rooms of $room_size; ${seconds} s per rate"
bench="$build/bench/portal_load_bench"
common=(--connections "$connections" --rooms "$rooms" --rates "$rates" --seconds "$seconds")

touch "$work/ws.out" "$work/portal.out"
if [[ " $targets " == *" ws "* ]]; then
echo; echo "## Node.js ws baseline"
node "$root/bench/load/ws_baseline.js" 9401 >"$work/ws.log" 2>&1 &
pids+=($!); ws_pid=$!
for _ in $(seq 50); do grep -q listening "$work/ws.log" && break; sleep 0.1; done
"$bench" --target ws --port 9401 --server-pid "$ws_pid" "${common[@]}" | tee "$work/ws.out"
kill "$ws_pid"
fi

if [[ " $targets " == *" portal "* ]]; then
echo; echo "## portal-server"
"$build/bench/portal_load_seed" --data "$work/data" --rooms "$rooms" \
  --users-per-room "$room_size" --tokens "$work/tokens.tsv"
mkdir -p "$work/public"
echo '<!doctype html><title>load</title>' >"$work/public/index.html"
"$build/server/portal-server" --data "$work/data" --public "$work/public" --port 9402 \
  >"$work/portal.log" 2>&1 &
pids+=($!); portal_pid=$!
for _ in $(seq 100); do grep -q listening "$work/portal.log" && break; sleep 0.1; done
"$bench" --target portal --port 9402 --server-pid "$portal_pid" --users "$work/tokens.tsv" \
  --lists "${LISTS:-yes}" "${common[@]}" | tee "$work/portal.out"
fi

echo; echo "## Ratios (portal / ws at the same offered rate)"
awk -F'|' '
  FNR == 1 { file++ }
  $2 ~ /^ (ws|portal) $/ {
    t = $2; gsub(/ /, "", t); rate = $3 + 0
    p99[t, rate] = $6 + 0; cpu[t, rate] = $8 + 0; seen[rate] = 1
    if ($6 + 0 < 50 && rate > best[t]) best[t] = rate
  }
  END {
    print "| offered msg/s | CPU µs/delivery portal/ws | p99 portal/ws |"
    print "|---|---|---|"
    for (r in seen) if (cpu["ws", r] > 0 && cpu["portal", r] > 0)
      printf "| %d | %.2f | %.2f |\n", r, cpu["portal", r] / cpu["ws", r], p99["portal", r] / p99["ws", r]
    printf "\nhighest offered rate with p99 < 50 ms: portal %d msg/s, ws %d msg/s", best["portal"], best["ws"]
    if (best["ws"] > 0) printf " (ratio %.2f)", best["portal"] / best["ws"]
    print ""
  }' "$work/ws.out" "$work/portal.out"

#!/usr/bin/env bash
# Command 1: set up, build, and start the portal with demo data on the embedded SQLite default.
#   scripts/run.sh [--port 8080] [--host 127.0.0.1] [--data ./data]
# Ctrl-C stops it cleanly.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
port=8080 host=127.0.0.1 data="$top/data"
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --host) host=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done

"$top/scripts/setup.sh"
"$top/scripts/build.sh"

cat <<INFO

  Partner Portal — open http://$host:$port/ in your browser.
  Demo log-ins (password for all: portal-demo-2026):
    dana.fischer@acme.example      partner admin, Acme Integrations
    leo.martin@acme.example        partner user, Acme Integrations
    maya.chen@blueharbor.example   partner admin, Blue Harbor Consulting
    priya.shah@northwind.example   partner manager, Northwind Cloud (vendor)
    alex.morgan@northwind.example  vendor admin, Northwind Cloud (vendor)
  Data: $data   (delete it to start again from the demo data)
  Mail: written as .eml files into $data/mail/ (portal-server --smtp HOST:PORT sends it instead)

INFO
exec "$top/build/native/server/portal-server" --host "$host" --port "$port" --data "$data" \
  --public "$top/build/wasm/public" --demo

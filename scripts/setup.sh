#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian 12 machine; a no-op when it is
# already there. Runs as root with no standard input, and says what it does.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cache="$top/.cache"
mkdir -p "$cache"
export DEBIAN_FRONTEND=noninteractive

say() { echo "[setup] $*"; }
sudo_if() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates xz-utils
  emscripten binaryen
  libboost1.81-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libssl-dev libsodium-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  fonts-inter fonts-font-awesome
  chromium chromium-driver nodejs npm
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs/npm may come from elsewhere (a newer node already on PATH): don't fight it.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=(); for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

apt_updated=0
apt_update() { if [ $apt_updated = 0 ]; then say "apt-get update"; sudo_if apt-get update -qq; apt_updated=1; fi; }

if [ ${#missing[@]} -gt 0 ]; then
  apt_update
  say "installing Debian packages: ${missing[*]}"
  sudo_if apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  say "Debian packages: all present"
fi
# Optional: liburing lets the server hand a batch of socket writes to the kernel in one system
# call (io_uring). Without it (or where it cannot be installed) every write is its own sendmsg.
if ! dpkg-query -W -f='${Status}' liburing-dev 2>/dev/null | grep -q "install ok installed"; then
  { apt_update && sudo_if apt-get install -y -qq --no-install-recommends liburing-dev; } \
    || say "liburing-dev could not be installed: the server writes each socket on its own"
fi

# Dear ImGui's .cpp files come from Debian's source package (libimgui-dev has headers only).
imgui_dir="$cache/imgui"
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  src_list=/etc/apt/sources.list.d/portal-deb-src.sources
  if [ ! -f "$src_list" ]; then
    say "enabling Debian source packages (derived from the machine's bookworm apt source)"
    # Take the stanza whose Suites name bookworm from the existing deb822 sources and turn
    # it into a deb-src stanza; fall back to one-line sources.list entries.
    stanza=""
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -f "$f" ] || continue
      stanza=$(awk 'BEGIN{RS="";FS="\n"} /Suites:[^\n]*bookworm( |$|\n)/ && /Types:[^\n]*deb/ {print; exit}' "$f")
      [ -n "$stanza" ] && break
    done
    if [ -n "$stanza" ]; then
      echo "$stanza" | sed -E 's/^Types:.*/Types: deb-src/' | sudo_if tee "$src_list" >/dev/null
    elif [ -f /etc/apt/sources.list ]; then
      grep -E '^deb .* bookworm ' /etc/apt/sources.list | head -1 | sed 's/^deb /deb-src /' \
        | sudo_if tee /etc/apt/sources.list.d/portal-deb-src.list >/dev/null
    else
      echo "[setup] no Debian bookworm apt source found to derive deb-src from" >&2; exit 1
    fi
    apt_updated=0
  fi
  apt_update
  say "fetching Dear ImGui sources (Debian source package imgui)"
  rm -rf "$cache/imgui-src" && mkdir -p "$cache/imgui-src"
  (cd "$cache/imgui-src" && apt-get source --download-only imgui >/dev/null)
  orig=$(ls "$cache"/imgui-src/imgui_*.orig.tar.* | head -1)
  rm -rf "$imgui_dir.tmp" && mkdir -p "$imgui_dir.tmp"
  tar xf "$orig" -C "$imgui_dir.tmp" --strip-components=1
  rm -rf "$imgui_dir" && mv "$imgui_dir.tmp" "$imgui_dir"
  say "ImGui sources in $imgui_dir"
else
  say "ImGui sources: present"
fi

# Browser-test driver from npm (never a browser download: Debian's chromium is used).
if [ ! -d "$top/tests/e2e/node_modules/playwright-core" ]; then
  say "installing npm packages for the browser tests"
  (cd "$top/tests/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
else
  say "npm packages: present"
fi
say "done"

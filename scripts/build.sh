#!/usr/bin/env bash
# Builds everything: the native tree (server, portal_core, tests, benchmarks) in build/native and
# the WASM client in build/wasm. Incremental; safe to run repeatedly.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=${PORTAL_JOBS:-$(nproc)}
export NODE_PATH=/usr/share/nodejs   # emcc needs Debian's acorn (see toolchains/emscripten.cmake)

# ccache, when a developer has it, makes rebuilds in several worktrees cheap; CI does without.
launcher=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(dirname "$top")}
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi

echo "[build] native (server, portal_core, tests) -> build/native"
cmake -S "$top" -B "$top/build/native" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" \
  -DPORTAL_WASM_PUBLIC="$top/build/wasm/public" >/dev/null
cmake --build "$top/build/native" -j "$jobs"

echo "[build] WASM client -> build/wasm/public"
cmake -S "$top" -B "$top/build/wasm" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_TOOLCHAIN_FILE="$top/toolchains/emscripten.cmake" >/dev/null
cmake --build "$top/build/wasm" -j "$jobs"

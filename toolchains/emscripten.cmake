# Emscripten toolchain glue: Debian's emscripten package ships the CMake platform file; we add
# what this project's WASM build needs on top (see ../shared/TOOLCHAIN.md for why).
set(PORTAL_EMSCRIPTEN_PLATFORM "/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake")
if(NOT EXISTS "${PORTAL_EMSCRIPTEN_PLATFORM}")
  message(FATAL_ERROR "Debian's emscripten package is missing: run scripts/setup.sh")
endif()
# emcc needs Debian's node modules (acorn) on NODE_PATH; scripts/build.sh exports it too.
set(ENV{NODE_PATH} "/usr/share/nodejs")
include("${PORTAL_EMSCRIPTEN_PLATFORM}")

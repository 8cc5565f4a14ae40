#include "fonts.h"

#include <cstdio>
#include <string>
#include <vector>

#include "icons.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"

namespace portal::client {
namespace {

Fonts g_fonts;

// The embedded files are read once; the atlas borrows their bytes on every rebuild.
struct FontFile {
  const char* path;
  std::vector<char> bytes;
};
FontFile g_regular{"/fonts/Inter-Regular.otf", {}};
FontFile g_semibold{"/fonts/Inter-SemiBold.otf", {}};
FontFile g_bold{"/fonts/Inter-Bold.otf", {}};
FontFile g_icons{"/fonts/fontawesome.ttf", {}};

bool read_file(FontFile& f) {
  if (!f.bytes.empty()) return true;
  FILE* fp = std::fopen(f.path, "rb");
  if (!fp) return false;
  std::fseek(fp, 0, SEEK_END);
  long n = std::ftell(fp);
  std::fseek(fp, 0, SEEK_SET);
  f.bytes.resize(n > 0 ? size_t(n) : 0);
  size_t got = f.bytes.empty() ? 0 : std::fread(f.bytes.data(), 1, f.bytes.size(), fp);
  std::fclose(fp);
  f.bytes.resize(got);
  return got > 0;
}

// Latin-1 plus the punctuation the UI prints (dashes, ellipsis, bullets, euro sign, arrows).
const ImWchar kTextRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x2027, 0x2030, 0x203A,
                               0x20AC, 0x20AC, 0x2190, 0x2193, 0x2212, 0x2212, 0};

ImFont* add(FontFile& f, float size_css, float dpr, bool with_icons) {
  ImGuiIO& io = ImGui::GetIO();
  if (!read_file(f)) {
    std::fprintf(stderr, "font missing: %s\n", f.path);
    return io.Fonts->AddFontDefault();
  }
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = false;
  ImFont* font = io.Fonts->AddFontFromMemoryTTF(f.bytes.data(), int(f.bytes.size()), size_css * dpr,
                                                &cfg, kTextRanges);
  if (with_icons && read_file(g_icons)) {
    ImFontConfig icfg;
    icfg.FontDataOwnedByAtlas = false;
    icfg.MergeMode = true;
    icfg.OversampleH = 2;
    icfg.OversampleV = 1;
    icfg.GlyphMinAdvanceX = size_css * dpr * 1.15f;  // icons line up in a column
    icfg.GlyphOffset = ImVec2(0, 0.5f * dpr);
    io.Fonts->AddFontFromMemoryTTF(g_icons.bytes.data(), int(g_icons.bytes.size()),
                                   size_css * 0.93f * dpr, &icfg,
                                   reinterpret_cast<const ImWchar*>(icon::kGlyphRanges));
  }
  return font;
}

}  // namespace

const Fonts& fonts() {
  return g_fonts;
}

void load_fonts(float dpr, bool upload) {
  ImGuiIO& io = ImGui::GetIO();
  if (upload) ImGui_ImplOpenGL3_DestroyFontsTexture();
  io.Fonts->Clear();
  g_fonts.body = add(g_regular, 15.0f, dpr, true);
  g_fonts.body_strong = add(g_semibold, 15.0f, dpr, true);
  g_fonts.small = add(g_regular, 13.0f, dpr, true);
  g_fonts.small_strong = add(g_semibold, 13.0f, dpr, true);
  g_fonts.heading = add(g_semibold, 17.0f, dpr, true);
  g_fonts.title = add(g_bold, 26.0f, dpr, false);
  g_fonts.figure = add(g_semibold, 26.0f, dpr, false);
  {
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;
    read_file(g_icons);
    g_fonts.icon_large =
        io.Fonts->AddFontFromMemoryTTF(g_icons.bytes.data(), int(g_icons.bytes.size()), 26.0f * dpr,
                                       &cfg, reinterpret_cast<const ImWchar*>(icon::kGlyphRanges));
  }
  io.Fonts->Build();
  io.FontDefault = g_fonts.body;
  io.FontGlobalScale = 1.0f / dpr;
  if (upload) ImGui_ImplOpenGL3_CreateFontsTexture();
}

}  // namespace portal::client

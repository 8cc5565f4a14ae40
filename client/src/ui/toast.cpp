// The toast: a short confirmation at the bottom right, over everything, for a few seconds.
#include <cmath>

#include "app.h"
#include "fonts.h"
#include "icons.h"
#include "imgui.h"
#include "theme.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {

void toast_overlay(App& app) {
  const Toast& t = app.toast();
  if (t.text.empty()) return;
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImFont* f = fonts().body_strong;
  ImVec2 ts = text_size(f, t.text);
  const float icon_w = 28;
  ImVec2 size(std::floor(ts.x + icon_w + 40), 48);
  ImVec2 min(std::floor(display.x - size.x - 24), std::floor(display.y - size.y - 24));
  ImVec2 max(min.x + size.x, min.y + size.y);
  dl->AddRectFilled(ImVec2(min.x, min.y + 2), ImVec2(max.x, max.y + 4), theme::rgb(0x101828, 30),
                    12);
  dl->AddRectFilled(min, max, theme::kNavBg, 10);
  ImVec2 c(min.x + 26, min.y + size.y * 0.5f);
  dl->AddCircleFilled(c, 10, t.is_error ? theme::kDanger : theme::kSuccess, 24);
  ImFont* fi = fonts().small;
  const char* glyph = t.is_error ? "!" : icon::kCheck;
  ImVec2 is = text_size(fi, glyph);
  dl->AddText(fi, font_px(fi), ImVec2(std::floor(c.x - is.x * 0.5f), std::floor(c.y - is.y * 0.5f)),
              theme::rgb(0xFFFFFF), glyph);
  dl->AddText(f, font_px(f),
              ImVec2(min.x + 20 + icon_w, std::floor(min.y + (size.y - ts.y) * 0.5f)),
              theme::rgb(0xFFFFFF), t.text.c_str());
}

}  // namespace portal::client::ui

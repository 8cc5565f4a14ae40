// Rooms whose views are not built yet get a designed empty state, never a blank page.
#include <string>

#include <cmath>

#include "app.h"
#include "fonts.h"
#include "imgui.h"
#include "theme.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {

void coming_soon_room(App& app, std::string_view room) {
  (void)app;
  const float width = ImGui::GetContentRegionAvail().x;
  text(fonts().title, theme::kText, room_title(room));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  text(fonts().body, theme::kTextMuted, "Part of your partnership workspace");
  ImGui::Dummy(ImVec2(0, 12));
  coming_soon_card(room, width);
}

void coming_soon_card(std::string_view room, float width) {
  const std::string title(room_title(room));
  card_begin(width, 360);
  const float inner = card_inner_width();
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float cx = std::floor(p.x + inner * 0.5f);
  const float cy = p.y + 110;
  dl->AddCircleFilled(ImVec2(cx, cy), 52, theme::rgb(0xEEF2FF, 140), 64);
  dl->AddCircleFilled(ImVec2(cx, cy), 38, theme::kAccentSoft, 64);
  const char* glyph = room_icon(room);
  ImVec2 gs = text_size(fonts().icon_large, glyph);
  text_at(fonts().icon_large, ImVec2(cx - gs.x * 0.5f, cy - gs.y * 0.5f), theme::kAccent, glyph);

  const std::string headline = title + " is coming soon";
  ImVec2 hs = text_size(fonts().heading, headline);
  text_at(fonts().heading, ImVec2(cx - hs.x * 0.5f, cy + 72), theme::kText, headline);
  const char* body = "This room is switched on for your partnership and opens here shortly.";
  ImVec2 bs = text_size(fonts().body, body);
  text_at(fonts().body, ImVec2(cx - bs.x * 0.5f, cy + 100), theme::kTextMuted, body);
  const char* body2 = "Everything in it will update live, like the Overview.";
  ImVec2 b2 = text_size(fonts().body, body2);
  text_at(fonts().body, ImVec2(cx - b2.x * 0.5f, cy + 122), theme::kTextMuted, body2);
  ImGui::Dummy(ImVec2(inner, 300));
  card_end();
}

}  // namespace portal::client::ui

// What a deep link to an item the user cannot see shows: another organisation's deal, a lead
// that does not exist. The server never sends such items, so the replica simply lacks them; the
// message is the same for "does not exist" and "not yours" so it reveals nothing.
#include <string>

#include "app.h"
#include "fonts.h"
#include "icons.h"
#include "imgui.h"
#include "test_hook.h"
#include "theme.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {

void missing_item(App& app, std::string_view noun, float width) {
  const bool deal = noun == "deal";
  const char* title = deal ? "This deal does not exist or you do not have access to it"
                           : "This lead does not exist or you do not have access to it";
  card_begin(width);
  const float inner = card_inner_width();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float cx = p.x + inner * 0.5f;
  icon_badge(ImVec2(cx, p.y + 44), 26, icon::kLock, theme::kNeutralSoft, theme::kTextMuted);
  const ImVec2 ts = text_size(fonts().heading, title);
  text_at(fonts().heading, ImVec2(cx - ts.x * 0.5f, p.y + 86), theme::kText, title);
  hook::record_rect("missing-item", ImVec2(cx - ts.x * 0.5f, p.y + 86),
                    ImVec2(cx + ts.x * 0.5f, p.y + 86 + ts.y));
  const char* sub = "Check the link you followed, or ask the person who sent it to share the "
                    "item with your organisation.";
  const ImVec2 ss = text_size(fonts().body, sub);
  text_at(fonts().body, ImVec2(cx - ss.x * 0.5f, p.y + 120), theme::kTextMuted, sub);
  const char* back = deal ? "Back to all deals" : "Back to all leads";
  const float bw = 180;
  ImGui::SetCursorScreenPos(ImVec2(cx - bw * 0.5f, p.y + 156));
  if (button(back, ButtonKind::Secondary, ImVec2(bw, 40))) {
    if (deal)
      app.pipeline_ui().selected_deal.clear();
    else
      app.pipeline_ui().selected_lead.clear();
  }
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + 156 + 40));
  ImGui::Dummy(ImVec2(inner, 16));
  card_end();
}

}  // namespace portal::client::ui

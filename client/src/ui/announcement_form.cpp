// The vendor's "Post announcement" modal: title, text and the audience (every partner or one
// partner organisation), checked with portal::validate_announcement_draft before it is sent.
// Success closes it (App::on_overview_ack) and the announcement arrives through the room.
#include <algorithm>
#include <cmath>
#include <deque>
#include <string>

#include "app.h"
#include "fonts.h"
#include "icons.h"
#include "imgui.h"
#include "theme.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {
namespace {

constexpr const char* kPopupId = "Post announcement";

std::string_view error_for(const OverviewUi& f, std::string_view field) {
  for (const auto& e : f.errors)
    if (e.field == field) return e.message;
  return {};
}

// Chip labels for the partners, kept for the page's life: the test hook and ImGui ids need
// them to outlive the frame. One per partner, so the store stays small.
const char* audience_label(const std::string& name) {
  static std::deque<std::string> labels;
  const std::string want = "Audience: " + name;
  for (const std::string& l : labels)
    if (l == want) return l.c_str();
  labels.push_back(want);
  return labels.back().c_str();
}

}  // namespace

void announcement_form(App& app) {
  OverviewUi& f = app.overview_ui();
  if (f.request_open) {
    ImGui::OpenPopup(kPopupId);
    f.request_open = false;
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float width = std::min(600.0f, display.x - 32);
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(28, 24));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 14.0f);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration |
                                      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings;
  const bool visible = ImGui::BeginPopupModal(kPopupId, nullptr, kFlags);
  ImGui::PopStyleVar(3);
  f.open = visible;
  if (!visible) return;

  const bool busy = !f.pending_id.empty();
  const float inner = width - 56;
  text(fonts().heading, theme::kText, "Post an announcement");
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  text(fonts().small, theme::kTextMuted,
       "It appears at once on the Overview of every partner in the audience.");
  {
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x - 28, p.y + 6),
                                        ImVec2(p.x + inner + 28, p.y + 6), theme::kDivider);
    ImGui::Dummy(ImVec2(inner, 12));
  }
  if (!f.error.empty()) {
    banner(f.error, theme::kDangerSoft, theme::kDangerBorder, theme::kDanger, inner);
    ImGui::Dummy(ImVec2(0, 2));
  }

  const ImGuiInputTextFlags lock = busy ? ImGuiInputTextFlags_ReadOnly : 0;
  bool submit = text_field("Title", "##ann_title", f.title, sizeof(f.title), inner,
                           error_for(f, "title"), lock, "New sales deck for the 4.2 release",
                           f.focus_first);
  f.focus_first = false;
  ImGui::Dummy(ImVec2(0, 2));
  multiline_field("Text", "##ann_body", f.body, sizeof(f.body), inner, 110, error_for(f, "body"),
                  "What partners should know, and what to do about it\xe2\x80\xa6");

  // Audience: every partner, or one of the partners on the vendor's leaderboard.
  // FIXME: that is the top kStaffBoardTop partners; a large program needs a partner search here.
  ImGui::Dummy(ImVec2(0, 2));
  text(fonts().small_strong, theme::kTextSecondary, "Audience");
  ImGui::Dummy(ImVec2(0, 0));
  const float right = ImGui::GetCursorScreenPos().x + inner;
  if (chip("Audience: All partners", "All partners", f.audience == "all") && !busy)
    f.audience = "all";
  if (const OverviewState* o = app.replica().overview()) {
    std::vector<const OverviewBoardRow*> rows;
    for (const OverviewBoardRow& r : o->revenue_board.rows) rows.push_back(&r);
    std::sort(rows.begin(), rows.end(),
              [](const OverviewBoardRow* a, const OverviewBoardRow* b) { return a->name < b->name; });
    for (const OverviewBoardRow* r : rows) {
      const float w = text_size(fonts().small_strong, r->name).x + 24;
      if (ImGui::GetItemRectMax().x + 8 + w < right)
        ImGui::SameLine(0, 8);
      ImGui::PushID(r->org_id.c_str());
      if (chip(audience_label(r->name), r->name, f.audience == r->org_id) && !busy)
        f.audience = r->org_id;
      ImGui::PopID();
    }
  }
  const std::string_view audience_error = error_for(f, "audience");
  if (!audience_error.empty()) text(fonts().small, theme::kDanger, audience_error);

  ImGui::Dummy(ImVec2(0, 12));
  const float submit_w = 128, cancel_w = 100;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + inner - submit_w - cancel_w - 12);
  if (button("Cancel", ButtonKind::Secondary, ImVec2(cancel_w, 40), nullptr, false, !busy))
    ImGui::CloseCurrentPopup();
  ImGui::SameLine(0, 12);
  if (button("Post", ButtonKind::Primary, ImVec2(submit_w, 40), icon::kBullhorn, busy))
    submit = true;

  if (submit && !busy) app.post_announcement();
  if (!busy && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
    ImGui::CloseCurrentPopup();
  if (f.request_close) {
    f.request_close = false;
    f.open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace portal::client::ui

// The vendor's "Post announcement" modal: title, text and the audience (every partner, or one
// partner organisation found by typing its name: partners.search over the whole program),
// checked with portal::validate_announcement_draft before it is sent. Success closes it
// (App::on_overview_ack) and the announcement arrives through the room.
#include <algorithm>
#include <cstring>
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

constexpr ModalLook kLook{"Post announcement", "Post an announcement",
                          "It appears at once on the Overview of every partner in the audience.",
                          600.0f, false};

// Chip labels for the partners, kept for the page's life: the test hook and ImGui ids need
// them to outlive the frame. One per partner shown, so the store stays small.
const char* audience_label(const std::string& name) {
  static std::deque<std::string> labels;
  const std::string want = "Audience: " + name;
  for (const std::string& l : labels)
    if (l == want) return l.c_str();
  labels.push_back(want);
  return labels.back().c_str();
}

// "All partners", the chosen partner, then the search field and its matches as chips.
void audience_picker(App& app, OverviewUi& f, float inner, bool busy) {
  text(fonts().small_strong, theme::kTextSecondary, "Audience");
  ImGui::Dummy(ImVec2(0, 0));
  const float right = ImGui::GetCursorScreenPos().x + inner;
  if (chip("Audience: All partners", "All partners", f.audience == "all") && !busy)
    f.audience = "all";
  auto chip_for = [&](const Id& id, const std::string& name) {
    const float w = text_size(fonts().small_strong, name).x + 24;
    if (ImGui::GetItemRectMax().x + 8 + w < right) ImGui::SameLine(0, 8);
    ImGui::PushID(id.c_str());
    if (chip(audience_label(name), name, f.audience == id) && !busy) {
      f.audience = id;
      f.audience_name = name;
    }
    ImGui::PopID();
  };
  const bool chosen_listed =
      std::any_of(f.audience_results.begin(), f.audience_results.end(),
                  [&](const RoomPartner& p) { return p.org_id == f.audience; });
  if (f.audience != "all" && !chosen_listed && !f.audience_name.empty())
    chip_for(f.audience, f.audience_name);
  for (const RoomPartner& p : f.audience_results) chip_for(p.org_id, p.name);
  if (f.searched && f.search_pending.empty() && f.audience_results.empty())
    text(fonts().small, theme::kTextMuted, "No partner matches \"" + *f.searched + "\".");

  ImGui::Dummy(ImVec2(0, 2));
  text_field("Find a partner", "##ann_partner", f.audience_query, sizeof(f.audience_query), inner,
             {}, busy ? ImGuiInputTextFlags_ReadOnly : 0, "Type a partner's name");
  // Ask again whenever the text differs from what the results answer (one question at a time).
  if (!f.searched || *f.searched != f.audience_query) app.search_partners();
}

}  // namespace

void announcement_form(App& app) {
  OverviewUi& f = app.overview_ui();
  const ModalFlags flags{f.open, f.request_open, f.request_close, f.focus_first};
  const bool busy = !f.pending_id.empty();
  float inner = 0;
  bool focus = false;
  if (!modal_begin(kLook, flags, busy, f.error, inner, focus)) return;

  const ImGuiInputTextFlags lock = busy ? ImGuiInputTextFlags_ReadOnly : 0;
  const bool enter = text_field("Title", "##ann_title", f.title, sizeof(f.title), inner,
                                first_error(f.errors, {"title"}), lock,
                                "New sales deck for the 4.2 release", focus);
  ImGui::Dummy(ImVec2(0, 2));
  multiline_field("Text", "##ann_body", f.body, sizeof(f.body), inner, 110,
                  first_error(f.errors, {"body"}),
                  "What partners should know, and what to do about it\xe2\x80\xa6");
  ImGui::Dummy(ImVec2(0, 2));
  audience_picker(app, f, inner, busy);
  const std::string_view audience_error = first_error(f.errors, {"audience"});
  if (!audience_error.empty()) text(fonts().small, theme::kDanger, audience_error);

  if (modal_end(flags, "Post", 128, busy, enter, icon::kBullhorn)) app.post_announcement();
}

}  // namespace portal::client::ui

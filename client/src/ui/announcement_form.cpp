// The vendor's "Post announcement" modal: title, text and the audience (every partner, or one
// partner organisation found by typing its name: partners.search over the whole program),
// checked with portal::validate_announcement_draft before it is sent. Success closes it
// (App::on_overview_ack) and the announcement arrives through the room.
#include <algorithm>
#include <cstring>
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

// "All partners", then the partner picker.
void audience_picker(App& app, OverviewUi& f, float inner, bool busy) {
  text(fonts().small_strong, theme::kTextSecondary, "Audience");
  ImGui::Dummy(ImVec2(0, 0));
  if (chip("Audience: All partners", "All partners", f.audience == "all") && !busy)
    f.audience = "all";
  std::string chosen = f.audience == "all" ? std::string() : f.audience;
  partner_picker(app, f.audience_search, chosen, f.audience_name, inner, busy,
                 "Audience: ", "##ann_partner", true);
  if (!chosen.empty()) f.audience = chosen;
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

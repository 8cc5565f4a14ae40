// The "Submit a lead" modal: six fields, inline validation with portal::validate_lead, server
// field errors mapped back, Enter submits, Esc closes. Success closes it (App::on_ack).
#include <algorithm>
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

constexpr const char* kPopupId = "Submit a lead";

std::string_view error_for(const LeadForm& f, std::initializer_list<std::string_view> fields) {
  for (const auto& e : f.errors)
    for (std::string_view name : fields)
      if (e.field == name) return e.message;
  return {};
}

}  // namespace

void lead_form(App& app) {
  LeadForm& f = app.lead_form();
  if (f.request_open) {
    ImGui::OpenPopup(kPopupId);
    f.request_open = false;
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float width = std::min(580.0f, display.x - 32);
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(28, 24));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 14.0f);  // a modal rounds like a window
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration |
                                      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings;
  const bool visible = ImGui::BeginPopupModal(kPopupId, nullptr, kFlags);
  ImGui::PopStyleVar(3);
  f.open = visible;
  if (!visible) return;

  const bool busy = !f.pending_id.empty();
  const float inner = width - 56;
  const float half = std::floor((inner - 16) * 0.5f);

  // Title row with a close cross.
  ImVec2 top = ImGui::GetCursorScreenPos();
  text(fonts().heading, theme::kText, "Submit a lead");
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  text(fonts().small, theme::kTextMuted,
       "We check it against existing leads and accounts, then confirm the registration.");
  {
    ImVec2 save = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(top.x + inner - 30, top.y - 4));
    if (ImGui::InvisibleButton("##close", ImVec2(30, 30)) && !busy) ImGui::CloseCurrentPopup();
    bool hovered = ImGui::IsItemHovered();
    ImVec2 min = ImGui::GetItemRectMin();
    if (hovered) {
      ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + 30, min.y + 30),
                                                theme::kNeutralSoft, 6);
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    ImVec2 ts = text_size(fonts().body, icon::kTimes);
    text_at(fonts().body, ImVec2(min.x + (30 - ts.x) * 0.5f, min.y + (30 - ts.y) * 0.5f),
            theme::kTextMuted, icon::kTimes);
    ImGui::SetCursorScreenPos(save);
  }
  // A hairline between the title and the fields, across the whole modal.
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
  bool submit = false;
  submit |= text_field("Company", "##company", f.company, sizeof(f.company), inner,
                       error_for(f, {"company"}), lock, "Northwind Traders", f.focus_first);
  f.focus_first = false;

  ImGui::Dummy(ImVec2(0, 2));
  ImGui::BeginGroup();
  submit |= text_field("Contact name", "##contact", f.contact, sizeof(f.contact), half,
                       error_for(f, {"contact", "contact_name"}), lock, "Jane Cooper");
  ImGui::EndGroup();
  ImGui::SameLine(0, 16);
  ImGui::BeginGroup();
  submit |= text_field("Contact e-mail", "##email", f.email, sizeof(f.email), half,
                       error_for(f, {"email", "contact_email"}), lock, "jane@northwind.example");
  ImGui::EndGroup();

  ImGui::Dummy(ImVec2(0, 2));
  ImGui::BeginGroup();
  submit |= text_field("Phone", "##phone", f.phone, sizeof(f.phone), half, error_for(f, {"phone"}),
                       lock, "+49 30 1234567");
  ImGui::EndGroup();
  ImGui::SameLine(0, 16);
  ImGui::BeginGroup();
  std::string value_hint = "e.g. 25,000";
  if (const OverviewState* o = app.replica().overview()) value_hint += " (" + o->currency + ")";
  submit |= text_field("Estimated value", "##value", f.value, sizeof(f.value), half,
                       error_for(f, {"value_minor", "value", "currency"}),
                       lock | ImGuiInputTextFlags_CharsNoBlank, value_hint.c_str());
  ImGui::EndGroup();

  ImGui::Dummy(ImVec2(0, 2));
  multiline_field("Notes", "##notes", f.notes, sizeof(f.notes), inner, 88, error_for(f, {"notes"}),
                  "What the customer needs, timing, who decides\xe2\x80\xa6");

  ImGui::Dummy(ImVec2(0, 12));
  // Footer: Cancel and Submit, right-aligned.
  const float submit_w = 120, cancel_w = 100;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + inner - submit_w - cancel_w - 12);
  if (button("Cancel", ButtonKind::Secondary, ImVec2(cancel_w, 40), nullptr, false, !busy))
    ImGui::CloseCurrentPopup();
  ImGui::SameLine(0, 12);
  if (button("Submit", ButtonKind::Primary, ImVec2(submit_w, 40), nullptr, busy)) submit = true;

  if (submit && !busy) app.submit_lead();
  if (!busy && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
    ImGui::CloseCurrentPopup();
  if (f.request_close) {
    // The ack arrived: the form was reset and asks to go.
    f.request_close = false;
    f.open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace portal::client::ui

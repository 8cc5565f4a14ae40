// The "Add account" modal: the account's name, website and lifetime revenue and, optionally,
// its first commitment plan; vendor staff also choose the partner. Checked with portal_core's
// validation as the server will (App::submit_account), server field errors mapped back, Enter
// submits, Esc closes. Success closes it (App::on_account_answer).
#include <algorithm>
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
namespace {

constexpr const char* kPopupId = "Add a customer account";

std::string_view error_for(const AccountForm& f, std::initializer_list<std::string_view> fields) {
  for (const auto& e : f.errors)
    for (std::string_view name : fields)
      if (e.field == name) return e.message;
  return {};
}

void close_cross(float inner, ImVec2 top, bool busy) {
  const ImVec2 save = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(top.x + inner - 30, top.y - 4));
  if (ImGui::InvisibleButton("##close", ImVec2(30, 30)) && !busy) ImGui::CloseCurrentPopup();
  const ImVec2 min = ImGui::GetItemRectMin();
  if (ImGui::IsItemHovered()) {
    ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + 30, min.y + 30),
                                              theme::kNeutralSoft, 6);
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  }
  const ImVec2 ts = text_size(fonts().body, icon::kTimes);
  text_at(fonts().body, ImVec2(min.x + (30 - ts.x) * 0.5f, min.y + (30 - ts.y) * 0.5f),
          theme::kTextMuted, icon::kTimes);
  ImGui::SetCursorScreenPos(save);
}

// A labelled partner picker for vendor staff (the account's owner).
void partner_field(AccountForm& f, const std::vector<RoomPartner>& partners, float width) {
  ImGui::BeginGroup();
  text(fonts().small_strong, theme::kTextSecondary, "Partner");
  const RoomPartner* chosen = find_partner(partners, f.org_id);
  const std::string_view error = error_for(f, {"org_id"});
  ImGui::SetNextItemWidth(width);
  ImGui::PushStyleColor(ImGuiCol_Border, error.empty() ? theme::kInputBorder : theme::kDanger);
  if (ImGui::BeginCombo("##account-partner", chosen ? chosen->name.c_str() : "Choose a partner")) {
    for (const RoomPartner& p : partners)
      if (ImGui::Selectable(p.name.c_str(), chosen == &p)) f.org_id = p.org_id;
    ImGui::EndCombo();
  }
  ImGui::PopStyleColor();
  hook::record("Account partner");
  if (!error.empty()) text(fonts().small, theme::kDanger, error);
  ImGui::EndGroup();
}

// A small square checkbox with a label; returns true when toggled.
bool checkbox(const char* label, bool* value) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float tw = text_size(fonts().body, label).x;
  const bool pressed = ImGui::InvisibleButton(label, ImVec2(28 + tw, 24));
  hook::record(label);
  if (pressed) *value = !*value;
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 b0(p.x, p.y + 3), b1(p.x + 18, p.y + 21);
  if (*value) {
    dl->AddRectFilled(b0, b1, theme::kAccent, 5);
    const ImVec2 ts = text_size(fonts().small, icon::kCheck);
    text_at(fonts().small, ImVec2(b0.x + (18 - ts.x) * 0.5f, b0.y + (18 - ts.y) * 0.5f),
            theme::rgb(0xFFFFFF), icon::kCheck);
  } else {
    dl->AddRectFilled(b0, b1, theme::kCardBg, 5);
    dl->AddRect(b0, b1, hovered ? theme::kAccent : theme::kInputBorder, 5, 0, 1.5f);
  }
  text_at(fonts().body, ImVec2(p.x + 28, p.y + (24 - font_px(fonts().body)) * 0.5f - 1),
          theme::kTextSecondary, label);
  return pressed;
}

}  // namespace

void account_form(App& app) {
  AccountForm& f = app.account_form();
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
  const float half = std::floor((inner - 16) * 0.5f);

  const ImVec2 top = ImGui::GetCursorScreenPos();
  text(fonts().heading, theme::kText, "Add a customer account");
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  text(fonts().small, theme::kTextMuted,
       "It starts with onboarding and marketplace tasks; plans drive the success metrics.");
  close_cross(inner, top, busy);
  {
    const ImVec2 p = ImGui::GetCursorScreenPos();
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
  if (app.is_vendor()) {
    if (const AccountsState* s = app.replica().accounts()) partner_field(f, s->partners, inner);
    ImGui::Dummy(ImVec2(0, 2));
  }
  submit |= text_field("Account name", "##account-name", f.name, sizeof(f.name), inner,
                       error_for(f, {"name"}), lock, "Northwind Traders", f.focus_first);
  f.focus_first = false;
  ImGui::Dummy(ImVec2(0, 2));
  ImGui::BeginGroup();
  submit |= text_field("Website", "##account-website", f.website, sizeof(f.website), half,
                       error_for(f, {"website"}), lock | ImGuiInputTextFlags_CharsNoBlank,
                       "northwind.example");
  ImGui::EndGroup();
  ImGui::SameLine(0, 16);
  ImGui::BeginGroup();
  std::string currency_hint = "e.g. 120,000";
  if (app.session()) currency_hint += " (" + app.session()->org.currency + ")";
  submit |= text_field("Lifetime revenue", "##account-lifetime", f.lifetime, sizeof(f.lifetime),
                       half, error_for(f, {"lifetime_revenue", "lifetime_revenue_minor", "currency"}),
                       lock | ImGuiInputTextFlags_CharsNoBlank, currency_hint.c_str());
  ImGui::EndGroup();

  ImGui::Dummy(ImVec2(0, 8));
  text(fonts().body_strong, theme::kText, "First commitment plan");
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  text(fonts().small, theme::kTextMuted, "Optional. A plan the customer can still execute adds to the savings opportunity.");
  ImGui::Dummy(ImVec2(0, 2));
  ImGui::BeginGroup();
  submit |= text_field("Plan name", "##plan-name", f.plan_name, sizeof(f.plan_name), half,
                       error_for(f, {"plan_name"}), lock, "Data platform, 3 years");
  ImGui::EndGroup();
  ImGui::SameLine(0, 16);
  ImGui::BeginGroup();
  submit |= text_field("Plan value", "##plan-value", f.plan_value, sizeof(f.plan_value), half,
                       error_for(f, {"plan_value"}), lock | ImGuiInputTextFlags_CharsNoBlank,
                       "e.g. 48,000");
  ImGui::EndGroup();
  ImGui::Dummy(ImVec2(0, 2));
  checkbox("Eligible for a channel partner private offer", &f.plan_cppo_eligible);

  ImGui::Dummy(ImVec2(0, 14));
  const float submit_w = 150, cancel_w = 100;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + inner - submit_w - cancel_w - 12);
  if (button("Cancel", ButtonKind::Secondary, ImVec2(cancel_w, 40), nullptr, false, !busy))
    ImGui::CloseCurrentPopup();
  ImGui::SameLine(0, 12);
  if (button("Save account", ButtonKind::Primary, ImVec2(submit_w, 40), nullptr, busy))
    submit = true;

  if (submit && !busy) app.submit_account();
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

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

constexpr ModalLook kLook{
    "Add a customer account", "Add a customer account",
    "It starts with onboarding and marketplace tasks; plans drive the success metrics."};

std::string_view error_for(const AccountForm& f, std::initializer_list<std::string_view> fields) {
  return first_error(f.errors, fields);
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
  const ModalFlags flags{f.open, f.request_open, f.request_close, f.focus_first};
  const bool busy = !f.pending_id.empty();
  float inner = 0;
  bool focus = false;
  if (!modal_begin(kLook, flags, busy, f.error, inner, focus)) return;
  const float half = std::floor((inner - 16) * 0.5f);

  const ImGuiInputTextFlags lock = busy ? ImGuiInputTextFlags_ReadOnly : 0;
  bool submit = false;
  if (app.is_vendor()) {
    if (const AccountsState* s = app.replica().accounts()) partner_field(f, s->partners, inner);
    ImGui::Dummy(ImVec2(0, 2));
  }
  submit |= text_field("Account name", "##account-name", f.name, sizeof(f.name), inner,
                       error_for(f, {"name"}), lock, "Northwind Traders", focus);
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

  if (modal_end(flags, "Save account", 150, busy, submit, nullptr, 14)) app.submit_account();
}

}  // namespace portal::client::ui

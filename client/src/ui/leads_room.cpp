// The Leads room: every lead of the partner (or, for vendor staff, of every partner) with its
// stage, value and expected commission; filters by stage and partner; for vendor staff the
// actions that move a selected lead along (Qualify, Reject, Next stage, Convert to deal).
// Index:
// [SECTION] Header and filters
// [SECTION] Actions
// [SECTION] Table
// [SECTION] Room
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app.h"
#include "fonts.h"
#include "icons.h"
#include "imgui.h"
#include "portal/protocol/pipeline_commands.h"
#include "portal/rooms/leads.h"
#include "portal/rules/stages.h"
#include "test_hook.h"
#include "theme.h"
#include "ui/format.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {
namespace {

constexpr LeadStage kStages[] = {LeadStage::Submitted, LeadStage::Qualified, LeadStage::Demo,
                                 LeadStage::Proposal,  LeadStage::Won,       LeadStage::Lost,
                                 LeadStage::Rejected};

bool passes(const PipelineUi& ui, const LeadRow& r) {
  if (ui.lead_stage_filter >= 0 && int(r.lead.stage) != ui.lead_stage_filter) return false;
  return ui.partner_filter.empty() || r.lead.org_id == ui.partner_filter;
}

// [SECTION] Header and filters

void header(App& app, float width) {
  const ImVec2 top = ImGui::GetCursorScreenPos();
  text(fonts().title, theme::kText, "Leads");
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  text(fonts().body, theme::kTextMuted,
       app.is_vendor() ? "Every partner's registrations, live" : "Your registrations and where they stand");
  if (!app.is_vendor()) {
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(top.x + width - 150, top.y + 6));
    if (button("Submit lead", ButtonKind::Primary, ImVec2(150, 40), icon::kPlus))
      app.open_lead_form();
    ImGui::SetCursorScreenPos(after);
  }
  ImGui::Dummy(ImVec2(0, 8));
}

void filters(App& app, const LeadsState& s) {
  PipelineUi& ui = app.pipeline_ui();
  int counts[std::size(kStages)] = {};
  int all = 0;
  for (const LeadRow& r : s.leads) {
    if (!ui.partner_filter.empty() && r.lead.org_id != ui.partner_filter) continue;
    ++counts[int(r.lead.stage)];
    ++all;
  }
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 8));
  if (chip("All stages", "All", ui.lead_stage_filter < 0, all)) ui.lead_stage_filter = -1;
  for (LeadStage st : kStages) {
    ImGui::SameLine();
    const std::string_view label = lead_stage_label(st);
    if (chip(label.data(), label, ui.lead_stage_filter == int(st), counts[int(st)]))
      ui.lead_stage_filter = ui.lead_stage_filter == int(st) ? -1 : int(st);
  }
  if (app.is_vendor() && s.partners.size() > 1) {
    ImGui::SameLine(0, 16);
    partner_filter(ui.partner_filter, s.partners);
  }
  ImGui::PopStyleVar();
  ImGui::Dummy(ImVec2(0, 4));
}

// [SECTION] Actions

// The bar over the table for vendor staff: what the selected lead may do next.
void action_bar(App& app, const LeadRow& r, float width) {
  card_begin(width);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const LeadStage st = r.lead.stage;
  text_at(fonts().body_strong, ImVec2(p.x, p.y + 2), theme::kText, r.lead.draft.company);
  const std::string sub = r.partner + " \xc2\xb7 " + std::string(lead_stage_label(st)) +
                          (r.deal_id.empty() ? "" : " \xc2\xb7 converted to a deal");
  text_at(fonts().small, ImVec2(p.x, p.y + 22), theme::kTextMuted, sub);
  const Json target = {{"lead_id", r.lead.id}};
  const auto next = next_lead_stage(st);
  struct Act {
    const char* label;
    ButtonKind kind;
    bool enabled;
  };
  const Act acts[] = {
      {"Qualify", ButtonKind::Primary, !check_lead_transition(st, LeadStage::Qualified)},
      {"Next stage", ButtonKind::Secondary,
       st != LeadStage::Submitted && next && !check_lead_transition(st, *next)},
      {"Convert to deal", ButtonKind::Secondary, !check_lead_conversion(st, !r.deal_id.empty())},
      {"Reject", ButtonKind::Danger, !check_lead_transition(st, LeadStage::Rejected)},
  };
  float x = p.x + card_inner_width();
  for (int i = int(std::size(acts)) - 1; i >= 0; --i) {
    const float w = text_size(fonts().body_strong, acts[i].label).x + 36;
    x -= w;
    ImGui::SetCursorScreenPos(ImVec2(x, p.y));
    if (button(acts[i].label, acts[i].kind, ImVec2(w, 36), nullptr, false, acts[i].enabled)) {
      std::string_view label = acts[i].label;
      if (label == "Qualify") app.pipeline_command(kCmdLeadQualify, target);
      if (label == "Reject") app.pipeline_command(kCmdLeadReject, target);
      if (label == "Convert to deal") app.pipeline_command(kCmdLeadConvert, target);
      if (label == "Next stage")
        app.pipeline_command(kCmdLeadSetStage,
                             {{"lead_id", r.lead.id}, {"stage", to_string(*next)}});
    }
    x -= 8;
  }
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + 36));
  ImGui::Dummy(ImVec2(card_inner_width(), 0));
  card_end();
  ImGui::Dummy(ImVec2(0, 4));
}

// [SECTION] Table

void table(App& app, const LeadsState& s, const std::vector<int>& rows, float width) {
  PipelineUi& ui = app.pipeline_ui();
  const bool vendor = app.is_vendor();
  card_begin(width);
  const float inner = card_inner_width();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  // Column lefts as fractions of the inner width; money columns are right-aligned.
  const float f0 = vendor ? 0.18f : 0.0f;
  const float c_partner = p.x, c_company = p.x + inner * f0;
  const float c_contact = p.x + inner * (f0 + (vendor ? 0.19f : 0.26f));
  const float c_value_end = p.x + inner * (vendor ? 0.64f : 0.62f);
  const float c_comm_end = p.x + inner * (vendor ? 0.77f : 0.76f);
  const float c_stage = p.x + inner * 0.80f, c_date = p.x + inner * 0.91f;
  const float head_h = 32, row_h = 48;
  const float bleed = theme::kCardPadding;

  dl->AddRectFilled(ImVec2(p.x - bleed, p.y), ImVec2(p.x + inner + bleed, p.y + head_h),
                    theme::rgb(0xF9FAFB));
  ImFont* hf = fonts().small_strong;
  const float hy = p.y + (head_h - font_px(hf)) * 0.5f - 1;
  if (vendor) text_at(hf, ImVec2(c_partner, hy), theme::kTextMuted, "Partner");
  text_at(hf, ImVec2(c_company, hy), theme::kTextMuted, "Company");
  text_at(hf, ImVec2(c_contact, hy), theme::kTextMuted, "Contact");
  text_at(hf, ImVec2(c_value_end - text_size(hf, "Value").x, hy), theme::kTextMuted, "Value");
  const char* comm = "Exp. commission";
  text_at(hf, ImVec2(c_comm_end - text_size(hf, comm).x, hy), theme::kTextMuted, comm);
  text_at(hf, ImVec2(c_stage, hy), theme::kTextMuted, "Stage");
  text_at(hf, ImVec2(c_date, hy), theme::kTextMuted, "Submitted");
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + head_h));

  if (rows.empty()) {
    const char* t = s.leads.empty() ? "No leads yet. Submit one and follow it here."
                                    : "No leads match these filters.";
    ImGui::Dummy(ImVec2(inner, 16));
    text(fonts().body, theme::kTextMuted, t);
    ImGui::Dummy(ImVec2(inner, 16));
    card_end();
    return;
  }

  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGuiListClipper clipper;
  clipper.Begin(int(rows.size()), row_h);
  std::string label;
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const LeadRow& r = s.leads[size_t(rows[size_t(i)])];
      const ImVec2 rp = ImGui::GetCursorScreenPos();
      ImGui::PushID(r.lead.id.c_str());
      if (ImGui::InvisibleButton("##row", ImVec2(inner, row_h)))
        ui.selected_lead = ui.selected_lead == r.lead.id ? std::string() : r.lead.id;
      ImGui::PopID();
      label.assign("lead:").append(r.lead.draft.company);
      hook::record_owned(label);
      const bool selected = ui.selected_lead == r.lead.id;
      const bool hovered = ImGui::IsItemHovered();
      if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      const ImVec2 a(rp.x - bleed, rp.y), b(rp.x + inner + bleed, rp.y + row_h);
      if (selected)
        dl->AddRectFilled(a, b, theme::kAccentSoft);
      else if (hovered)
        dl->AddRectFilled(a, b, theme::rgb(0xFAFAFB));
      dl->AddLine(a, ImVec2(b.x, a.y), theme::kDivider);
      if (selected) dl->AddRectFilled(a, ImVec2(a.x + 3, b.y), theme::kAccent);

      const float ty = rp.y + (row_h - font_px(fonts().body)) * 0.5f - 1;
      auto clipped = [&](float x0, float x1, ImFont* f, ImU32 col, std::string_view t) {
        ImGui::PushClipRect(ImVec2(x0, rp.y), ImVec2(x1 - 12, rp.y + row_h), true);
        text_at(f, ImVec2(x0, ty), col, t);
        ImGui::PopClipRect();
      };
      if (vendor) clipped(c_partner, c_company, fonts().body, theme::kTextSecondary, r.partner);
      clipped(c_company, c_contact, fonts().body_strong, theme::kText, r.lead.draft.company);
      clipped(c_contact, c_value_end - 100, fonts().body, theme::kTextSecondary,
              r.lead.draft.contact);
      const std::string v = money(r.lead.draft.value_minor, r.lead.draft.currency);
      text_at(fonts().body, ImVec2(c_value_end - text_size(fonts().body, v).x, ty),
              theme::kNeutralText, v);
      const std::string c = money(r.expected_commission_minor, r.lead.draft.currency);
      text_at(fonts().body, ImVec2(c_comm_end - text_size(fonts().body, c).x, ty),
              r.expected_commission_minor > 0 ? theme::kSuccessText : theme::kTextFaint, c);
      const StageStyle st = stage_style(r.lead.stage);
      pill(ImVec2(c_stage, rp.y + (row_h - 22) * 0.5f), lead_stage_label(r.lead.stage), st.bg,
           st.fg);
      text_at(fonts().body, ImVec2(c_date, ty), theme::kTextMuted, format_date(r.lead.created_at));
    }
  }
  clipper.End();
  ImGui::PopStyleVar();
  card_end();
}

}  // namespace

// [SECTION] Room

void leads_room(App& app) {
  const float width = ImGui::GetContentRegionAvail().x;
  header(app, width);
  const LeadsState* s = app.replica().leads();
  if (!s) {
    text(fonts().body, theme::kTextMuted, "Loading leads\xe2\x80\xa6");
    return;
  }
  if (!app.pipeline_ui().selected_lead.empty() && !find_lead(*s, app.pipeline_ui().selected_lead))
    return missing_item(app, "lead", width);
  filters(app, *s);
  // Reused between frames, so a steady frame does not allocate.
  static std::vector<int> rows;
  rows.clear();
  for (size_t i = 0; i < s->leads.size(); ++i)
    if (passes(app.pipeline_ui(), s->leads[i])) rows.push_back(int(i));
  if (app.is_vendor()) {
    const LeadRow* selected = find_lead(*s, app.pipeline_ui().selected_lead);
    if (selected) action_bar(app, *selected, width);
  }
  table(app, *s, rows, width);
}

}  // namespace portal::client::ui

// The Deals room: the pipeline as a board (a column per stage) or a sortable table; a selected
// deal opens a side panel with its figures, notes (anyone may add one) and, for vendor staff,
// the stage moves and "Record payout".
// Index:
// [SECTION] Header
// [SECTION] Board
// [SECTION] Table
// [SECTION] Side panel
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
#include "portal/rooms/deals.h"
#include "portal/rules/stages.h"
#include "test_hook.h"
#include "theme.h"
#include "ui/format.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {
namespace {

constexpr DealStage kStages[] = {DealStage::Prospecting, DealStage::Qualification,
                                 DealStage::Proposal,    DealStage::Negotiation,
                                 DealStage::ClosedWon,   DealStage::ClosedLost};
constexpr float kPanelWidth = 360;

bool passes(const PipelineUi& ui, const DealRow& r) {
  return ui.partner_filter.empty() || r.deal.org_id == ui.partner_filter;
}

// Selects the deal, or clears the selection when it was selected.
void toggle(PipelineUi& ui, const DealRow& r) {
  ui.selected_deal = ui.selected_deal == r.deal.id ? std::string() : r.deal.id;
}

// [SECTION] Header

void header(App& app, float width) {
  PipelineUi& ui = app.pipeline_ui();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  text(fonts().title, theme::kText, "Deals");
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  text(fonts().body, theme::kTextMuted,
       app.is_vendor() ? "Every partner's opportunities, stage by stage"
                       : "Your opportunities through to closed won");
  const ImVec2 after = ImGui::GetCursorScreenPos();
  if (app.is_vendor()) {
    if (const DealsState* s = app.replica().deals()) {
      ImGui::SetCursorScreenPos(ImVec2(top.x + width - 196 - 16 - 220, top.y + 10));
      partner_filter(ui.partner_filter, s->partners);
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(top.x + width - 196, top.y + 6));
  if (button("Board", ui.deals_as_table ? ButtonKind::Secondary : ButtonKind::Primary,
             ImVec2(96, 36), icon::kThLarge))
    ui.deals_as_table = false;
  ImGui::SameLine(0, 4);
  if (button("Table", ui.deals_as_table ? ButtonKind::Primary : ButtonKind::Secondary,
             ImVec2(96, 36), icon::kTasks))
    ui.deals_as_table = true;
  ImGui::SetCursorScreenPos(after);
  ImGui::Dummy(ImVec2(0, 8));
}

// [SECTION] Board

void deal_card(PipelineUi& ui, const DealRow& r, float w, std::string& label) {
  const bool narrow = w < 170;
  const float h = narrow ? 126 : 104;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::PushID(r.deal.id.c_str());
  if (ImGui::InvisibleButton("##card", ImVec2(w, h))) toggle(ui, r);
  ImGui::PopID();
  label.assign("deal:").append(r.deal.name);
  hook::record_owned(label);
  const bool selected = ui.selected_deal == r.deal.id, hovered = ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  const ImVec2 q(p.x + w, p.y + h);
  soft_shadow(dl, p, q, theme::kCardRounding, hovered ? 1.4f : 0.8f);
  dl->AddRectFilled(p, q, theme::kCardBg, theme::kCardRounding);
  dl->AddRect(p, q, selected ? theme::kAccent : theme::kCardBorder, theme::kCardRounding, 0,
              selected ? 2.0f : 1.0f);
  ImGui::PushClipRect(p, ImVec2(q.x - 10, q.y), true);
  text_at(fonts().body_strong, ImVec2(p.x + 12, p.y + 10), theme::kText, r.deal.name);
  const std::string sub = r.partner.empty() ? r.deal.customer : r.partner;
  text_at(fonts().small, ImVec2(p.x + 12, p.y + 31), theme::kTextMuted, sub);
  ImGui::PopClipRect();
  dl->AddLine(ImVec2(p.x + 12, p.y + 56), ImVec2(q.x - 12, p.y + 56), theme::kDivider);
  // Value and commission side by side, or stacked when the lane is narrow.
  const std::string value = money_compact(r.deal.value.minor, r.deal.value.currency);
  const std::string commission = money_compact(r.expected_commission_minor, r.deal.value.currency);
  if (!narrow) {
    text_at(fonts().small, ImVec2(p.x + 12, p.y + 64), theme::kTextMuted, "Value");
    text_at(fonts().body_strong, ImVec2(p.x + 12, p.y + 80), theme::kText, value);
    const float cx = p.x + w * 0.5f;
    text_at(fonts().small, ImVec2(cx, p.y + 64), theme::kTextMuted, "Commission");
    text_at(fonts().body_strong, ImVec2(cx, p.y + 80), theme::kSuccessText, commission);
  } else {
    text_at(fonts().body_strong, ImVec2(p.x + 12, p.y + 64), theme::kText, value);
    text_at(fonts().small, ImVec2(p.x + 12, p.y + 86), theme::kTextMuted, "Commission");
    text_at(fonts().body_strong, ImVec2(p.x + 12, p.y + 102), theme::kSuccessText, commission);
  }
  if (r.deal.commission_paid) {
    const char* paid = icon::kCheck;
    text_at(fonts().small, ImVec2(q.x - 24, p.y + 12), theme::kSuccess, paid);
  }
  ImGui::Dummy(ImVec2(w, 8));
}

void board(App& app, const DealsState& s, float width) {
  PipelineUi& ui = app.pipeline_ui();
  const int n = int(std::size(kStages));
  const float gap = 12;
  const float col_w = std::floor((width - gap * (n - 1)) / n);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float bottom = origin.y;
  std::string label;
  // Cards on the front channel; the lanes, whose height is known only at the end, behind them.
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  for (int c = 0; c < n; ++c) {
    const DealStage st = kStages[c];
    const float x = origin.x + c * (col_w + gap);
    int count = 0;
    int64_t total = 0;
    std::string currency = "EUR";
    for (const DealRow& r : s.deals)
      if (r.deal.stage == st && passes(ui, r)) {
        ++count;
        total += r.deal.value.minor;
        currency = r.deal.value.currency;
      }
    // Column: a tinted lane with the stage pill, count and total on top.
    const float lane_top = origin.y;
    ImGui::SetCursorScreenPos(ImVec2(x, lane_top));
    ImGui::BeginGroup();
    const StageStyle style = stage_style(st);
    ImVec2 ps;
    pill(ImVec2(x + 10, lane_top + 10), deal_stage_label(st), style.bg, style.fg, &ps);
    char cnt[16];
    std::snprintf(cnt, sizeof(cnt), "%d", count);
    text_at(fonts().small_strong, ImVec2(x + 10 + ps.x + 2, lane_top + 13), theme::kTextFaint, cnt);
    text_at(fonts().small, ImVec2(x + 10, lane_top + 38), theme::kTextMuted,
            money_compact(total, currency));
    ImGui::SetCursorScreenPos(ImVec2(x + 8, lane_top + 62));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    for (const DealRow& r : s.deals)
      if (r.deal.stage == st && passes(ui, r)) {
        ImGui::SetCursorScreenPos(ImVec2(x + 8, ImGui::GetCursorScreenPos().y));
        deal_card(ui, r, col_w - 16, label);
      }
    ImGui::PopStyleVar();
    ImGui::EndGroup();
    const float lane_bottom = std::max(ImGui::GetItemRectMax().y + 8, lane_top + 200);
    bottom = std::max(bottom, lane_bottom);
  }
  dl->ChannelsSetCurrent(0);
  for (int c = 0; c < n; ++c) {
    const float x = origin.x + c * (col_w + gap);
    dl->AddRectFilled(ImVec2(x, origin.y), ImVec2(x + col_w, bottom), theme::rgb(0xEEF1F6),
                      theme::kCardRounding);
  }
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(origin.x, bottom + 4));
  ImGui::Dummy(ImVec2(width, 0));
}

// [SECTION] Table

struct Column {
  const char* title;
  float start;  // fraction of the inner width
  bool right;   // right-aligned (money)
};

void table(App& app, const DealsState& s, float width) {
  PipelineUi& ui = app.pipeline_ui();
  const bool vendor = app.is_vendor();
  static std::vector<int> rows;  // reused between frames
  rows.clear();
  for (size_t i = 0; i < s.deals.size(); ++i)
    if (passes(ui, s.deals[i])) rows.push_back(int(i));
  auto key_less = [&](int a, int b) {
    const DealRow &x = s.deals[size_t(a)], &y = s.deals[size_t(b)];
    switch (ui.deals_sort_column) {
      case 1: return x.partner < y.partner;
      case 2: return x.deal.customer < y.deal.customer;
      case 3: return int(x.deal.stage) < int(y.deal.stage);
      case 4: return x.deal.value.minor < y.deal.value.minor;
      case 5: return x.expected_commission_minor < y.expected_commission_minor;
      case 6: return x.deal.updated_at < y.deal.updated_at;
      default: return x.deal.name < y.deal.name;
    }
  };
  std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
    return ui.deals_sort_descending ? key_less(b, a) : key_less(a, b);
  });

  const Column cols[] = {{"Deal", 0.0f, false},     {"Partner", 0.21f, false},
                         {"Customer", 0.33f, false}, {"Stage", 0.47f, false},
                         {"Value", 0.59f, true},     {"Exp. commission", 0.72f, true},
                         {"Updated", 0.88f, false}};
  card_begin(width);
  const float inner = card_inner_width();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float head_h = 34, row_h = 46, bleed = theme::kCardPadding;
  dl->AddRectFilled(ImVec2(p.x - bleed, p.y), ImVec2(p.x + inner + bleed, p.y + head_h),
                    theme::rgb(0xF9FAFB));
  // Column ends: each column runs to the next one's start.
  auto col_x = [&](int i) { return p.x + inner * cols[i].start; };
  // A column runs to the next visible one (partners have no Partner column).
  auto col_end = [&](int i) {
    int next = i + 1;
    if (next == 1 && !vendor) ++next;
    if (next >= int(std::size(cols))) return p.x + inner;
    // Money columns end where the next begins, less a gutter; text columns leave 16 px.
    return col_x(next) - (cols[i].right ? 14.0f : 16.0f);
  };
  ImFont* hf = fonts().small_strong;
  for (int i = 0; i < int(std::size(cols)); ++i) {
    if (i == 1 && !vendor) continue;
    const float tw = text_size(hf, cols[i].title).x;
    const float x = cols[i].right ? col_end(i) - tw : col_x(i);
    ImGui::SetCursorScreenPos(ImVec2(x - 4, p.y));
    ImGui::PushID(i);
    if (ImGui::InvisibleButton("##sort", ImVec2(tw + 20, head_h))) {
      if (ui.deals_sort_column == i)
        ui.deals_sort_descending = !ui.deals_sort_descending;
      else
        ui.deals_sort_column = i, ui.deals_sort_descending = false;
    }
    ImGui::PopID();
    const bool active = ui.deals_sort_column == i;
    text_at(hf, ImVec2(x, p.y + (head_h - font_px(hf)) * 0.5f - 1),
            active ? theme::kAccentText : theme::kTextMuted, cols[i].title);
    if (active)
      text_at(fonts().small, ImVec2(x + tw + 4, p.y + (head_h - font_px(hf)) * 0.5f - 1),
              theme::kAccentText, ui.deals_sort_descending ? "\xe2\x86\x93" : "\xe2\x86\x91");
  }
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + head_h));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGuiListClipper clipper;
  clipper.Begin(int(rows.size()), row_h);
  std::string label;
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const DealRow& r = s.deals[size_t(rows[size_t(i)])];
      const ImVec2 rp = ImGui::GetCursorScreenPos();
      ImGui::PushID(r.deal.id.c_str());
      if (ImGui::InvisibleButton("##row", ImVec2(inner, row_h))) toggle(ui, r);
      ImGui::PopID();
      label.assign("deal:").append(r.deal.name);
      hook::record_owned(label);
      const bool selected = ui.selected_deal == r.deal.id, hovered = ImGui::IsItemHovered();
      const ImVec2 a(rp.x - bleed, rp.y), b(rp.x + inner + bleed, rp.y + row_h);
      if (selected || hovered) dl->AddRectFilled(a, b, selected ? theme::kAccentSoft : theme::rgb(0xFAFAFB));
      dl->AddLine(a, ImVec2(b.x, a.y), theme::kDivider);
      const float ty = rp.y + (row_h - font_px(fonts().body)) * 0.5f - 1;
      auto cell = [&](int c, ImFont* f, ImU32 col, std::string_view t) {
        const float x = cols[c].right ? col_end(c) - text_size(f, t).x : col_x(c);
        ImGui::PushClipRect(ImVec2(col_x(c) - (cols[c].right ? 24.0f : 0.0f), rp.y),
                            ImVec2(col_end(c), rp.y + row_h), true);
        text_at(f, ImVec2(x, ty), col, t);
        ImGui::PopClipRect();
      };
      cell(0, fonts().body_strong, theme::kText, r.deal.name);
      if (vendor) cell(1, fonts().body, theme::kTextSecondary, r.partner);
      cell(2, fonts().body, theme::kTextSecondary, r.deal.customer);
      const StageStyle st = stage_style(r.deal.stage);
      pill(ImVec2(col_x(3), rp.y + (row_h - 22) * 0.5f), deal_stage_label(r.deal.stage), st.bg, st.fg);
      cell(4, fonts().body, theme::kNeutralText, money(r.deal.value.minor, r.deal.value.currency));
      cell(5, fonts().body, theme::kSuccessText,
           money(r.expected_commission_minor, r.deal.value.currency));
      cell(6, fonts().body, theme::kTextMuted, format_date(r.deal.updated_at));
    }
  }
  clipper.End();
  ImGui::PopStyleVar();
  card_end();
}

// [SECTION] Side panel

void figure(const char* label, const std::string& value, ImU32 color = theme::kText) {
  text(fonts().small, theme::kTextMuted, label);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  text(fonts().body_strong, color, value);
}

void side_panel(App& app, const DealRow& r, float width) {
  PipelineUi& ui = app.pipeline_ui();
  card_begin(width);
  const float inner = card_inner_width();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner - 92);
  ImGui::PushFont(fonts().heading);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kText);
  ImGui::TextWrapped("%s", r.deal.name.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  const ImVec2 after = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(top.x + inner - 84, top.y - 4));
  if (button("Close", ButtonKind::Ghost, ImVec2(84, 32), icon::kTimes)) ui.selected_deal.clear();
  ImGui::SetCursorScreenPos(after);
  text(fonts().small, theme::kTextMuted,
       r.partner.empty() ? r.deal.customer : r.deal.customer + " \xc2\xb7 " + r.partner);
  const StageStyle st = stage_style(r.deal.stage);
  ImVec2 pp = ImGui::GetCursorScreenPos(), ps;
  pill(pp, deal_stage_label(r.deal.stage), st.bg, st.fg, &ps);
  if (r.deal.commission_paid)
    pill(ImVec2(pp.x + ps.x + 4, pp.y), "Commission paid", theme::kSuccessSoft, theme::kSuccessText);
  ImGui::Dummy(ImVec2(inner, 30));

  const std::string& cur = r.deal.value.currency;
  ImGui::BeginGroup();
  figure("Value", money(r.deal.value.minor, cur));
  ImGui::EndGroup();
  ImGui::SameLine(inner * 0.5f + theme::kCardPadding);
  ImGui::BeginGroup();
  figure("Expected commission", money(r.expected_commission_minor, cur), theme::kSuccessText);
  ImGui::EndGroup();
  ImGui::BeginGroup();
  figure("Updated", format_date(r.deal.updated_at));
  ImGui::EndGroup();
  ImGui::SameLine(inner * 0.5f + theme::kCardPadding);
  ImGui::BeginGroup();
  figure("Won", r.deal.won_at ? format_date(r.deal.won_at) : std::string("\xe2\x80\x94"));
  ImGui::EndGroup();

  if (app.is_vendor()) {
    ImGui::Dummy(ImVec2(0, 6));
    const DealStage s = r.deal.stage;
    const auto next = next_deal_stage(s);
    const bool can_next = next && *next != DealStage::ClosedWon && !check_deal_transition(s, *next);
    const float half = std::floor((inner - 8) * 0.5f);
    auto move = [&](DealStage to) {
      app.pipeline_command(kCmdDealSetStage, {{"deal_id", r.deal.id}, {"stage", to_string(to)}});
    };
    if (button("Next stage", ButtonKind::Secondary, ImVec2(half, 36), nullptr, false, can_next))
      move(*next);
    ImGui::SameLine(0, 8);
    if (button("Mark won", ButtonKind::Primary, ImVec2(half, 36), icon::kTrophy, false,
               !check_deal_transition(s, DealStage::ClosedWon)))
      move(DealStage::ClosedWon);
    if (button("Mark lost", ButtonKind::Secondary, ImVec2(half, 36), nullptr, false,
               !check_deal_transition(s, DealStage::ClosedLost)))
      move(DealStage::ClosedLost);
    ImGui::SameLine(0, 8);
    if (button("Record payout", ButtonKind::Primary, ImVec2(half, 36), icon::kMoney, false,
               !check_payout(s, r.deal.commission_paid)))
      app.pipeline_command(kCmdDealRecordPayout, {{"deal_id", r.deal.id}});
  }

  ImGui::Dummy(ImVec2(0, 6));
  ImGui::GetWindowDrawList()->AddLine(
      ImVec2(top.x - theme::kCardPadding, ImGui::GetCursorScreenPos().y),
      ImVec2(top.x + inner + theme::kCardPadding, ImGui::GetCursorScreenPos().y), theme::kDivider);
  ImGui::Dummy(ImVec2(0, 6));
  text(fonts().body_strong, theme::kText, "Notes");
  if (r.notes.empty()) text(fonts().small, theme::kTextMuted, "No notes yet.");
  for (auto it = r.notes.rbegin(); it != r.notes.rend(); ++it) {
    const std::string meta = it->author_name + " \xc2\xb7 " + format_date(it->note.created_at);
    text(fonts().small_strong, theme::kTextSecondary, meta);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
    ImGui::PushFont(fonts().body);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kText);
    ImGui::TextWrapped("%s", it->note.body.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, 2));
  }
  ImGui::Dummy(ImVec2(0, 4));
  multiline_field("Note", "##note", ui.note, sizeof(ui.note), inner, 72, {},
                  "Add a note for both teams\xe2\x80\xa6");
  if (button("Add note", ButtonKind::Primary, ImVec2(inner, 36), icon::kPlus,
             !ui.note_pending.empty(), ui.note[0] != '\0'))
    app.add_deal_note();
  card_end();
}

}  // namespace

// [SECTION] Room

void deals_room(App& app) {
  const float width = ImGui::GetContentRegionAvail().x;
  header(app, width);
  const DealsState* s = app.replica().deals();
  if (!s) {
    text(fonts().body, theme::kTextMuted, "Loading deals\xe2\x80\xa6");
    return;
  }
  const DealRow* selected = find_deal(*s, app.pipeline_ui().selected_deal);
  if (!selected && !app.pipeline_ui().selected_deal.empty()) return missing_item(app, "deal", width);
  const float main_w = selected ? width - kPanelWidth - theme::kGap : width;
  const ImVec2 row = ImGui::GetCursorScreenPos();
  ImGui::BeginGroup();
  if (app.pipeline_ui().deals_as_table)
    table(app, *s, main_w);
  else
    board(app, *s, main_w);
  ImGui::EndGroup();
  const float main_bottom = ImGui::GetItemRectMax().y;
  if (selected) {
    ImGui::SetCursorScreenPos(ImVec2(row.x + main_w + theme::kGap, row.y));
    ImGui::BeginGroup();
    side_panel(app, *selected, kPanelWidth);
    ImGui::EndGroup();
    ImGui::SetCursorScreenPos(ImVec2(row.x, std::max(main_bottom, ImGui::GetItemRectMax().y)));
    ImGui::Dummy(ImVec2(width, 0));
  }
}

}  // namespace portal::client::ui

// The Overview room: page title, the stat tiles, recent leads, quick actions and a commission
// chart. Everything comes from the replica's OverviewState; nothing here talks to the server.
// Index:
// [SECTION] Tiles
// [SECTION] Recent leads
// [SECTION] Commission chart
// [SECTION] Loading state
// [SECTION] Room
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app.h"
#include "fonts.h"
#include "icons.h"
#include "imgui.h"
#include "portal/model/money.h"
#include "portal/rooms/overview.h"
#include "theme.h"
#include "ui/format.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {
namespace {

// [SECTION] Tiles

int tile_columns(float width) {
  if (width >= 900) return 4;
  if (width >= 440) return 2;
  return 1;
}

void tiles(const OverviewState& o, float width) {
  const std::string& cur = o.currency;
  const std::string tier = o.tier.empty() ? std::string("\xe2\x80\x94") : o.tier;
  const std::string share = percent(o.revenue_share_bp) + " revenue share";
  const std::string earned = money(o.commission_earned_minor, cur);
  const std::string pending = money(o.commission_pending_minor, cur);
  const std::string expected = money(o.commission_expected_minor, cur);
  const std::string submitted = std::to_string(o.leads_submitted);
  const std::string open = std::to_string(o.leads_open);
  const std::string closed =
      std::to_string(std::max(0, o.leads_submitted - o.leads_open)) + " closed or rejected";
  const std::string deals = std::to_string(o.deals_in_progress);
  const std::string pipeline = money_compact(o.pipeline_minor, cur);
  const std::string pipeline_caption = money(o.pipeline_minor, cur) + " in open deals";
  const std::string deals_caption = pipeline + " in the pipeline";

  const StatTile all[] = {
      {"Tier", tier, share, icon::kTrophy, theme::kWarningSoft, theme::kWarning},
      {"Commission earned", earned, "Paid out to you", icon::kMoney, theme::kSuccessSoft,
       theme::kSuccess},
      {"Commission pending", pending, "Won, awaiting payout", icon::kClock, theme::kInfoSoft,
       theme::kInfoText},
      {"Expected commission", expected, "From deals in progress", icon::kLineChart,
       theme::kAccentSoft, theme::kAccent},
      {"Leads submitted", submitted, "Registered by your team", icon::kBullhorn, theme::kAccentSoft,
       theme::kAccent},
      {"Open leads", open, closed, icon::kInbox, theme::kTealSoft, theme::kTeal},
      {"Deals in progress", deals, deals_caption, icon::kBriefcase, theme::kInfoSoft,
       theme::kInfoText},
      {"Pipeline value", pipeline, pipeline_caption, icon::kPieChart, theme::kSuccessSoft,
       theme::kSuccess},
  };
  const int cols = tile_columns(width);
  const float gap = theme::kGap;
  const float tile_w = std::floor((width - gap * (cols - 1)) / cols);
  const float tile_h = 116;
  ImVec2 start = ImGui::GetCursorScreenPos();
  int i = 0;
  for (const StatTile& t : all) {
    int r = i / cols, c = i % cols;
    ImVec2 pos(start.x + c * (tile_w + gap), start.y + r * (tile_h + gap));
    float w = c == cols - 1 ? width - c * (tile_w + gap) : tile_w;
    stat_tile(t, pos, ImVec2(w, tile_h));
    ++i;
  }
  int rows = (i + cols - 1) / cols;
  ImGui::Dummy(ImVec2(width, rows * tile_h + (rows - 1) * gap));
}

// [SECTION] Recent leads

void recent_leads(const OverviewState& o, float width) {
  card_begin(width, 0);
  card_title("Recent leads", "The latest leads your organisation registered");
  const float inner = card_inner_width();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();

  if (o.recent_leads.empty()) {
    ImGui::Dummy(ImVec2(inner, 8));
    ImVec2 c(p.x + inner * 0.5f, p.y + 44);
    dl->AddCircleFilled(c, 26, theme::kAccentSoft, 40);
    ImVec2 is = text_size(fonts().heading, icon::kInbox);
    text_at(fonts().heading, ImVec2(c.x - is.x * 0.5f, c.y - is.y * 0.5f), theme::kAccent,
            icon::kInbox);
    const char* t1 = "No leads yet";
    const char* t2 = "Submit your first lead and follow it here as it moves through the stages.";
    ImVec2 s1 = text_size(fonts().body_strong, t1), s2 = text_size(fonts().small, t2);
    text_at(fonts().body_strong, ImVec2(c.x - s1.x * 0.5f, p.y + 84), theme::kText, t1);
    text_at(fonts().small, ImVec2(c.x - s2.x * 0.5f, p.y + 106), theme::kTextMuted, t2);
    ImGui::Dummy(ImVec2(inner, 124));
    card_end();
    return;
  }

  // Column lefts as fractions of the inner width; Value is right-aligned to its column's end.
  const float col_company = p.x;
  const float col_value_end = p.x + inner * 0.60f;
  const float col_stage = p.x + inner * 0.66f;
  const float col_date = p.x + inner * 0.84f;
  const float head_h = 32, row_h = 48;

  // Header row on a faint band that bleeds to the card edges.
  dl->AddRectFilled(ImVec2(p.x - theme::kCardPadding, p.y),
                    ImVec2(p.x + inner + theme::kCardPadding, p.y + head_h), theme::rgb(0xF9FAFB));
  dl->AddLine(ImVec2(p.x - theme::kCardPadding, p.y),
              ImVec2(p.x + inner + theme::kCardPadding, p.y), theme::kDivider);
  ImFont* hf = fonts().small_strong;
  float hy = p.y + (head_h - font_px(hf)) * 0.5f - 1;
  text_at(hf, ImVec2(col_company, hy), theme::kTextMuted, "Company");
  float vw = text_size(hf, "Value").x;
  text_at(hf, ImVec2(col_value_end - vw, hy), theme::kTextMuted, "Value");
  text_at(hf, ImVec2(col_stage, hy), theme::kTextMuted, "Stage");
  text_at(hf, ImVec2(col_date, hy), theme::kTextMuted, "Submitted");

  float y = p.y + head_h;
  for (const OverviewLead& lead : o.recent_leads) {
    dl->AddLine(ImVec2(p.x - theme::kCardPadding, y), ImVec2(p.x + inner + theme::kCardPadding, y),
                theme::kDivider);
    float ty = y + (row_h - font_px(fonts().body)) * 0.5f - 1;
    // Clip the company name to its column.
    ImGui::PushClipRect(ImVec2(col_company, y), ImVec2(col_value_end - 110, y + row_h), true);
    text_at(fonts().body_strong, ImVec2(col_company, ty), theme::kText, lead.company);
    ImGui::PopClipRect();
    std::string value = money(lead.value_minor, o.currency);
    float w = text_size(fonts().body, value).x;
    text_at(fonts().body, ImVec2(col_value_end - w, ty), theme::kNeutralText, value);
    StageStyle st = stage_style(lead.stage);
    pill(ImVec2(col_stage, y + (row_h - 22) * 0.5f), lead_stage_label(lead.stage), st.bg, st.fg);
    text_at(fonts().body, ImVec2(col_date, ty), theme::kTextMuted, format_date(lead.created_at));
    y += row_h;
  }
  ImGui::Dummy(ImVec2(inner, y - p.y - 8));
  card_end();
}

// [SECTION] Commission chart

void commission_chart(const OverviewState& o, float width) {
  card_begin(width);
  card_title("Commission", "At your " + percent(o.revenue_share_bp) + " revenue share");
  const float inner = card_inner_width();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  p.y += 4;
  const float chart_h = 150, label_h = 40, value_h = 20;

  struct Bar {
    const char* label;
    int64_t minor;
    ImU32 color;
  } bars[] = {{"Earned", o.commission_earned_minor, theme::kSuccess},
              {"Pending", o.commission_pending_minor, theme::rgb(0x2E90FA)},
              {"Expected", o.commission_expected_minor, theme::kAccent}};
  int64_t top = 1;
  for (const Bar& b : bars) top = std::max(top, b.minor);

  // Baseline and two faint guides.
  const float base = std::floor(p.y + value_h + chart_h) + 0.5f;
  for (int g = 1; g <= 2; ++g) {
    float gy = std::floor(base - chart_h * g / 2.0f) + 0.5f;
    dl->AddLine(ImVec2(p.x, gy), ImVec2(p.x + inner, gy), theme::kDivider);
  }
  dl->AddLine(ImVec2(p.x, base), ImVec2(p.x + inner, base), theme::kCardBorder);

  const float slot = inner / 3.0f;
  const float bar_w = std::floor(std::min(56.0f, slot * 0.5f));
  for (int i = 0; i < 3; ++i) {
    const Bar& b = bars[i];
    float cx = p.x + slot * (i + 0.5f);
    float h = b.minor > 0 ? std::max(3.0f, std::round(chart_h * float(double(b.minor) / top))) : 0;
    float x0 = std::floor(cx - bar_w * 0.5f);
    if (h > 0)
      dl->AddRectFilled(ImVec2(x0, base - 0.5f - h), ImVec2(x0 + bar_w, base - 0.5f), b.color, 5,
                        ImDrawFlags_RoundCornersTop);
    std::string v = money_compact(b.minor, o.currency);
    ImVec2 vs = text_size(fonts().small_strong, v);
    text_at(fonts().small_strong, ImVec2(cx - vs.x * 0.5f, base - h - vs.y - 6), theme::kText, v);
    ImVec2 ls = text_size(fonts().small, b.label);
    dl->AddCircleFilled(ImVec2(cx - ls.x * 0.5f - 8, base + 19), 3.5f, b.color, 12);
    text_at(fonts().small, ImVec2(cx - ls.x * 0.5f + 1, base + 11), theme::kTextMuted, b.label);
  }
  ImGui::Dummy(ImVec2(inner, value_h + chart_h + label_h));
  card_end();
}

// [SECTION] Loading state

void skeleton(float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const int cols = tile_columns(width);
  const float gap = theme::kGap;
  const float tile_w = std::floor((width - gap * (cols - 1)) / cols);
  ImVec2 start = ImGui::GetCursorScreenPos();
  for (int i = 0; i < 8; ++i) {
    int r = i / cols, c = i % cols;
    ImVec2 pos(start.x + c * (tile_w + gap), start.y + r * (116 + gap));
    ImVec2 max(pos.x + tile_w, pos.y + 116);
    dl->AddRectFilled(pos, max, theme::kCardBg, theme::kCardRounding);
    dl->AddRect(pos, max, theme::kCardBorder, theme::kCardRounding);
    dl->AddRectFilled(ImVec2(pos.x + 18, pos.y + 20), ImVec2(pos.x + 110, pos.y + 30),
                      theme::kNeutralSoft, 5);
    dl->AddRectFilled(ImVec2(pos.x + 18, pos.y + 48), ImVec2(pos.x + 150, pos.y + 70),
                      theme::kNeutralSoft, 6);
    dl->AddRectFilled(ImVec2(pos.x + 18, pos.y + 84), ImVec2(pos.x + 130, pos.y + 94),
                      theme::kNeutralSoft, 5);
  }
  int rows = (8 + cols - 1) / cols;
  ImGui::Dummy(ImVec2(width, rows * 116 + (rows - 1) * gap));
  ImGui::Dummy(ImVec2(0, 16));
  ImVec2 p = ImGui::GetCursorScreenPos();
  const char* msg = "Loading your overview\xe2\x80\xa6";
  ImVec2 ms = text_size(fonts().body, msg);
  float cx = p.x + width * 0.5f;
  spinner(ImVec2(cx - (ms.x + 26) * 0.5f + 8, p.y + 12), 7, theme::kAccent);
  text_at(fonts().body, ImVec2(cx - (ms.x + 26) * 0.5f + 26, p.y + 12 - ms.y * 0.5f),
          theme::kTextMuted, msg);
  ImGui::Dummy(ImVec2(width, 24));
}

}  // namespace

// [SECTION] Room

void overview_room(App& app) {
  const float width = ImGui::GetContentRegionAvail().x;
  text(fonts().title, theme::kText, "Overview");
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  std::string welcome = "Welcome back, " + app.first_name();
  text(fonts().body, theme::kTextMuted, welcome);
  ImGui::Dummy(ImVec2(0, 12));

  const OverviewState* o = app.replica().overview();
  if (!o) {
    skeleton(width);
    return;
  }
  tiles(*o, width);
  ImGui::Dummy(ImVec2(0, theme::kGap - ImGui::GetStyle().ItemSpacing.y * 2));

  const bool two_columns = width >= 900;
  const float side_w = two_columns ? std::floor((width - theme::kGap) / 3.0f) : width;
  const float main_w = two_columns ? width - side_w - theme::kGap : width;
  const ImVec2 row = ImGui::GetCursorScreenPos();

  // Right column: quick actions over the chart.
  if (two_columns) ImGui::SetCursorScreenPos(ImVec2(row.x + main_w + theme::kGap, row.y));
  ImGui::BeginGroup();
  card_begin(side_w);
  card_title("Quick actions");
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + card_inner_width());
  ImGui::PushFont(fonts().small);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextMuted);
  ImGui::TextWrapped(
      "Register an opportunity early: a registered lead is protected from "
      "channel conflict.");
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  ImGui::Dummy(ImVec2(0, 4));
  if (button("Submit lead", ButtonKind::Primary, ImVec2(card_inner_width(), 40), icon::kPlus))
    app.open_lead_form();
  card_end();
  ImGui::Dummy(ImVec2(0, theme::kGap - ImGui::GetStyle().ItemSpacing.y * 2));
  commission_chart(*o, side_w);
  ImGui::EndGroup();
  const float side_bottom = ImGui::GetItemRectMax().y;

  if (two_columns)
    ImGui::SetCursorScreenPos(row);
  else
    ImGui::Dummy(ImVec2(0, theme::kGap - ImGui::GetStyle().ItemSpacing.y * 2));
  recent_leads(*o, main_w);
  const float main_bottom = ImGui::GetItemRectMax().y;
  ImGui::SetCursorScreenPos(ImVec2(row.x, std::max(side_bottom, main_bottom)));
  ImGui::Dummy(ImVec2(width, 0));
}

}  // namespace portal::client::ui

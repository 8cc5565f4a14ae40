// The Overview room, the landing page: the title with quick actions, the stat tiles, the success
// metrics of the customer accounts, then two columns. Left: available tasks, pipeline by stage,
// "since your last visit", recent leads. Right: the quarter's leaderboards (revenue, new
// accounts), announcements and commission by month.
// Everything comes from the replica's OverviewState; nothing here talks to the server.
// Index:
// [SECTION] Helpers
// [SECTION] Title and quick actions
// [SECTION] Tiles
// [SECTION] Pipeline by stage
// [SECTION] Since your last visit
// [SECTION] Recent leads
// [SECTION] Leaderboard
// [SECTION] Announcements
// [SECTION] Commission charts
// [SECTION] Success metrics and tasks
// [SECTION] Loading state
// [SECTION] Room
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <emscripten/html5.h>

#include "app.h"
#include "fonts.h"
#include "icons.h"
#include "imgui.h"
#include "portal/model/money.h"
#include "portal/rooms/accounts.h"
#include "portal/rooms/deals.h"
#include "portal/rooms/overview.h"
#include "portal/rules/permissions.h"
#include "test_hook.h"
#include "theme.h"
#include "ui/format.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {
namespace {

// [SECTION] Helpers

void gap() { ImGui::Dummy(ImVec2(0, theme::kGap - ImGui::GetStyle().ItemSpacing.y * 2)); }

// "26 Feb 2026, 14:30" (UTC).
std::string date_time(UnixTime t) {
  if (t <= 0) return format_date(t);
  const int64_t s = ((t % 86400) + 86400) % 86400;
  char hm[16];
  std::snprintf(hm, sizeof(hm), ", %02d:%02d", int(s / 3600), int(s / 60 % 60));
  return format_date(t) + hm;
}

// Text wrapped to `width`, at most `max_lines` lines (an ellipsis ends a cut), as an item.
void wrapped(ImFont* font, ImU32 color, std::string_view s, float width, int max_lines) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float line = font_px(font) * 1.4f;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  int lines = 0;
  const float scale = font_px(font) / font->FontSize;
  while (b < e && lines < max_lines) {
    const char* nl = std::find(b, e, '\n');
    const char* end = font->CalcWordWrapPositionA(scale, b, nl, width);
    if (end == b) end = b + 1;
    std::string piece(b, end);
    const bool last = lines == max_lines - 1 && end < e;
    if (last) {
      while (!piece.empty() && text_size(font, piece + "\xe2\x80\xa6").x > width) piece.pop_back();
      piece += "\xe2\x80\xa6";
    }
    text_at(font, ImVec2(p.x, p.y + lines * line), color, piece);
    ++lines;
    b = end;
    while (b < e && (*b == ' ' || *b == '\n')) ++b;
  }
  ImGui::Dummy(ImVec2(width, std::max(1, lines) * line));
}

// A centred empty state inside a card: an icon, a line and a muted explanation.
void empty_state(const char* icon, std::string_view title, std::string_view detail, float inner) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 c(p.x + inner * 0.5f, p.y + 34);
  dl->AddCircleFilled(c, 22, theme::kAccentSoft, 40);
  const ImVec2 is = text_size(fonts().body, icon);
  text_at(fonts().body, ImVec2(c.x - is.x * 0.5f, c.y - is.y * 0.5f), theme::kAccent, icon);
  const ImVec2 s1 = text_size(fonts().body_strong, title);
  text_at(fonts().body_strong, ImVec2(c.x - s1.x * 0.5f, p.y + 66), theme::kText, title);
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + 90));
  const ImVec2 s2 = text_size(fonts().small, detail);
  if (s2.x <= inner) {
    text_at(fonts().small, ImVec2(c.x - s2.x * 0.5f, p.y + 90), theme::kTextMuted, detail);
    ImGui::Dummy(ImVec2(inner, s2.y + 8));
  } else {
    wrapped(fonts().small, theme::kTextMuted, detail, inner, 3);
    ImGui::Dummy(ImVec2(inner, 4));
  }
}

// [SECTION] Title and quick actions

void title_row(App& app, float width) {
  const ImVec2 top = ImGui::GetCursorScreenPos();
  text(fonts().title, theme::kText, "Overview");
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  const std::string welcome = "Welcome back, " + app.first_name();
  text(fonts().body, theme::kTextMuted, welcome);
  const ImVec2 below = ImGui::GetCursorScreenPos();

  // Quick actions, right-aligned on the title's line.
  struct Action {
    const char* label;
    const char* icon;
    ButtonKind kind;
    float width;
  };
  const bool vendor = app.is_vendor();
  const Action partner_actions[] = {{"Submit lead", icon::kPlus, ButtonKind::Primary, 148},
                                    {"Add customer account", icon::kBuilding,
                                     ButtonKind::Secondary, 212},
                                    {"Message the vendor", icon::kComments, ButtonKind::Secondary,
                                     196}};
  const Action vendor_actions[] = {{"Post announcement", icon::kBullhorn, ButtonKind::Primary, 196},
                                   {"Review leads", icon::kInbox, ButtonKind::Secondary, 148},
                                   {"Open deals", icon::kBriefcase, ButtonKind::Secondary, 136}};
  const Action* actions = vendor ? vendor_actions : partner_actions;
  float total = 0;
  for (int i = 0; i < 3; ++i) total += actions[i].width + (i ? 10 : 0);
  if (width - total < 320) {
    // Narrow: the actions go on their own line under the title.
    ImGui::SetCursorScreenPos(ImVec2(below.x, below.y + 6));
  } else {
    ImGui::SetCursorScreenPos(ImVec2(top.x + width - total, top.y + 8));
  }
  const bool may_lead = app.session() && may_submit_lead(Actor{app.session()->user.id,
                                                               app.session()->user.org_id,
                                                               app.session()->user.role});
  for (int i = 0; i < 3; ++i) {
    if (i) ImGui::SameLine(0, 10);
    const Action& a = actions[i];
    const bool enabled = vendor || i != 0 || may_lead;
    if (!button(a.label, a.kind, ImVec2(a.width, 40), a.icon, false, enabled)) continue;
    if (vendor) {
      if (i == 0) app.open_announcement_form();
      if (i == 1) app.select_room("leads");
      if (i == 2) app.select_room("deals");
    } else {
      if (i == 0) app.open_lead_form();
      // The Add account modal is drawn over every room: it opens over the accounts it adds to.
      if (i == 1) {
        app.select_room("accounts");
        app.open_account_form();
      }
      if (i == 2) app.select_room("messages");
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(top.x, std::max(below.y, ImGui::GetItemRectMax().y) + 14));
  ImGui::Dummy(ImVec2(width, 0));
}

// [SECTION] Tiles

int tile_columns(float width) {
  if (width >= 1080) return 6;
  if (width >= 640) return 3;
  if (width >= 440) return 2;
  return 1;
}

constexpr float kTileHeight = 112;

void tiles(const OverviewState& o, bool vendor, float width) {
  const std::string& cur = o.currency;
  const std::string tier = vendor ? std::string("Program") : o.tier.empty() ? "\xe2\x80\x94" : o.tier;
  const std::string share =
      vendor ? std::to_string(o.partners.size()) + " partners" : percent(o.revenue_share_bp) + " revenue share";
  const std::string earned = money_compact(o.commission_earned_minor, cur);
  const std::string earned_caption = money(o.commission_earned_minor, cur) + " paid out";
  const std::string pending = money_compact(o.commission_pending_minor, cur);
  const std::string pending_caption =
      money(o.commission_expected_minor, cur) + " more expected";
  const std::string submitted = std::to_string(o.leads_submitted);
  const std::string open = std::to_string(o.leads_open) + " still open";
  const std::string deals = std::to_string(o.deals_in_progress);
  const std::string pipeline = money_compact(o.pipeline_minor, cur);
  const std::string pipeline_caption = money(o.pipeline_minor, cur) + " in open deals";
  const std::string deals_caption = pipeline + " in the pipeline";
  int won_count = 0;
  int64_t won_minor = 0;
  for (const OverviewStage& s : o.stages)
    if (s.stage == DealStage::ClosedWon) won_count = s.count, won_minor = s.value_minor;
  const std::string won = money_compact(won_minor, cur);
  const std::string won_caption = std::to_string(won_count) + (won_count == 1 ? " deal" : " deals") + " won";

  const StatTile all[] = {
      {"Tier", tier, share, icon::kTrophy, theme::kWarningSoft, theme::kWarning},
      {"Commission earned", earned, earned_caption, icon::kMoney, theme::kSuccessSoft,
       theme::kSuccess},
      {"Commission pending", pending, pending_caption, icon::kClock, theme::kInfoSoft,
       theme::kInfoText},
      {"Leads submitted", submitted, open, icon::kBullhorn, theme::kAccentSoft, theme::kAccent},
      {"Deals in progress", deals, deals_caption, icon::kBriefcase, theme::kTealSoft, theme::kTeal},
      {"Revenue won", won, won_caption, icon::kLineChart, theme::kSuccessSoft, theme::kSuccess},
  };
  (void)pipeline_caption;
  const int cols = tile_columns(width);
  const float g = theme::kGap;
  const float tile_w = std::floor((width - g * (cols - 1)) / cols);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  int i = 0;
  for (const StatTile& t : all) {
    const int r = i / cols, c = i % cols;
    const ImVec2 pos(start.x + c * (tile_w + g), start.y + r * (kTileHeight + g));
    const float w = c == cols - 1 ? width - c * (tile_w + g) : tile_w;
    stat_tile(t, pos, ImVec2(w, kTileHeight));
    ++i;
  }
  const int rows = (i + cols - 1) / cols;
  ImGui::Dummy(ImVec2(width, rows * kTileHeight + (rows - 1) * g));
}

// [SECTION] Pipeline by stage

ImU32 stage_bar_color(DealStage s) {
  switch (s) {
    case DealStage::Prospecting:
      return theme::rgb(0xA5B4FC);
    case DealStage::Qualification:
      return theme::rgb(0x818CF8);
    case DealStage::Proposal:
      return theme::rgb(0x6366F1);
    case DealStage::Negotiation:
      return theme::kAccent;
    case DealStage::ClosedWon:
      return theme::kSuccess;
    case DealStage::ClosedLost:
      return theme::rgb(0xD0D5DD);
  }
  return theme::kAccent;
}

void pipeline_chart(const OverviewState& o, float width) {
  card_begin(width);
  int64_t open_total = 0;
  int open_count = 0;
  for (const OverviewStage& s : o.stages)
    if (s.stage != DealStage::ClosedWon && s.stage != DealStage::ClosedLost)
      open_total += s.value_minor, open_count += s.count;
  card_title("Pipeline by stage", std::to_string(open_count) + " open deals worth " +
                                      money(open_total, o.currency) + " \xc2\xb7 value per stage");
  const float inner = card_inner_width();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  hook::record_rect("Pipeline by stage", p, ImVec2(p.x + inner, p.y + 200));
  if (o.stages.empty()) {
    empty_state(icon::kBriefcase, "No deals yet",
                "Deals appear here as your leads are converted.", inner);
    card_end();
    return;
  }
  const float value_h = 22, chart_h = 132, label_h = 46;
  int64_t top = 1;
  for (const OverviewStage& s : o.stages) top = std::max(top, s.value_minor);
  const float base = std::floor(p.y + value_h + chart_h) + 0.5f;
  for (int gl = 1; gl <= 3; ++gl) {
    const float gy = std::floor(base - chart_h * gl / 3.0f) + 0.5f;
    dl->AddLine(ImVec2(p.x, gy), ImVec2(p.x + inner, gy), theme::kDivider);
  }
  dl->AddLine(ImVec2(p.x, base), ImVec2(p.x + inner, base), theme::kCardBorder);

  const float slot = inner / float(o.stages.size());
  const float bar_w = std::floor(std::min(64.0f, slot * 0.56f));
  for (size_t i = 0; i < o.stages.size(); ++i) {
    const OverviewStage& s = o.stages[i];
    const float cx = std::floor(p.x + slot * (i + 0.5f));
    const float h =
        s.value_minor > 0 ? std::max(3.0f, std::round(chart_h * float(double(s.value_minor) / top)))
                          : 0;
    const float x0 = cx - std::floor(bar_w * 0.5f);
    if (h > 0)
      dl->AddRectFilled(ImVec2(x0, base - 0.5f - h), ImVec2(x0 + bar_w, base - 0.5f),
                        stage_bar_color(s.stage), 4, ImDrawFlags_RoundCornersTop);
    const std::string v = s.count > 0 ? money_compact(s.value_minor, o.currency) : "\xe2\x80\x94";
    const ImVec2 vs = text_size(fonts().small_strong, v);
    text_at(fonts().small_strong, ImVec2(std::floor(cx - vs.x * 0.5f), std::floor(base - h - vs.y - 5)),
            s.count > 0 ? theme::kText : theme::kTextFaint, v);
    const std::string_view label = deal_stage_label(s.stage);
    const ImVec2 ls = text_size(fonts().small_strong, label);
    text_at(fonts().small_strong, ImVec2(std::floor(cx - ls.x * 0.5f), base + 9),
            theme::kTextSecondary, label);
    const std::string n = std::to_string(s.count) + (s.count == 1 ? " deal" : " deals");
    const ImVec2 ns = text_size(fonts().small, n);
    text_at(fonts().small, ImVec2(std::floor(cx - ns.x * 0.5f), base + 27), theme::kTextMuted, n);
  }
  ImGui::Dummy(ImVec2(inner, value_h + chart_h + label_h));
  card_end();
}

// [SECTION] Since your last visit

const char* change_icon(const std::string& kind, ImU32& bg, ImU32& fg) {
  if (kind == "deal_won" || kind == "payout") {
    bg = theme::kSuccessSoft, fg = theme::kSuccess;
    return icon::kTrophy;
  }
  if (kind == "announcement") {
    bg = theme::kWarningSoft, fg = theme::kWarning;
    return icon::kBullhorn;
  }
  if (kind == "lead_new" || kind == "lead_stage") {
    bg = theme::kAccentSoft, fg = theme::kAccent;
    return icon::kInbox;
  }
  bg = theme::kInfoSoft, fg = theme::kInfoText;
  return icon::kBriefcase;
}

void since_card(const OverviewState& o, float width) {
  const OverviewSince& s = o.since;
  card_begin(width);
  const ImVec2 head = ImGui::GetCursorScreenPos();
  card_title("Since your last visit",
             s.since > 0 ? "Changes since " + date_time(s.since) + " (UTC)"
                         : std::string("What changed while you were away"));
  const float inner = card_inner_width();
  if (s.total > 0) {
    const std::string count = std::to_string(s.total) + (s.total == 1 ? " update" : " updates");
    const ImVec2 ps = pill_size(count);
    pill(ImVec2(head.x + inner - ps.x, head.y + 4), count, theme::kAccentSoft, theme::kAccentText);
  }
  if (s.since <= 0) {
    empty_state(icon::kRocket, "Welcome to your partner portal",
                "From your next visit on, new leads, deal updates and announcements made while "
                "you are away are listed here.",
                inner);
    card_end();
    return;
  }
  if (s.items.empty()) {
    empty_state(icon::kCheck, "You are all caught up",
                "Nothing changed since your last visit.", inner);
    card_end();
    return;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float row_h = 40;
  float y = p.y;
  for (const OverviewChange& c : s.items) {
    ImU32 bg, fg;
    const char* ic = change_icon(c.kind, bg, fg);
    icon_badge(ImVec2(p.x + 14, y + row_h * 0.5f), 14, ic, bg, fg);
    const std::string when = date_time(c.at);
    const ImVec2 ws = text_size(fonts().small, when);
    const float ty = std::floor(y + (row_h - font_px(fonts().body)) * 0.5f) - 1;
    ImGui::PushClipRect(ImVec2(p.x + 38, y), ImVec2(p.x + inner - ws.x - 16, y + row_h), true);
    text_at(fonts().body, ImVec2(p.x + 40, ty), theme::kText, c.text);
    ImGui::PopClipRect();
    text_at(fonts().small, ImVec2(p.x + inner - ws.x, std::floor(y + (row_h - ws.y) * 0.5f)),
            theme::kTextMuted, when);
    y += row_h;
    if (&c != &s.items.back())
      dl->AddLine(ImVec2(p.x + 40, std::floor(y) + 0.5f), ImVec2(p.x + inner, std::floor(y) + 0.5f),
                  theme::kDivider);
  }
  ImGui::Dummy(ImVec2(inner, y - p.y));
  if (s.total > static_cast<int32_t>(s.items.size())) {
    const std::string more =
        "and " + std::to_string(s.total - static_cast<int32_t>(s.items.size())) + " older updates";
    text(fonts().small, theme::kTextMuted, more);
  }
  card_end();
}

// [SECTION] Recent leads

void recent_leads(const OverviewState& o, float width) {
  card_begin(width, 0);
  card_title("Recent leads", "The latest leads registered");
  const float inner = card_inner_width();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();

  if (o.recent_leads.empty()) {
    empty_state(icon::kInbox, "No leads yet",
                "Submit your first lead and follow it here as it moves through the stages.",
                inner);
    card_end();
    return;
  }

  // Column lefts as fractions of the inner width; Value is right-aligned to its column's end.
  const float col_company = p.x;
  const float col_value_end = p.x + inner * 0.60f;
  const float col_stage = p.x + inner * 0.66f;
  const float col_date = p.x + inner * 0.84f;
  const float head_h = 32, row_h = 44;

  dl->AddRectFilled(ImVec2(p.x - theme::kCardPadding, p.y),
                    ImVec2(p.x + inner + theme::kCardPadding, p.y + head_h), theme::rgb(0xF9FAFB));
  dl->AddLine(ImVec2(p.x - theme::kCardPadding, p.y),
              ImVec2(p.x + inner + theme::kCardPadding, p.y), theme::kDivider);
  ImFont* hf = fonts().small_strong;
  const float hy = p.y + (head_h - font_px(hf)) * 0.5f - 1;
  text_at(hf, ImVec2(col_company, hy), theme::kTextMuted, "Company");
  const float vw = text_size(hf, "Value").x;
  text_at(hf, ImVec2(col_value_end - vw, hy), theme::kTextMuted, "Value");
  text_at(hf, ImVec2(col_stage, hy), theme::kTextMuted, "Stage");
  text_at(hf, ImVec2(col_date, hy), theme::kTextMuted, "Submitted");

  float y = p.y + head_h;
  for (const OverviewLead& lead : o.recent_leads) {
    dl->AddLine(ImVec2(p.x - theme::kCardPadding, y), ImVec2(p.x + inner + theme::kCardPadding, y),
                theme::kDivider);
    const float ty = y + (row_h - font_px(fonts().body)) * 0.5f - 1;
    ImGui::PushClipRect(ImVec2(col_company, y), ImVec2(col_value_end - 110, y + row_h), true);
    text_at(fonts().body_strong, ImVec2(col_company, ty), theme::kText, lead.company);
    ImGui::PopClipRect();
    const std::string value = money(lead.value_minor, o.currency);
    const float w = text_size(fonts().body, value).x;
    text_at(fonts().body, ImVec2(col_value_end - w, ty), theme::kNeutralText, value);
    const StageStyle st = stage_style(lead.stage);
    pill(ImVec2(col_stage, y + (row_h - 22) * 0.5f), lead_stage_label(lead.stage), st.bg, st.fg);
    text_at(fonts().body, ImVec2(col_date, ty), theme::kTextMuted, format_date(lead.created_at));
    y += row_h;
  }
  ImGui::Dummy(ImVec2(inner, y - p.y - 8));
  card_end();
}

// [SECTION] Leaderboard

void leaderboard(App& app, const OverviewState& o, bool vendor, float width) {
  LeaderboardMetric& metric = app.overview_ui().board;
  const bool by_accounts = metric == LeaderboardMetric::NewAccounts;
  const OverviewBoard& b = by_accounts ? o.accounts_board : o.revenue_board;
  card_begin(width);
  const ImVec2 head = ImGui::GetCursorScreenPos();
  const std::string sub = (b.quarter.empty() ? std::string("This quarter") : b.quarter) +
                          " \xc2\xb7 " + std::to_string(b.partners) + " partners";
  card_title("Leaderboard", sub);
  const float inner = card_inner_width();
  {
    // The two boards as tabs on the title's line.
    const ImVec2 save = ImGui::GetCursorScreenPos();
    const float tabs_w = text_size(fonts().small_strong, "Revenue").x +
                         text_size(fonts().small_strong, "New accounts").x + 52;
    ImGui::SetCursorScreenPos(ImVec2(head.x + inner - tabs_w, head.y + 2));
    if (chip("Revenue", "Revenue", !by_accounts)) metric = LeaderboardMetric::Revenue;
    ImGui::SameLine(0, 6);
    if (chip("New accounts", "New accounts", by_accounts)) metric = LeaderboardMetric::NewAccounts;
    ImGui::SetCursorScreenPos(save);
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  hook::record_rect(by_accounts ? "Leaderboard: new accounts" : "Leaderboard", p,
                    ImVec2(p.x + inner, p.y + 40));
  if (b.rows.empty()) {
    empty_state(icon::kTrophy, "No partners ranked yet",
                by_accounts ? "The board fills as customer accounts are added."
                            : "The board fills as deals are won.",
                inner);
    card_end();
    return;
  }
  const float row_h = 46;
  float y = p.y;
  int32_t prev_position = 0;
  for (const OverviewBoardRow& r : b.rows) {
    // A gap in positions (the viewer's row below the top rows) gets a dotted separator.
    if (prev_position != 0 && r.position != prev_position + 1) {
      for (float x = p.x + inner * 0.5f - 12; x <= p.x + inner * 0.5f + 12; x += 12)
        dl->AddCircleFilled(ImVec2(x, y + 8), 1.6f, theme::kTextFaint, 8);
      y += 16;
    }
    prev_position = r.position;
    const ImVec2 rmin(p.x - 8, y + 2), rmax(p.x + inner + 8, y + row_h - 2);
    if (r.is_viewer) {
      dl->AddRectFilled(rmin, rmax, theme::kAccentSoft, 8);
      dl->AddRect(rmin, rmax, theme::rgb(0xC7D2FE), 8);
    }
    // Rank badge: gold, silver, bronze for the podium.
    const ImU32 badge_bg = r.rank == 1   ? theme::rgb(0xFEF0C7)
                           : r.rank == 2 ? theme::rgb(0xF2F4F7)
                           : r.rank == 3 ? theme::rgb(0xFBE8DC)
                                         : theme::kCardBg;
    const ImU32 badge_fg = r.rank == 1   ? theme::rgb(0xB54708)
                           : r.rank == 2 ? theme::rgb(0x475467)
                           : r.rank == 3 ? theme::rgb(0x9C4221)
                                         : theme::kTextMuted;
    const ImVec2 bc(p.x + 13, y + 16);
    dl->AddCircleFilled(bc, 12, badge_bg, 24);
    if (r.rank > 3) dl->AddCircle(bc, 12, theme::kCardBorder, 24);
    const std::string rank = std::to_string(r.rank);
    const ImVec2 rs = text_size(fonts().small_strong, rank);
    text_at(fonts().small_strong, ImVec2(std::floor(bc.x - rs.x * 0.5f), std::floor(bc.y - rs.y * 0.5f)),
            badge_fg, rank);

    // Name (and "You"), the amount on the right when the viewer may see it.
    const float name_x = p.x + 36;
    std::string value;
    if (r.value_shown)
      value = by_accounts ? std::to_string(r.value_minor) +
                                (r.value_minor == 1 ? " account" : " accounts")
                          : money_compact(r.value_minor, o.currency);
    const ImVec2 vs = text_size(fonts().small_strong, value);
    float nx_end = p.x + inner - vs.x - 12;
    ImGui::PushClipRect(ImVec2(name_x, y), ImVec2(nx_end - (r.is_viewer ? 44 : 0), y + row_h), true);
    text_at(r.is_viewer ? fonts().body_strong : fonts().body, ImVec2(name_x, y + 6),
            r.value_shown || vendor ? theme::kText : theme::kTextSecondary, r.name);
    ImGui::PopClipRect();
    if (r.is_viewer) {
      const float nw = std::min(text_size(fonts().body_strong, r.name).x, nx_end - 44 - name_x);
      pill(ImVec2(name_x + nw + 8, y + 6), "You", theme::kAccent, theme::kCardBg);
    }
    if (!value.empty())
      text_at(fonts().small_strong, ImVec2(p.x + inner - vs.x, y + 8), theme::kText, value);

    // The bar: a faint track and the share of the leader, on whole pixels.
    const float track_x = name_x, track_w = p.x + inner - name_x;
    const float by = std::floor(y + 30);
    dl->AddRectFilled(ImVec2(track_x, by), ImVec2(track_x + track_w, by + 6), theme::kNeutralSoft,
                      3);
    const float fill = std::round(track_w * r.bar_pct / 100.0f);
    if (fill > 0)
      dl->AddRectFilled(ImVec2(track_x, by), ImVec2(track_x + std::max(fill, 6.0f), by + 6),
                        r.is_viewer ? theme::kAccent : theme::rgb(0xA5B4FC), 3);
    y += row_h;
  }
  ImGui::Dummy(ImVec2(inner, y - p.y));
  bool any = false;
  for (const OverviewBoardRow& r : b.rows) any |= r.bar_pct > 0;
  const char* note = !any ? (by_accounts ? "No account added yet this quarter: the first one leads."
                                        : "No deal won yet this quarter: the first win takes the lead.")
                     : vendor ? "Partners see their own row by name; others anonymised."
                              : "Other partners are shown anonymised, without amounts.";
  text(fonts().small, theme::kTextMuted, note);
  card_end();
}

// [SECTION] Announcements

void announcements(App& app, const OverviewState& o, float width) {
  card_begin(width);
  const ImVec2 head = ImGui::GetCursorScreenPos();
  card_title("Announcements", "News from the partner team");
  const float inner = card_inner_width();
  if (app.is_vendor()) {
    const ImVec2 save = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(head.x + inner - 76, head.y));
    if (button("New", ButtonKind::Secondary, ImVec2(76, 32), icon::kPlus))
      app.open_announcement_form();
    ImGui::SetCursorScreenPos(save);
  }
  if (o.announcements.empty()) {
    empty_state(icon::kBullhorn, "No announcements",
                "News from the vendor's partner team appears here.", inner);
    card_end();
    return;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (size_t i = 0; i < o.announcements.size() && i < 4; ++i) {
    const OverviewAnnouncement& a = o.announcements[i];
    const ImVec2 p = ImGui::GetCursorScreenPos();
    if (i > 0) dl->AddLine(ImVec2(p.x, p.y - 3.5f), ImVec2(p.x + inner, p.y - 3.5f), theme::kDivider);
    ImGui::Dummy(ImVec2(inner, 2));
    wrapped(fonts().body_strong, theme::kText, a.title, inner, 2);
    hook::record_owned("announcement:" + a.title);
    std::string meta = a.author_name + " \xc2\xb7 " + format_date(a.posted_at);
    const ImVec2 mp = ImGui::GetCursorScreenPos();
    text(fonts().small, theme::kTextMuted, meta);
    if (!a.audience_org.empty()) {
      const std::string who = (app.is_vendor() ? a.audience_name : std::string("Your team")) + " only";
      pill(ImVec2(mp.x + text_size(fonts().small, meta).x + 8, mp.y - 2), who, theme::kWarningSoft,
           theme::kWarningText);
    }
    wrapped(fonts().small, theme::kTextSecondary, a.body, inner, 2);
    ImGui::Dummy(ImVec2(inner, 4));
  }
  card_end();
}

// [SECTION] Commission charts

void commission_chart(const OverviewState& o, float width) {
  card_begin(width);
  card_title("Commission", o.revenue_share_bp > 0
                               ? "Expected at your " + percent(o.revenue_share_bp) +
                                     " share; won deals keep the share they were won at"
                               : std::string("Across every partner, at each one's share"));
  const float inner = card_inner_width();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  p.y += 4;
  const float chart_h = 120, label_h = 36, value_h = 20;

  struct Bar {
    const char* label;
    int64_t minor;
    ImU32 color;
  } bars[] = {{"Earned", o.commission_earned_minor, theme::kSuccess},
              {"Pending", o.commission_pending_minor, theme::rgb(0x2E90FA)},
              {"Expected", o.commission_expected_minor, theme::kAccent}};
  int64_t top = 1;
  for (const Bar& b : bars) top = std::max(top, b.minor);

  const float base = std::floor(p.y + value_h + chart_h) + 0.5f;
  for (int g = 1; g <= 2; ++g) {
    const float gy = std::floor(base - chart_h * g / 2.0f) + 0.5f;
    dl->AddLine(ImVec2(p.x, gy), ImVec2(p.x + inner, gy), theme::kDivider);
  }
  dl->AddLine(ImVec2(p.x, base), ImVec2(p.x + inner, base), theme::kCardBorder);

  const float slot = inner / 3.0f;
  const float bar_w = std::floor(std::min(56.0f, slot * 0.5f));
  for (int i = 0; i < 3; ++i) {
    const Bar& b = bars[i];
    const float cx = std::floor(p.x + slot * (i + 0.5f));
    const float h =
        b.minor > 0 ? std::max(3.0f, std::round(chart_h * float(double(b.minor) / top))) : 0;
    const float x0 = cx - std::floor(bar_w * 0.5f);
    if (h > 0)
      dl->AddRectFilled(ImVec2(x0, base - 0.5f - h), ImVec2(x0 + bar_w, base - 0.5f), b.color, 5,
                        ImDrawFlags_RoundCornersTop);
    const std::string v = money_compact(b.minor, o.currency);
    const ImVec2 vs = text_size(fonts().small_strong, v);
    text_at(fonts().small_strong, ImVec2(std::floor(cx - vs.x * 0.5f), std::floor(base - h - vs.y - 6)),
            theme::kText, v);
    const ImVec2 ls = text_size(fonts().small, b.label);
    dl->AddCircleFilled(ImVec2(cx - ls.x * 0.5f - 8, base + 17), 3.5f, b.color, 12);
    text_at(fonts().small, ImVec2(std::floor(cx - ls.x * 0.5f + 1), base + 9), theme::kTextMuted,
            b.label);
  }
  ImGui::Dummy(ImVec2(inner, value_h + chart_h + label_h));
  card_end();
}

// Commission by month: the last twelve months' won deals (from the Deals room's replica, which
// the app follows from log-in), earned and pending stacked. Falls back to the three totals
// while the Deals room has not arrived.
void commission_by_month_chart(App& app, const OverviewState& o, float width) {
  const DealsState* deals = app.replica().deals();
  if (!deals) return commission_chart(o, width);
  std::vector<WonCommission> won;
  for (const DealRow& r : deals->deals)
    if (r.deal.stage == DealStage::ClosedWon && r.deal.value.currency == o.currency)
      won.push_back(WonCommission{r.deal.won_at, r.expected_commission_minor, r.deal.commission_paid});
  const auto months = commission_by_month(won, static_cast<UnixTime>(emscripten_date_now() / 1000));

  card_begin(width);
  card_title("Commission by month", "Won deals of the last 12 months");
  const float inner = card_inner_width();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  hook::record_rect("Commission by month", p, ImVec2(p.x + inner, p.y + 150));
  int64_t top = 1, paid = 0, pending = 0;
  for (const MonthCommission& m : months) {
    top = std::max(top, m.paid_minor + m.pending_minor);
    paid += m.paid_minor;
    pending += m.pending_minor;
  }
  const float chart_h = 104, value_h = 18, label_h = 22;
  const float base = std::floor(p.y + value_h + chart_h) + 0.5f;
  dl->AddLine(ImVec2(p.x, std::floor(base - chart_h * 0.5f) + 0.5f),
              ImVec2(p.x + inner, std::floor(base - chart_h * 0.5f) + 0.5f), theme::kDivider);
  dl->AddLine(ImVec2(p.x, base), ImVec2(p.x + inner, base), theme::kCardBorder);
  static const char* kLetters[] = {"J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"};
  const float slot = inner / float(months.size());
  const float bar_w = std::floor(std::min(18.0f, slot * 0.6f));
  int64_t best = 0;
  size_t best_i = 0;
  for (size_t i = 0; i < months.size(); ++i) {
    const MonthCommission& m = months[i];
    const float cx = std::floor(p.x + slot * (i + 0.5f));
    const float x0 = cx - std::floor(bar_w * 0.5f);
    const int64_t total = m.paid_minor + m.pending_minor;
    if (total > best) best = total, best_i = i;
    const float h_total = total > 0 ? std::max(3.0f, std::round(chart_h * float(double(total) / top))) : 0;
    const float h_paid = total > 0 ? std::round(h_total * float(double(m.paid_minor) / total)) : 0;
    if (h_total > 0) {
      // Pending on top of earned; only the top segment is rounded.
      dl->AddRectFilled(ImVec2(x0, base - 0.5f - h_total), ImVec2(x0 + bar_w, base - 0.5f),
                        theme::rgb(0x2E90FA), 3, ImDrawFlags_RoundCornersTop);
      if (h_paid > 0)
        dl->AddRectFilled(ImVec2(x0, base - 0.5f - h_paid), ImVec2(x0 + bar_w, base - 0.5f),
                          theme::kSuccess, h_paid >= h_total ? 3.0f : 0.0f,
                          ImDrawFlags_RoundCornersTop);
    }
    const char* letter = kLetters[(m.month + 11) % 12];
    const ImVec2 ls = text_size(fonts().small, letter);
    text_at(fonts().small, ImVec2(std::floor(cx - ls.x * 0.5f), base + 5),
            i + 1 == months.size() ? theme::kText : theme::kTextMuted, letter);
  }
  if (best > 0) {
    // The best month's amount over its bar.
    const float cx = std::floor(p.x + slot * (best_i + 0.5f));
    const float h = std::max(3.0f, std::round(chart_h * float(double(best) / top)));
    const std::string v = money_compact(best, o.currency);
    const ImVec2 vs = text_size(fonts().small_strong, v);
    const float vx = std::clamp(std::floor(cx - vs.x * 0.5f), p.x, p.x + inner - vs.x);
    text_at(fonts().small_strong, ImVec2(vx, std::floor(base - h - vs.y - 4)), theme::kText, v);
  }
  ImGui::Dummy(ImVec2(inner, value_h + chart_h + label_h));
  // Legend with the totals.
  const ImVec2 lp = ImGui::GetCursorScreenPos();
  const std::string earned = "Earned " + money_compact(paid, o.currency);
  const std::string waiting = "Pending " + money_compact(pending, o.currency);
  dl->AddCircleFilled(ImVec2(lp.x + 4, lp.y + 8), 4, theme::kSuccess, 12);
  text_at(fonts().small, ImVec2(lp.x + 14, lp.y), theme::kTextSecondary, earned);
  const float x2 = lp.x + 14 + text_size(fonts().small, earned).x + 18;
  dl->AddCircleFilled(ImVec2(x2 + 4, lp.y + 8), 4, theme::rgb(0x2E90FA), 12);
  text_at(fonts().small, ImVec2(x2 + 14, lp.y), theme::kTextSecondary, waiting);
  ImGui::Dummy(ImVec2(inner, font_px(fonts().small) + 2));
  card_end();
}

// [SECTION] Success metrics and tasks
// The four success metrics of the Customer accounts room, drawn by the same code.
void success_metrics(const OverviewState& o, float width) {
  const OverviewAccounts& a = o.accounts;
  AccountTotals totals;
  totals.missing_cppos = a.missing_cppos;
  totals.net_missed_revenue_minor = a.net_missed_revenue_minor;
  totals.savings_opportunity_minor = a.savings_opportunity_minor;
  totals.lifetime_revenue_minor = a.lifetime_revenue_minor;
  totals.open_tasks = a.open_tasks;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  hook::record_rect("Success metrics", p, ImVec2(p.x + width, p.y + 112));
  success_tiles(totals, a.accounts, o.currency, width);
}

const char* task_icon(AccountTaskKind k) {
  switch (k) {
    case AccountTaskKind::CompleteOnboarding:
      return icon::kRocket;
    case AccountTaskKind::EnableMarketplace:
      return icon::kThLarge;
    case AccountTaskKind::CreatePrivateOffer:
      return icon::kHandshake;
    case AccountTaskKind::ScheduleBusinessReview:
      return icon::kClock;
    case AccountTaskKind::RenewPlan:
      return icon::kLineChart;
    case AccountTaskKind::Other:
      return icon::kTasks;
  }
  return icon::kTasks;
}

// The most urgent open tasks; a click opens the task's account in Customer accounts.
void tasks_card(App& app, const OverviewState& o, float width) {
  const OverviewAccounts& a = o.accounts;
  card_begin(width);
  const ImVec2 head = ImGui::GetCursorScreenPos();
  card_title("Available tasks", a.open_tasks > 0
                                    ? std::string("Most urgent first \xc2\xb7 open one to work on it")
                                    : std::string("What to do next for your customers"));
  const float inner = card_inner_width();
  if (a.open_tasks > 0) {
    const std::string count = std::to_string(a.open_tasks) + " open";
    const ImVec2 ps = pill_size(count);
    pill(ImVec2(head.x + inner - ps.x, head.y + 4), count, theme::kAccentSoft, theme::kAccentText);
  }
  const ImVec2 p = ImGui::GetCursorScreenPos();
  hook::record_rect("Available tasks", p, ImVec2(p.x + inner, p.y + 40));
  if (a.tasks.empty()) {
    empty_state(icon::kCheck, "No open tasks",
                "Onboarding steps, private offers and reviews for your customer accounts appear "
                "here.",
                inner);
    card_end();
    return;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const UnixTime now = static_cast<UnixTime>(emscripten_date_now() / 1000);
  const float row_h = 52;
  float y = p.y;
  const size_t shown = std::min(a.tasks.size(), kOverviewTasks);
  for (size_t i = 0; i < shown; ++i) {
    const OverviewTask& t = a.tasks[i];
    const ImVec2 r0(p.x - 8, y), r1(p.x + inner + 8, y + row_h);
    ImGui::SetCursorScreenPos(r0);
    ImGui::PushID(t.id.c_str());
    const bool clicked = ImGui::InvisibleButton("task", ImVec2(r1.x - r0.x, row_h));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    hook::record_owned("task:" + t.id);  // the row's rectangle, under a label that outlives it
    if (hovered) {
      dl->AddRectFilled(r0, r1, theme::kNeutralSoft, 8);
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    if (i > 0 && !hovered)
      dl->AddLine(ImVec2(p.x, y + 0.5f), ImVec2(p.x + inner, y + 0.5f), theme::kDivider);
    icon_badge(ImVec2(p.x + 16, y + row_h * 0.5f), 16, task_icon(t.kind), theme::kAccentSoft,
               theme::kAccent);

    // Due date on the right: overdue in red, soon in amber, none muted.
    std::string due = "No due date";
    ImU32 due_bg = theme::kNeutralSoft, due_fg = theme::kTextMuted;
    if (t.due_at > 0) {
      if (t.due_at < now) {
        due = "Overdue \xc2\xb7 " + format_date(t.due_at);
        due_bg = theme::kDangerSoft, due_fg = theme::kDanger;
      } else {
        due = "Due " + format_date(t.due_at);
        const bool soon = t.due_at - now < 7 * 86400;
        due_bg = soon ? theme::kWarningSoft : theme::kNeutralSoft;
        due_fg = soon ? theme::kWarningText : theme::kNeutralText;
      }
    }
    const ImVec2 ds = pill_size(due);
    pill(ImVec2(p.x + inner - ds.x, y + (row_h - ds.y) * 0.5f), due, due_bg, due_fg);

    const float tx = p.x + 44, tx_end = p.x + inner - ds.x - 16;
    const std::string title =
        t.title.empty() ? std::string(account_task_kind_label(t.kind)) : t.title;
    ImGui::PushClipRect(ImVec2(tx, y), ImVec2(tx_end, y + row_h), true);
    text_at(fonts().body_strong, ImVec2(tx, y + 8), theme::kText, title);
    text_at(fonts().small, ImVec2(tx, y + 29), theme::kTextMuted, t.account_name);
    ImGui::PopClipRect();
    if (clicked) app.open_account(t.account_id);
    y += row_h;
  }
  ImGui::SetCursorScreenPos(ImVec2(p.x, y + 6));
  if (a.open_tasks > int32_t(shown)) {
    const std::string more =
        "+" + std::to_string(a.open_tasks - int32_t(shown)) + " more in Customer accounts";
    text(fonts().small, theme::kTextMuted, more);
  } else {
    ImGui::Dummy(ImVec2(inner, 2));
  }
  card_end();
}

// [SECTION] Loading state

void skeleton(float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const int cols = tile_columns(width);
  const float g = theme::kGap;
  const float tile_w = std::floor((width - g * (cols - 1)) / cols);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  for (int i = 0; i < 6; ++i) {
    const int r = i / cols, c = i % cols;
    const ImVec2 pos(start.x + c * (tile_w + g), start.y + r * (kTileHeight + g));
    const ImVec2 max(pos.x + tile_w, pos.y + kTileHeight);
    dl->AddRectFilled(pos, max, theme::kCardBg, theme::kCardRounding);
    dl->AddRect(pos, max, theme::kCardBorder, theme::kCardRounding);
    dl->AddRectFilled(ImVec2(pos.x + 18, pos.y + 20), ImVec2(pos.x + 100, pos.y + 30),
                      theme::kNeutralSoft, 5);
    dl->AddRectFilled(ImVec2(pos.x + 18, pos.y + 48), ImVec2(pos.x + 120, pos.y + 70),
                      theme::kNeutralSoft, 6);
  }
  const int rows = (6 + cols - 1) / cols;
  ImGui::Dummy(ImVec2(width, rows * kTileHeight + (rows - 1) * g));
  ImGui::Dummy(ImVec2(0, 16));
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const char* msg = "Loading your overview\xe2\x80\xa6";
  const ImVec2 ms = text_size(fonts().body, msg);
  const float cx = p.x + width * 0.5f;
  spinner(ImVec2(cx - (ms.x + 26) * 0.5f + 8, p.y + 12), 7, theme::kAccent);
  text_at(fonts().body, ImVec2(cx - (ms.x + 26) * 0.5f + 26, p.y + 12 - ms.y * 0.5f),
          theme::kTextMuted, msg);
  ImGui::Dummy(ImVec2(width, 24));
}

}  // namespace

// [SECTION] Room

void overview_room(App& app) {
  const float width = ImGui::GetContentRegionAvail().x;
  title_row(app, width);

  const OverviewState* o = app.replica().overview();
  if (!o) {
    skeleton(width);
    return;
  }
  const bool vendor = app.is_vendor();
  tiles(*o, vendor, width);
  gap();
  success_metrics(*o, width);
  gap();

  const bool two_columns = width >= 900;
  const float side_w = two_columns ? std::floor((width - theme::kGap) / 3.0f) : width;
  const float main_w = two_columns ? width - side_w - theme::kGap : width;
  const ImVec2 row = ImGui::GetCursorScreenPos();

  // Right column: the leaderboard, announcements, commission and the success-metrics place.
  if (two_columns) ImGui::SetCursorScreenPos(ImVec2(row.x + main_w + theme::kGap, row.y));
  ImGui::BeginGroup();
  leaderboard(app, *o, vendor, side_w);
  gap();
  announcements(app, *o, side_w);
  gap();
  commission_by_month_chart(app, *o, side_w);
  ImGui::EndGroup();
  const float side_bottom = ImGui::GetItemRectMax().y;

  if (two_columns)
    ImGui::SetCursorScreenPos(row);
  else
    gap();
  ImGui::BeginGroup();
  tasks_card(app, *o, main_w);
  gap();
  pipeline_chart(*o, main_w);
  gap();
  since_card(*o, main_w);
  gap();
  recent_leads(*o, main_w);
  ImGui::EndGroup();
  const float main_bottom = ImGui::GetItemRectMax().y;
  ImGui::SetCursorScreenPos(ImVec2(row.x, std::max(side_bottom, main_bottom)));
  ImGui::Dummy(ImVec2(width, 0));
}

}  // namespace portal::client::ui

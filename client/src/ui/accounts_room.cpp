// The Customer accounts room: the four success metrics on top, then every customer account of
// the partner (or, for vendor staff, of every partner) in a table sorted by savings opportunity,
// sortable by every column, with a search box, an "open tasks" filter and the partner filter.
// 10,000 rows stay smooth: the filtered, sorted order is rebuilt only when its inputs change
// and ImGuiListClipper draws only the visible rows. A selected account opens a side panel with
// its plans and its tasks as checkboxes.
// Index:
// [SECTION] Row order
// [SECTION] Header and metrics
// [SECTION] Filters
// [SECTION] Table
// [SECTION] Side panel
// [SECTION] Room
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "app.h"
#include "fonts.h"
#include "icons.h"
#include "imgui.h"
#include "portal/rooms/accounts.h"
#include "portal/rules/permissions.h"
#include "test_hook.h"
#include "theme.h"
#include "ui/format.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {
namespace {

constexpr float kPanelWidth = 380;
constexpr float kRowHeight = 52;
constexpr float kHeadHeight = 36;

enum Col { kName, kPartner, kSavings, kMissed, kCppos, kLifetime, kTasks, kAdded, kColCount };

struct Column {
  const char* title;
  const char* hook;  // test-hook label of the header ("sort:Savings opportunity")
  float start, end;  // fractions of the inner width; end <= start hides the column
  bool right;        // right-aligned (figures)
};
using Layout = std::array<Column, kColCount>;

// Three layouts: vendor staff get a Partner column; beside the side panel (or on a narrow
// screen) Partner and Added give way so the figures keep room (both are in the panel).
constexpr Layout kVendorWide = {{
    {"Account", "sort:Account", 0.00f, 0.19f, false},
    {"Partner", "sort:Partner", 0.19f, 0.33f, false},
    {"Savings opportunity", "sort:Savings opportunity", 0.33f, 0.47f, true},
    {"Net missed revenue", "sort:Net missed revenue", 0.47f, 0.59f, true},
    {"Missing CPPOs", "sort:Missing CPPOs", 0.59f, 0.69f, true},
    {"Lifetime revenue", "sort:Lifetime revenue", 0.69f, 0.81f, true},
    {"Open tasks", "sort:Open tasks", 0.84f, 0.92f, false},
    {"Added", "sort:Added", 0.92f, 1.00f, false}}};
constexpr Layout kPartnerWide = {{
    {"Account", "sort:Account", 0.00f, 0.26f, false},
    {"Partner", "sort:Partner", 0.00f, 0.00f, false},
    {"Savings opportunity", "sort:Savings opportunity", 0.26f, 0.42f, true},
    {"Net missed revenue", "sort:Net missed revenue", 0.42f, 0.56f, true},
    {"Missing CPPOs", "sort:Missing CPPOs", 0.56f, 0.67f, true},
    {"Lifetime revenue", "sort:Lifetime revenue", 0.67f, 0.80f, true},
    {"Open tasks", "sort:Open tasks", 0.84f, 0.92f, false},
    {"Added", "sort:Added", 0.92f, 1.00f, false}}};
constexpr Layout kNarrow = {{
    {"Account", "sort:Account", 0.00f, 0.27f, false},
    {"Partner", "sort:Partner", 0.00f, 0.00f, false},
    {"Savings opportunity", "sort:Savings opportunity", 0.27f, 0.46f, true},
    {"Net missed revenue", "sort:Net missed revenue", 0.46f, 0.63f, true},
    {"Missing CPPOs", "sort:Missing CPPOs", 0.63f, 0.76f, true},
    {"Lifetime revenue", "sort:Lifetime revenue", 0.76f, 0.90f, true},
    {"Open tasks", "sort:Open tasks", 0.915f, 1.00f, false},
    {"Added", "sort:Added", 0.00f, 0.00f, false}}};

// "€550,000" for whole amounts, "€1,234.50" otherwise: figures read better without ".00".
std::string amount(int64_t minor, const std::string& currency) {
  std::string s = money(minor, currency);
  if (minor % 100 == 0) {
    const auto dot = s.rfind(".00");
    if (dot != std::string::npos) s.erase(dot, 3);
  }
  return s;
}

bool contains_folded(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return true;
  auto eq = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  };
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), eq) != hay.end();
}

// [SECTION] Row order

// What the tiles show: the totals of the partner in view (vendor staff) or of the partner.
struct Scope {
  AccountTotals totals;
  int32_t accounts = 0;
  int32_t with_open_tasks = 0;
};

uint64_t mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001B3ull; }
uint64_t mix(uint64_t h, std::string_view s) {
  for (char c : s) h = mix(h, uint64_t(static_cast<unsigned char>(c)));
  return mix(h, uint64_t(s.size()));
}

// Rebuilds ui.rows (indices into s.accounts) and `scope` when the room or a filter changed.
void refresh_rows(AccountsUi& ui, const AccountsState& s, const RoomReplica& replica,
                  Scope& scope) {
  uint64_t key = 0xCBF29CE484222325ull;
  key = mix(key, uint64_t(replica.seq));
  key = mix(key, uint64_t(replica.snapshots));
  key = mix(key, uint64_t(s.accounts.size()));
  key = mix(key, uint64_t(ui.sort_column * 2 + (ui.sort_descending ? 1 : 0)));
  key = mix(key, uint64_t(ui.open_tasks_only));
  key = mix(key, std::string_view(ui.search));
  key = mix(key, std::string_view(ui.partner_filter));
  if (key == ui.rows_key) return;
  ui.rows_key = key;
  ui.rows.clear();
  scope = Scope();
  const std::string_view needle(ui.search);
  for (size_t i = 0; i < s.accounts.size(); ++i) {
    const AccountRow& r = s.accounts[i];
    if (!ui.partner_filter.empty() && r.account.org_id != ui.partner_filter) continue;
    scope.totals.missing_cppos += r.metrics.missing_cppos;
    scope.totals.net_missed_revenue_minor += r.metrics.net_missed_revenue_minor;
    scope.totals.savings_opportunity_minor += r.metrics.savings_opportunity_minor;
    scope.totals.lifetime_revenue_minor += r.metrics.lifetime_revenue_minor;
    scope.totals.open_tasks += r.open_tasks;
    ++scope.accounts;
    if (r.open_tasks > 0) ++scope.with_open_tasks;
    if (ui.open_tasks_only && r.open_tasks == 0) continue;
    if (!contains_folded(r.account.name, needle) && !contains_folded(r.account.website, needle) &&
        !contains_folded(r.partner, needle))
      continue;
    ui.rows.push_back(int(i));
  }
  // The state is in table order (savings descending, then name): the default needs no sort, and
  // a stable sort keeps that order among equal keys for every other column.
  if (ui.sort_column == kSavings && ui.sort_descending) return;
  auto key_less = [&](int a, int b) {
    const AccountRow &x = s.accounts[size_t(a)], &y = s.accounts[size_t(b)];
    switch (ui.sort_column) {
      case kPartner: return x.partner < y.partner;
      case kSavings: return x.metrics.savings_opportunity_minor < y.metrics.savings_opportunity_minor;
      case kMissed: return x.metrics.net_missed_revenue_minor < y.metrics.net_missed_revenue_minor;
      case kCppos: return x.metrics.missing_cppos < y.metrics.missing_cppos;
      case kLifetime: return x.metrics.lifetime_revenue_minor < y.metrics.lifetime_revenue_minor;
      case kTasks: return x.open_tasks < y.open_tasks;
      case kAdded: return x.account.created_at < y.account.created_at;
      default: return x.account.name < y.account.name;
    }
  };
  std::stable_sort(ui.rows.begin(), ui.rows.end(), [&](int a, int b) {
    return ui.sort_descending ? key_less(b, a) : key_less(a, b);
  });
}

bool may_add(const App& app) {
  const WelcomeFrame& w = *app.session();
  const Actor actor{w.user.id, w.user.org_id, w.user.role};
  // Vendor staff add for a partner they pick in the form; the rule only asks that the
  // organisation is not the vendor's own, so any partner's id gives the same answer.
  if (app.is_vendor()) return may_work_accounts(actor, "a partner", w.org.id);
  return may_work_accounts(actor, w.user.org_id, Id());
}

bool may_tick(const App& app, const AccountRow& r) {
  const WelcomeFrame& w = *app.session();
  const Actor actor{w.user.id, w.user.org_id, w.user.role};
  return may_work_accounts(actor, r.account.org_id, app.is_vendor() ? w.org.id : Id());
}

// [SECTION] Header and metrics

void header(App& app, float width) {
  const ImVec2 top = ImGui::GetCursorScreenPos();
  text(fonts().title, theme::kText, "Customer accounts");
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  text(fonts().body, theme::kTextMuted,
       app.is_vendor() ? "Every partner's customers, by savings opportunity"
                       : "Your customers, their plans and what to do next");
  if (may_add(app)) {
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(top.x + width - 160, top.y + 6));
    if (button("Add account", ButtonKind::Primary, ImVec2(160, 40), icon::kPlus))
      app.open_account_form();
    ImGui::SetCursorScreenPos(after);
  }
  ImGui::Dummy(ImVec2(0, 8));
}

void metrics(const Scope& scope, const std::string& currency, float width) {
  success_tiles(scope.totals, scope.accounts, currency, width);
}

}  // namespace

void success_tiles(const AccountTotals& totals, int32_t accounts, const std::string& currency,
                   float width) {
  const std::string savings = amount(totals.savings_opportunity_minor, currency);
  const std::string missed = amount(totals.net_missed_revenue_minor, currency);
  const std::string cppos = std::to_string(totals.missing_cppos);
  const std::string lifetime = amount(totals.lifetime_revenue_minor, currency);
  const std::string across =
      "Across " + std::to_string(accounts) + (accounts == 1 ? " account" : " accounts");
  const StatTile tiles[] = {
      {"Savings opportunity", savings, "Plans that can still be executed", icon::kLineChart,
       theme::kSuccessSoft, theme::kSuccess},
      {"Net missed revenue", missed, "Plans that expired unexecuted", icon::kExclamation,
       theme::kDangerSoft, theme::kDanger},
      {"Missing CPPOs", cppos, "Eligible plans without a private offer", icon::kHandshake,
       theme::kWarningSoft, theme::kWarning},
      {"Lifetime revenue", lifetime, across, icon::kMoney, theme::kAccentSoft, theme::kAccent},
  };
  const float gap = theme::kGap, tile_h = 112;
  const int cols = width < 760 ? 2 : 4;
  const float tile_w = std::floor((width - gap * (cols - 1)) / cols);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  int i = 0;
  for (const StatTile& t : tiles) {
    const int r = i / cols, c = i % cols;
    const ImVec2 pos(start.x + c * (tile_w + gap), start.y + r * (tile_h + gap));
    stat_tile(t, pos, ImVec2(c == cols - 1 ? width - c * (tile_w + gap) : tile_w, tile_h));
    ++i;
  }
  const int rows = (i + cols - 1) / cols;
  ImGui::Dummy(ImVec2(width, rows * tile_h + (rows - 1) * gap + 8));
}

namespace {

// [SECTION] Filters

void filters(App& app, const AccountsState& s, const Scope& scope, float width) {
  AccountsUi& ui = app.accounts_ui();
  const ImVec2 start = ImGui::GetCursorScreenPos();
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(34, 7));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 15.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
  ImGui::PushStyleColor(ImGuiCol_Border, theme::kCardBorder);
  ImGui::PushStyleColor(ImGuiCol_FrameBg, theme::kCardBg);
  ImGui::PushFont(fonts().small);
  ImGui::SetNextItemWidth(300);
  ImGui::InputTextWithHint("##search", "Search accounts, websites, partners", ui.search,
                           sizeof(ui.search));
  hook::record("Search accounts");
  const ImVec2 box = ImGui::GetItemRectMin();
  const float box_h = ImGui::GetItemRectSize().y;
  ImGui::PopFont();
  ImGui::PopStyleColor(2);
  ImGui::PopStyleVar(3);
  text_at(fonts().small, ImVec2(box.x + 13, box.y + (box_h - font_px(fonts().small)) * 0.5f - 1),
          theme::kTextFaint, icon::kFilter);

  ImGui::SameLine(0, 12);
  ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, start.y + (box_h - 30) * 0.5f));
  if (chip("Open tasks only", "Open tasks", ui.open_tasks_only, scope.with_open_tasks))
    ui.open_tasks_only = !ui.open_tasks_only;
  if (app.is_vendor() && s.partners.size() > 1) {
    ImGui::SameLine(0, 12);
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, start.y + (box_h - 30) * 0.5f));
    partner_filter(ui.partner_filter, s.partners);
  }
  char shown[64];
  std::snprintf(shown, sizeof(shown), "%d of %d accounts", int(ui.rows.size()), scope.accounts);
  const float sw = text_size(fonts().small, shown).x;
  text_at(fonts().small, ImVec2(start.x + width - sw, start.y + (box_h - font_px(fonts().small)) * 0.5f - 1),
          theme::kTextMuted, shown);
  ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + box_h));
  ImGui::Dummy(ImVec2(width, 8));
}

// [SECTION] Table

void tasks_pill(ImVec2 pos, int open) {
  if (open == 0) {
    pill(pos, "All done", theme::kSuccessSoft, theme::kSuccessText);
    return;
  }
  char buf[24];
  std::snprintf(buf, sizeof(buf), "%d open", open);
  pill(pos, buf, theme::kWarningSoft, theme::kWarningText);
}

void table(App& app, const AccountsState& s, float width) {
  AccountsUi& ui = app.accounts_ui();
  const bool vendor = app.is_vendor();
  const std::string& cur = s.currency;
  card_begin(width);
  const float inner = card_inner_width();
  const Layout& cols = inner < 900 ? kNarrow : vendor ? kVendorWide : kPartnerWide;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float bleed = theme::kCardPadding;
  auto shown = [&](int c) { return cols[c].end > cols[c].start; };
  auto col_x = [&](int c) { return p.x + inner * cols[c].start; };
  // Text columns leave a gutter before the next column; figures end at their own edge.
  auto col_end = [&](int c) { return p.x + inner * cols[c].end - (cols[c].right ? 0.0f : 12.0f); };
  auto cell_start = [&](int c) { return col_x(c); };

  dl->AddRectFilled(ImVec2(p.x - bleed, p.y), ImVec2(p.x + inner + bleed, p.y + kHeadHeight),
                    theme::rgb(0xF9FAFB));
  dl->AddLine(ImVec2(p.x - bleed, p.y + kHeadHeight - 0.5f),
              ImVec2(p.x + inner + bleed, p.y + kHeadHeight - 0.5f), theme::kCardBorder);
  ImFont* hf = fonts().small_strong;
  const float hy = p.y + (kHeadHeight - font_px(hf)) * 0.5f - 1;
  for (int c = 0; c < kColCount; ++c) {
    if (!shown(c)) continue;
    const bool active = ui.sort_column == c;
    const float tw = text_size(hf, cols[c].title).x, arrow = active ? 14.0f : 0.0f;
    const float x = cols[c].right ? col_end(c) - tw - arrow : cell_start(c);
    ImGui::SetCursorScreenPos(ImVec2(x - 4, p.y));
    ImGui::PushID(c);
    if (ImGui::InvisibleButton("##sort", ImVec2(tw + arrow + 8, kHeadHeight))) {
      if (active) {
        ui.sort_descending = !ui.sort_descending;
      } else {
        // Figures start with the largest, text from A.
        ui.sort_column = c;
        ui.sort_descending = cols[c].right || c == kTasks || c == kAdded;
      }
    }
    ImGui::PopID();
    hook::record(cols[c].hook);
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    text_at(hf, ImVec2(x, hy), active ? theme::kAccentText : hovered ? theme::kText : theme::kTextMuted,
            cols[c].title);
    if (active)
      text_at(fonts().small, ImVec2(x + tw + 4, hy), theme::kAccentText,
              ui.sort_descending ? "\xe2\x86\x93" : "\xe2\x86\x91");
  }
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + kHeadHeight));

  if (ui.rows.empty()) {
    ImGui::Dummy(ImVec2(inner, 28));
    const char* t = s.accounts.empty()
                        ? "No customer accounts yet. Add the first one to follow its plans and tasks."
                        : "No accounts match these filters.";
    const float tw = text_size(fonts().body, t).x;
    ImGui::SetCursorScreenPos(ImVec2(p.x + (inner - tw) * 0.5f, ImGui::GetCursorScreenPos().y));
    text(fonts().body, theme::kTextMuted, t);
    ImGui::Dummy(ImVec2(inner, 28));
    card_end();
    return;
  }

  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGuiListClipper clipper;
  clipper.Begin(int(ui.rows.size()), kRowHeight);
  static std::string label;  // reused: a steady frame does not allocate
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const AccountRow& r = s.accounts[size_t(ui.rows[size_t(i)])];
      const ImVec2 rp = ImGui::GetCursorScreenPos();
      ImGui::PushID(r.account.id.c_str());
      if (ImGui::InvisibleButton("##row", ImVec2(inner, kRowHeight)))
        ui.selected = ui.selected == r.account.id ? std::string() : r.account.id;
      ImGui::PopID();
      label.assign("account:").append(r.account.name);
      hook::record_owned(label);
      const bool selected = ui.selected == r.account.id, hovered = ImGui::IsItemHovered();
      if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      const ImVec2 a(rp.x - bleed, rp.y), b(rp.x + inner + bleed, rp.y + kRowHeight);
      if (selected)
        dl->AddRectFilled(a, b, theme::kAccentSoft);
      else if (hovered)
        dl->AddRectFilled(a, b, theme::rgb(0xFAFAFB));
      if (i > 0) dl->AddLine(a, ImVec2(b.x, a.y), theme::kDivider);
      if (selected) dl->AddRectFilled(a, ImVec2(a.x + 3, b.y), theme::kAccent);

      const float ty = rp.y + (kRowHeight - font_px(fonts().body)) * 0.5f - 1;
      auto cell = [&](int c, ImFont* f, ImU32 col, std::string_view t) {
        const float x = cols[c].right ? col_end(c) - text_size(f, t).x : cell_start(c);
        ImGui::PushClipRect(ImVec2(col_x(c), rp.y), ImVec2(col_end(c), rp.y + kRowHeight), true);
        text_at(f, ImVec2(x, ty), col, t);
        ImGui::PopClipRect();
      };
      // Name over website.
      ImGui::PushClipRect(ImVec2(col_x(kName), rp.y), ImVec2(col_end(kName), rp.y + kRowHeight), true);
      text_at(fonts().body_strong, ImVec2(col_x(kName), rp.y + 8), theme::kText, r.account.name);
      text_at(fonts().small, ImVec2(col_x(kName), rp.y + 29), theme::kTextMuted,
              r.account.website.empty() ? std::string_view("No website") : std::string_view(r.account.website));
      ImGui::PopClipRect();
      if (shown(kPartner)) cell(kPartner, fonts().body, theme::kTextSecondary, r.partner);
      const AccountMetrics& m = r.metrics;
      cell(kSavings, fonts().body_strong,
           m.savings_opportunity_minor > 0 ? theme::kSuccessText : theme::kTextFaint,
           amount(m.savings_opportunity_minor, cur));
      cell(kMissed, fonts().body, m.net_missed_revenue_minor > 0 ? theme::kDanger : theme::kTextFaint,
           amount(m.net_missed_revenue_minor, cur));
      char n[16];
      std::snprintf(n, sizeof(n), "%d", m.missing_cppos);
      cell(kCppos, fonts().body, m.missing_cppos > 0 ? theme::kWarningText : theme::kTextFaint, n);
      cell(kLifetime, fonts().body, theme::kNeutralText, amount(m.lifetime_revenue_minor, cur));
      tasks_pill(ImVec2(cell_start(kTasks), rp.y + (kRowHeight - 22) * 0.5f), r.open_tasks);
      if (shown(kAdded)) cell(kAdded, fonts().body, theme::kTextMuted, format_date(r.account.created_at));
    }
  }
  clipper.End();
  ImGui::PopStyleVar();
  card_end();
}

// [SECTION] Side panel

void figure(const char* label, const std::string& value, ImU32 color) {
  text(fonts().small, theme::kTextMuted, label);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  text(fonts().body_strong, color, value);
}

void divider(float inner) {
  ImGui::Dummy(ImVec2(0, 4));
  const ImVec2 c = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(c.x - theme::kCardPadding, c.y),
                                      ImVec2(c.x + inner + theme::kCardPadding, c.y),
                                      theme::kDivider);
  ImGui::Dummy(ImVec2(0, 8));
}

StageStyle plan_style(PlanStatus s) {
  switch (s) {
    case PlanStatus::Executed: return {theme::kSuccessSoft, theme::kSuccessText};
    case PlanStatus::Executable: return {theme::kInfoSoft, theme::kInfoText};
    case PlanStatus::ExpiredUnexecuted: return {theme::kDangerSoft, theme::kDanger};
  }
  return {theme::kNeutralSoft, theme::kNeutralText};
}

// A task as a checkbox row: the box, its title, and its due or completion date on the right.
void task_row(App& app, const AccountTask& t, bool enabled, float inner, std::string& label) {
  const TaskStatus status = app.shown_task_status(t.id, t.status);
  const bool done = status == TaskStatus::Done;
  const bool cancelled = status == TaskStatus::Cancelled;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = 40;
  ImGui::PushID(t.id.c_str());
  const bool pressed = ImGui::InvisibleButton("##task", ImVec2(inner, h)) && enabled && !cancelled;
  ImGui::PopID();
  label.assign("task:").append(display_title(t));
  hook::record_owned(label);
  const bool hovered = ImGui::IsItemHovered() && enabled;
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (hovered)
    dl->AddRectFilled(ImVec2(p.x - 6, p.y), ImVec2(p.x + inner + 6, p.y + h), theme::rgb(0xF9FAFB), 6);
  const ImVec2 b0(p.x + 2, p.y + (h - 18) * 0.5f), b1(b0.x + 18, b0.y + 18);
  if (done) {
    dl->AddRectFilled(b0, b1, theme::kAccent, 5);
    const ImVec2 ts = text_size(fonts().small, icon::kCheck);
    text_at(fonts().small, ImVec2(b0.x + (18 - ts.x) * 0.5f, b0.y + (18 - ts.y) * 0.5f),
            theme::rgb(0xFFFFFF), icon::kCheck);
  } else {
    dl->AddRectFilled(b0, b1, theme::kCardBg, 5);
    dl->AddRect(b0, b1, hovered ? theme::kAccent : theme::kInputBorder, 5, 0, 1.5f);
  }
  const std::string_view title = display_title(t);
  const ImU32 col = done || cancelled ? theme::kTextMuted : theme::kText;
  const float ty = p.y + (h - font_px(fonts().body)) * 0.5f - 1;
  std::string when;
  ImU32 when_col = theme::kTextMuted;
  if (done && t.completed_at) {
    when = "Done " + format_date(t.completed_at);
  } else if (cancelled) {
    when = "Cancelled";
  } else if (t.due_at) {
    when = "Due " + format_date(t.due_at);
    if (t.due_at < UnixTime(app.now_ms() / 1000)) when_col = theme::kDanger;
  }
  const float ww = when.empty() ? 0 : text_size(fonts().small, when).x;
  ImGui::PushClipRect(ImVec2(p.x + 30, p.y), ImVec2(p.x + inner - ww - 10, p.y + h), true);
  text_at(fonts().body, ImVec2(p.x + 30, ty), col, title);
  if (done) {
    const float tw = text_size(fonts().body, title).x;
    dl->AddLine(ImVec2(p.x + 30, ty + font_px(fonts().body) * 0.55f),
                ImVec2(p.x + 30 + tw, ty + font_px(fonts().body) * 0.55f), theme::kTextFaint);
  }
  ImGui::PopClipRect();
  if (!when.empty())
    text_at(fonts().small, ImVec2(p.x + inner - ww, p.y + (h - font_px(fonts().small)) * 0.5f - 1),
            when_col, when);
  if (pressed) app.set_account_task(t.id, done ? TaskStatus::Open : TaskStatus::Done);
}

void side_panel(App& app, const AccountRow& r, const std::string& cur, float width) {
  AccountsUi& ui = app.accounts_ui();
  card_begin(width);
  const float inner = card_inner_width();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner - 92);
  ImGui::PushFont(fonts().heading);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kText);
  ImGui::TextWrapped("%s", r.account.name.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  const ImVec2 after = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(top.x + inner - 84, top.y - 4));
  if (button("Close", ButtonKind::Ghost, ImVec2(84, 32), icon::kTimes)) ui.selected.clear();
  ImGui::SetCursorScreenPos(after);
  std::string sub = r.account.website.empty() ? std::string("No website") : r.account.website;
  if (!r.partner.empty() && app.is_vendor()) sub += " \xc2\xb7 " + r.partner;
  text(fonts().small, theme::kTextMuted, sub);
  text(fonts().small, theme::kTextFaint, "Added " + format_date(r.account.created_at));
  divider(inner);

  const AccountMetrics& m = r.metrics;
  const float half = inner * 0.5f + theme::kCardPadding;
  ImGui::BeginGroup();
  figure("Savings opportunity", amount(m.savings_opportunity_minor, cur), theme::kSuccessText);
  ImGui::EndGroup();
  ImGui::SameLine(half);
  ImGui::BeginGroup();
  figure("Net missed revenue", amount(m.net_missed_revenue_minor, cur),
         m.net_missed_revenue_minor > 0 ? theme::kDanger : theme::kText);
  ImGui::EndGroup();
  ImGui::Dummy(ImVec2(0, 2));
  ImGui::BeginGroup();
  figure("Missing CPPOs", std::to_string(m.missing_cppos),
         m.missing_cppos > 0 ? theme::kWarningText : theme::kText);
  ImGui::EndGroup();
  ImGui::SameLine(half);
  ImGui::BeginGroup();
  figure("Lifetime revenue", amount(m.lifetime_revenue_minor, cur), theme::kText);
  ImGui::EndGroup();
  divider(inner);

  if (!r.detail) {
    // Plans and tasks load when the panel opens (account.detail); the row's counts show meanwhile.
    app.request_account_detail(r.account.id);
    const AccountsUi& ui_now = app.accounts_ui();
    const bool failed = ui_now.detail_for == r.account.id && !ui_now.detail_error.empty();
    text(fonts().body_strong, theme::kText, "Commitment plans and tasks");
    char counts[64];
    std::snprintf(counts, sizeof(counts), "%d plan%s Â· %d open task%s", r.plan_count,
                  r.plan_count == 1 ? "" : "s", r.open_tasks, r.open_tasks == 1 ? "" : "s");
    text(fonts().small, theme::kTextMuted, counts);
    ImGui::Dummy(ImVec2(0, 4));
    if (failed) {
      text(fonts().small, theme::kDanger, ui_now.detail_error);
    } else {
      const ImVec2 c = ImGui::GetCursorScreenPos();
      spinner(ImVec2(c.x + 8, c.y + 9), 6, theme::kAccent);
      text_at(fonts().small, ImVec2(c.x + 22, c.y), theme::kTextMuted, "Loadingâ¦");
      ImGui::Dummy(ImVec2(inner, 20));
      request_animation();
    }
    card_end();
    return;
  }
  text(fonts().body_strong, theme::kText, "Commitment plans");
  if (r.account.plans.empty()) text(fonts().small, theme::kTextMuted, "No plans on record yet.");
  for (const CommitmentPlan& plan : r.account.plans) {
    const ImVec2 pp = ImGui::GetCursorScreenPos();
    const std::string value = amount(plan.value.minor, plan.value.currency);
    const float vw = text_size(fonts().body_strong, value).x;
    ImGui::PushClipRect(pp, ImVec2(pp.x + inner - vw - 12, pp.y + 60), true);
    text_at(fonts().body, pp, theme::kText, plan.name.empty() ? std::string_view("Plan") : plan.name);
    ImGui::PopClipRect();
    text_at(fonts().body_strong, ImVec2(pp.x + inner - vw, pp.y), theme::kText, value);
    // Second line: status and end date; third, when it applies, the private-offer note.
    const StageStyle st = plan_style(plan.status);
    ImVec2 ps;
    pill(ImVec2(pp.x, pp.y + 24), plan_status_label(plan.status), st.bg, st.fg, &ps);
    if (plan.expires_at) {
      const std::string ends =
          (plan.status == PlanStatus::ExpiredUnexecuted ? "Ended " : "Ends ") +
          format_date(plan.expires_at);
      text_at(fonts().small, ImVec2(pp.x + inner - text_size(fonts().small, ends).x, pp.y + 26),
              theme::kTextMuted, ends);
    }
    const char* offer = plan.via_cppo        ? "Sold through a private offer"
                        : plan.cppo_eligible ? "Eligible for a private offer, none made"
                                             : nullptr;
    float h = 54;
    if (offer) {
      text_at(fonts().small, ImVec2(pp.x, pp.y + 50),
              plan.via_cppo ? theme::kSuccessText : theme::kWarningText, offer);
      h = 74;
    }
    ImGui::Dummy(ImVec2(inner, h));
  }
  divider(inner);

  const bool enabled = may_tick(app, r);
  {
    const ImVec2 tp = ImGui::GetCursorScreenPos();
    text(fonts().body_strong, theme::kText, "Tasks");
    char open[32];
    std::snprintf(open, sizeof(open), "%d open", r.open_tasks);
    const float ow = text_size(fonts().small, open).x;
    text_at(fonts().small, ImVec2(tp.x + inner - ow, tp.y + 2), theme::kTextMuted, open);
  }
  if (r.tasks.empty()) text(fonts().small, theme::kTextMuted, "Nothing to do for this account.");
  static std::string label;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  for (const AccountTask& t : r.tasks) task_row(app, t, enabled, inner, label);
  ImGui::PopStyleVar();
  if (enabled) {
    // Add one of the usual tasks ("Other" needs a title, which this short row does not ask for).
    constexpr AccountTaskKind kKinds[] = {
        AccountTaskKind::CompleteOnboarding, AccountTaskKind::EnableMarketplace,
        AccountTaskKind::CreatePrivateOffer, AccountTaskKind::ScheduleBusinessReview,
        AccountTaskKind::RenewPlan};
    int& chosen = ui.new_task_kind;
    chosen = std::clamp(chosen, 0, int(std::size(kKinds)) - 1);
    ImGui::Dummy(ImVec2(0, 6));
    const float bw = 112;
    ImGui::SetNextItemWidth(inner - bw - 8);
    ImGui::PushFont(fonts().small);
    if (ImGui::BeginCombo("##new-task", account_task_kind_label(kKinds[chosen]).data())) {
      for (int k = 0; k < int(std::size(kKinds)); ++k)
        if (ImGui::Selectable(account_task_kind_label(kKinds[k]).data(), k == chosen)) chosen = k;
      ImGui::EndCombo();
    }
    hook::record("New task kind");
    ImGui::PopFont();
    ImGui::SameLine(0, 8);
    if (button("Add task", ButtonKind::Secondary, ImVec2(bw, ImGui::GetItemRectSize().y), icon::kPlus))
      app.add_account_task(r.account.id, kKinds[chosen]);
  } else {
    text(fonts().small, theme::kTextFaint, "Partners and their partner managers tick tasks off.");
  }
  card_end();
}

}  // namespace

// [SECTION] Room

void accounts_room(App& app) {
  const float width = ImGui::GetContentRegionAvail().x;
  header(app, width);
  const AccountsState* s = app.replica().accounts();
  const RoomReplica* replica = app.replica().room("accounts");
  if (!s || !replica) {
    text(fonts().body, theme::kTextMuted, "Loading customer accounts\xe2\x80\xa6");
    return;
  }
  AccountsUi& ui = app.accounts_ui();
  app.settle_account_tasks(*s);
  static Scope scope;  // kept with ui.rows: recomputed together
  refresh_rows(ui, *s, *replica, scope);
  metrics(scope, s->currency, width);
  filters(app, *s, scope, width);

  const AccountRow* selected = ui.selected.empty() ? nullptr : find_account(*s, ui.selected);
  const float main_w = selected ? width - kPanelWidth - theme::kGap : width;
  const ImVec2 row = ImGui::GetCursorScreenPos();
  ImGui::BeginGroup();
  table(app, *s, main_w);
  ImGui::EndGroup();
  const float main_bottom = ImGui::GetItemRectMax().y;
  if (selected) {
    // The panel follows the scroll (sticky under the page top) so a row far down the table
    // still shows its details beside it.
    const float visible_top = ImGui::GetWindowPos().y + theme::kPageMargin;
    const float y = std::max(row.y, std::min(visible_top, main_bottom - 200));
    ImGui::SetCursorScreenPos(ImVec2(row.x + main_w + theme::kGap, y));
    ImGui::BeginGroup();
    side_panel(app, *selected, s->currency, kPanelWidth);
    ImGui::EndGroup();
    ImGui::SetCursorScreenPos(ImVec2(row.x, std::max(main_bottom, ImGui::GetItemRectMax().y)));
    ImGui::Dummy(ImVec2(width, 0));
  }
}

}  // namespace portal::client::ui

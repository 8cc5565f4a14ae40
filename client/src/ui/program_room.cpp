// The Partner program room: the tier card, KPI progress toward the next tier, the MDF balance
// and ledger, lead/opportunity analytics, trainings and certifications, the history of the
// partnership's parameters and the marketing activities. Everything comes from the replica's
// ProgramState. Partners only read it: no write control is drawn for them. Vendor staff first see
// one row per partner (the "program" summary: tier, progress toward the next tier, MDF balance),
// pick a partner in the shared partner filter or by its row, and then get that partner's full
// program ("program:<org id>") with the forms of the program commands (App's program actions).
// Index:
// [SECTION] Helpers
// [SECTION] Header and partner picker
// [SECTION] Vendor summary
// [SECTION] Tier card
// [SECTION] KPI card
// [SECTION] MDF card
// [SECTION] Analytics card
// [SECTION] Trainings and certifications
// [SECTION] Parameter history
// [SECTION] Marketing activities
// [SECTION] Room
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app.h"
#include "fonts.h"
#include "icons.h"
#include "imgui.h"
#include "portal/rooms/program.h"
#include "portal/rules/permissions.h"
#include "test_hook.h"
#include "theme.h"
#include "ui/format.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {
namespace {

// [SECTION] Helpers

constexpr const char* kDash = "\xe2\x80\x94";
constexpr float kPi = 3.14159265358979f;
constexpr const char* kArrow = "  \xe2\x86\x92  ";
constexpr const char* kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Heights of the previous frame's cards, so the cards of one row end on one line.
float g_row_height[4] = {0, 0, 0, 0};

float gap_y() { return theme::kGap - ImGui::GetStyle().ItemSpacing.y * 2; }

std::string_view error_for(const ProgramUi& ui, std::string_view field) {
  for (const FieldError& e : ui.errors)
    if (e.field.rfind(field, 0) == 0) return e.message;
  return {};
}

struct TierColours {
  ImU32 bg, fg;
};

TierColours tier_colours(std::string_view tier) {
  if (tier == "Platinum") return {theme::rgb(0xF2F4F7), theme::rgb(0x475467)};
  if (tier == "Gold") return {theme::kWarningSoft, theme::kWarning};
  if (tier == "Silver") return {theme::rgb(0xF2F4F7), theme::rgb(0x667085)};
  if (tier == "Bronze") return {theme::rgb(0xFDF2E9), theme::rgb(0xB5652B)};
  return {theme::kAccentSoft, theme::kAccent};
}

std::string kpi_value(KpiKind k, int64_t v, const std::string& currency) {
  return is_money_kpi(k) ? money_compact(v, currency) : std::to_string(v);
}

std::string month_year(UnixTime t) {
  if (t <= 0) return kDash;
  const std::string d = format_date(t);  // "12 Mar 2026"
  const size_t space = d.find(' ');
  return space == std::string::npos ? d : d.substr(space + 1);
}

// A rounded progress track with its fill; crisp on whole pixels.
void progress_bar(ImVec2 pos, float width, float height, double fraction, ImU32 fill) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  pos = ImVec2(std::floor(pos.x), std::floor(pos.y));
  const ImVec2 end(pos.x + std::floor(width), pos.y + height);
  dl->AddRectFilled(pos, end, theme::kNeutralSoft, height * 0.5f);
  const float w = std::floor(width * float(std::clamp(fraction, 0.0, 1.0)));
  if (w >= 1) dl->AddRectFilled(pos, ImVec2(pos.x + std::max(w, height), end.y), fill,
                                height * 0.5f);
}

// A ring chart of `bp` basis points with the figure in the middle and a caption below.
void ring(ImVec2 center, float radius, int32_t bp, ImU32 colour, const char* caption) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float thickness = 9;
  dl->AddCircle(center, radius, theme::kNeutralSoft, 64, thickness);
  const float f = std::clamp(bp / 10'000.0f, 0.0f, 1.0f);
  if (f > 0) {
    const float a0 = -kPi * 0.5f;
    dl->PathArcTo(center, radius, a0, a0 + f * 2 * kPi, 64);
    dl->PathStroke(colour, 0, thickness);
  }
  const std::string v = percent(bp);
  const ImVec2 vs = text_size(fonts().heading, v);
  text_at(fonts().heading, ImVec2(center.x - vs.x * 0.5f, center.y - vs.y * 0.5f), theme::kText,
          v);
  const ImVec2 cs = text_size(fonts().small, caption);
  text_at(fonts().small, ImVec2(center.x - cs.x * 0.5f, center.y + radius + 10),
          theme::kTextMuted, caption);
}

// A small muted "label / value" pair at `pos`.
void mini_stat(ImVec2 pos, std::string_view label, std::string_view value) {
  text_at(fonts().small, pos, theme::kTextMuted, label);
  text_at(fonts().body_strong, ImVec2(pos.x, pos.y + 18), theme::kText, value);
}

void empty_line(std::string_view message) {
  ImGui::Dummy(ImVec2(0, 4));
  text(fonts().body, theme::kTextMuted, message);
  ImGui::Dummy(ImVec2(0, 4));
}

// [SECTION] Header and partner picker

// The summary's partners for the shared partner filter, rebuilt only when the summary changes.
const std::vector<RoomPartner>& picker_partners(const App& app) {
  static std::vector<RoomPartner> partners;
  static int64_t seen_seq = -1, seen_snapshots = -1;
  const RoomReplica* room = app.replica().room("program");
  const ProgramSummaryState* s = app.replica().program_summary();
  if (!room || !s) {
    partners.clear();
    seen_seq = seen_snapshots = -1;
  } else if (room->seq != seen_seq || room->snapshots != seen_snapshots) {
    partners = summary_partners(*s);
    seen_seq = room->seq;
    seen_snapshots = room->snapshots;
  }
  return partners;
}

void header(App& app, float width) {
  const ImVec2 top = ImGui::GetCursorScreenPos();
  text(fonts().title, theme::kText, "Partner program");
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  text(fonts().body, theme::kTextMuted,
       app.is_vendor() ? "Each partner's tier, progress and funds; pick a partner to manage"
                       : "Your tier, rewards, funds and training, kept by your partner manager");
  const ImVec2 after = ImGui::GetCursorScreenPos();
  if (app.is_vendor()) {
    const float w = 280;
    ImGui::SetCursorScreenPos(ImVec2(top.x + width - w, top.y + 10));
    std::string chosen = app.program_ui().partner;
    if (partner_filter(chosen, picker_partners(app), w)) app.open_program_partner(chosen);
  } else {
    // Partners see that the room is theirs to read, not to change.
    ImVec2 size = pill_size("Read-only");
    pill(ImVec2(top.x + width - size.x, top.y + 14), "Read-only", theme::kNeutralSoft,
         theme::kNeutralText);
  }
  ImGui::SetCursorScreenPos(after);
  ImGui::Dummy(ImVec2(0, 8));
}

// [SECTION] Vendor summary

constexpr float kSummaryHead = 40.0f;
constexpr float kSummaryRow = 52.0f;

// One row per partner: name and type, tier, the next tier with a progress bar, MDF balance.
// Only the visible rows are laid out, so 10,000 partners cost what 20 do.
void summary_table(App& app, const ProgramSummaryState& s, float width) {
  card_begin(width);
  const float inner = card_inner_width();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float bleed = theme::kCardPadding;
  // Column starts as fractions of the card: partner, tier, next tier + progress, MDF balance.
  const float x_tier = p.x + inner * 0.38f, x_next = p.x + inner * 0.52f,
              x_end = p.x + inner;
  const float progress_w = inner * 0.26f;
  dl->AddRectFilled(ImVec2(p.x - bleed, p.y), ImVec2(x_end + bleed, p.y + kSummaryHead),
                    theme::rgb(0xF9FAFB));
  dl->AddLine(ImVec2(p.x - bleed, p.y + kSummaryHead - 0.5f),
              ImVec2(x_end + bleed, p.y + kSummaryHead - 0.5f), theme::kCardBorder);
  ImFont* hf = fonts().small_strong;
  const float hy = p.y + (kSummaryHead - font_px(hf)) * 0.5f - 1;
  text_at(hf, ImVec2(p.x, hy), theme::kTextMuted, "Partner");
  text_at(hf, ImVec2(x_tier, hy), theme::kTextMuted, "Tier");
  text_at(hf, ImVec2(x_next, hy), theme::kTextMuted, "Progress to next tier");
  const char* mdf_head = "MDF balance";
  text_at(hf, ImVec2(x_end - text_size(hf, mdf_head).x, hy), theme::kTextMuted, mdf_head);
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + kSummaryHead));
  if (s.rows.empty()) {
    ImGui::Dummy(ImVec2(inner, 20));
    text(fonts().body, theme::kTextMuted, "No partners in the program yet.");
    ImGui::Dummy(ImVec2(inner, 20));
    card_end();
    return;
  }
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGuiListClipper clipper;
  clipper.Begin(int(s.rows.size()), kSummaryRow);
  static std::string label;  // reused: a steady frame does not allocate
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const ProgramSummaryRow& r = s.rows[size_t(i)];
      const ImVec2 rp = ImGui::GetCursorScreenPos();
      ImGui::PushID(r.org_id.c_str());
      const bool clicked = ImGui::InvisibleButton("##partner-row", ImVec2(inner, kSummaryRow));
      ImGui::PopID();
      label.assign("program-row:").append(r.name);
      hook::record_owned(label);
      const bool hovered = ImGui::IsItemHovered();
      if (hovered) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        dl->AddRectFilled(ImVec2(rp.x - bleed, rp.y), ImVec2(x_end + bleed, rp.y + kSummaryRow),
                          theme::rgb(0xFAFAFB));
      }
      if (i > 0)
        dl->AddLine(ImVec2(rp.x - bleed, rp.y), ImVec2(x_end + bleed, rp.y), theme::kDivider);
      ImGui::PushClipRect(rp, ImVec2(x_tier - 12, rp.y + kSummaryRow), true);
      text_at(fonts().body_strong, ImVec2(rp.x, rp.y + 8), theme::kText, r.name);
      text_at(fonts().small, ImVec2(rp.x, rp.y + 29), theme::kTextMuted,
              r.type.empty() ? std::string_view("No partnership yet") : std::string_view(r.type));
      ImGui::PopClipRect();
      const std::string_view level = r.level.empty() ? std::string_view(kDash) : r.level;
      const TierColours tc = tier_colours(level);
      const ImVec2 ps = pill_size(level);
      pill(ImVec2(x_tier, rp.y + (kSummaryRow - ps.y) * 0.5f), level, tc.bg, tc.fg);
      const float by = rp.y + kSummaryRow * 0.5f;
      if (r.next_level.empty()) {
        text_at(fonts().small, ImVec2(x_next, by - 9), theme::kSuccessText, "Top tier reached");
      } else {
        progress_bar(ImVec2(x_next, by - 3), progress_w, 6, r.overall_bp / 10'000.0,
                     r.overall_bp >= 10'000 ? theme::kSuccess : theme::kAccent);
        std::string caption = percent(r.overall_bp) + " to " + r.next_level;
        text_at(fonts().small, ImVec2(x_next + progress_w + 12, by - 9), theme::kTextSecondary,
                caption);
      }
      const std::string bal = money(r.mdf_balance_minor, r.currency);
      text_at(fonts().body_strong,
              ImVec2(x_end - text_size(fonts().body_strong, bal).x,
                     rp.y + (kSummaryRow - font_px(fonts().body_strong)) * 0.5f - 1),
              r.mdf_balance_minor > 0 ? theme::kText : theme::kTextFaint, bal);
      ImGui::SetCursorScreenPos(ImVec2(rp.x, rp.y + kSummaryRow));
      if (clicked) app.open_program_partner(r.org_id);
    }
  }
  clipper.End();
  ImGui::PopStyleVar();
  card_end();
}

// [SECTION] Tier card

// The levels of the partner's type as steps: reached ones filled, the next one outlined.
void tier_ladder(const ProgramState& s, const ProgramPartner& p, float inner) {
  const std::vector<Level> levels = levels_of_type(s, p.partnership.type_id);
  if (levels.size() < 2) return;
  const Level* current = find_level(levels, p.partnership.level);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::Dummy(ImVec2(0, 6));
  const ImVec2 o = ImGui::GetCursorScreenPos();
  dl->AddLine(ImVec2(o.x, std::floor(o.y) + 0.5f), ImVec2(o.x + inner, std::floor(o.y) + 0.5f),
              theme::kDivider);
  text_at(fonts().small_strong, ImVec2(o.x, o.y + 12), theme::kTextMuted, "TIERS");
  const float y = std::floor(o.y + 48);
  const float step = levels.size() > 1 ? (inner - 40) / float(levels.size() - 1) : 0;
  for (size_t i = 0; i + 1 < levels.size(); ++i) {
    const bool reached = current && levels[i + 1].rank <= current->rank;
    dl->AddLine(ImVec2(o.x + 20 + step * i, y), ImVec2(o.x + 20 + step * (i + 1), y),
                reached ? tier_colours(current->name).fg : theme::kCardBorder, 2);
  }
  for (size_t i = 0; i < levels.size(); ++i) {
    const Level& l = levels[i];
    const ImVec2 c(std::floor(o.x + 20 + step * i) + 0.5f, y);
    const bool reached = current && l.rank <= current->rank;
    const bool is_current = current && l.rank == current->rank;
    const bool is_next = l.name == p.next_level;
    const ImU32 fg = tier_colours(current ? current->name : l.name).fg;
    if (reached) {
      dl->AddCircleFilled(c, is_current ? 9 : 7, fg, 24);
      if (is_current) dl->AddCircle(c, 13, fg, 24, 1.5f);
    } else {
      dl->AddCircleFilled(c, 7, theme::kCardBg, 24);
      dl->AddCircle(c, 7, is_next ? theme::kAccent : theme::kTextFaint, 24, 2);
    }
    const std::string share = percent(l.revenue_share_bp);
    ImFont* name_font = is_current || is_next ? fonts().small_strong : fonts().small;
    const ImVec2 ns = text_size(name_font, l.name), ss = text_size(fonts().small, share);
    const ImU32 name_c = is_current ? theme::kText : is_next ? theme::kAccentText : theme::kTextMuted;
    text_at(name_font, ImVec2(c.x - ns.x * 0.5f, y + 18), name_c, l.name);
    text_at(fonts().small, ImVec2(c.x - ss.x * 0.5f, y + 36), theme::kTextFaint, share);
  }
  ImGui::Dummy(ImVec2(inner, 48 + 54 - 6));
}

void tier_card(const ProgramState& s, const ProgramPartner& p, float width, float min_h) {
  card_begin(width, min_h);
  const float inner = card_inner_width();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const std::string& level = p.partnership.level;
  const TierColours c = tier_colours(level);
  const float r = 32;
  dl->AddCircleFilled(ImVec2(o.x + r, o.y + r), r, c.bg, 48);
  dl->AddCircle(ImVec2(o.x + r, o.y + r), r - 1, c.fg, 48, 1.5f);
  const ImVec2 is = text_size(fonts().icon_large, icon::kTrophy);
  text_at(fonts().icon_large, ImVec2(o.x + r - is.x * 0.5f, o.y + r - is.y * 0.5f), c.fg,
          icon::kTrophy);

  std::string type_name;
  for (const PartnerType& t : s.types)
    if (t.id == p.partnership.type_id) type_name = t.name;
  const float tx = o.x + 2 * r + 16;
  text_at(fonts().small_strong, ImVec2(tx, o.y + 4), theme::kTextMuted, "CURRENT TIER");
  text_at(fonts().title, ImVec2(tx, o.y + 20), theme::kText, level.empty() ? kDash : level);
  std::string since = type_name.empty() ? std::string("Partner") : type_name;
  if (p.partnership.started_at > 0) since += " since " + month_year(p.partnership.started_at);
  text_at(fonts().small, ImVec2(tx, o.y + 54), theme::kTextMuted, since);

  // Reward, MDF accrual and payment terms.
  const float sy = o.y + 2 * r + 22;
  const float col = std::floor(inner / 3);
  mini_stat(ImVec2(o.x, sy), "Reward", percent(p.partnership.conditions.revenue_share_bp) +
                                           " of revenue");
  mini_stat(ImVec2(o.x + col, sy), "MDF accrual",
            percent(p.partnership.conditions.mdf_accrual_bp) + " of revenue");
  mini_stat(ImVec2(o.x + 2 * col, sy), "Payment terms",
            std::to_string(p.partnership.conditions.payment_terms_days) + " days");
  dl->AddLine(ImVec2(o.x, sy + 52), ImVec2(o.x + inner, sy + 52), theme::kDivider);

  // Overall progress toward the next tier.
  const float py = sy + 66;
  if (p.next_level.empty()) {
    text_at(fonts().body_strong, ImVec2(o.x, py), theme::kSuccessText,
            level.empty() ? "No tier yet" : "Top tier reached");
    text_at(fonts().small, ImVec2(o.x, py + 22), theme::kTextMuted,
            "Keep the figures up at the yearly review to hold it.");
    ImGui::Dummy(ImVec2(inner, py + 42 - o.y));
  } else {
    const std::string next = "Next tier: " + p.next_level;
    text_at(fonts().body_strong, ImVec2(o.x, py), theme::kText, next);
    const std::string pct = percent(p.overall_bp) + " of the way";
    const ImVec2 ps = text_size(fonts().small_strong, pct);
    text_at(fonts().small_strong, ImVec2(o.x + inner - ps.x, py + 2), theme::kAccentText, pct);
    progress_bar(ImVec2(o.x, py + 28), inner, 10, p.overall_bp / 10'000.0, theme::kAccent);
    int met = 0;
    for (const KpiProgress& k : p.next_progress) met += k.met ? 1 : 0;
    const std::string caption = std::to_string(met) + " of " +
                                std::to_string(p.next_progress.size()) +
                                " requirements met";
    text_at(fonts().small, ImVec2(o.x, py + 46), theme::kTextMuted, caption);
    ImGui::Dummy(ImVec2(inner, py + 66 - o.y));
  }
  tier_ladder(s, p, inner);
  card_end();
}

// [SECTION] KPI card

void kpi_card(const ProgramPartner& p, bool vendor, float width, float min_h) {
  card_begin(width, min_h);
  const std::string title =
      p.next_level.empty() ? std::string("Performance indicators") : "Toward " + p.next_level;
  const std::string subtitle =
      p.as_of > 0 ? "Last 12 months to " + month_year(p.as_of) : std::string("No activity yet");
  card_title(title, subtitle);
  const float inner = card_inner_width();
  if (p.next_progress.empty()) {
    // At the top (or without levels): show what is measured, without targets.
    for (KpiKind k : kAllKpiKinds) {
      const ImVec2 o = ImGui::GetCursorScreenPos();
      text_at(fonts().body, o, theme::kTextSecondary, kpi_kind_label(k));
      const std::string v = kpi_value(k, p.kpis.value(k), p.currency);
      const ImVec2 vs = text_size(fonts().body_strong, v);
      text_at(fonts().body_strong, ImVec2(o.x + inner - vs.x, o.y), theme::kText, v);
      ImGui::Dummy(ImVec2(inner, 26));
    }
    card_end();
    return;
  }
  for (const KpiProgress& k : p.next_progress) {
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const std::string_view label = kpi_kind_label(k.kind);
    float lx = o.x;
    if (k.met) {
      text_at(fonts().small, ImVec2(o.x, o.y + 2), theme::kSuccess, icon::kCheck);
      lx += 20;
    }
    text_at(fonts().body, ImVec2(lx, o.y), theme::kText, label);
    const std::string v = kpi_value(k.kind, k.value, p.currency) + " / " +
                          kpi_value(k.kind, k.threshold, p.currency);
    const ImVec2 vs = text_size(fonts().body_strong, v);
    text_at(fonts().body_strong, ImVec2(o.x + inner - vs.x, o.y),
            k.met ? theme::kSuccessText : theme::kText, v);
    progress_bar(ImVec2(o.x, o.y + 24), inner, 8, k.fraction,
                 k.met ? theme::kSuccess : theme::kAccent);
    ImGui::Dummy(ImVec2(inner, 44));
  }
  // Where the figures come from, so nobody wonders why a number moved.
  ImGui::Dummy(ImVec2(0, 2));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
  ImGui::PushFont(fonts().small);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextMuted);
  ImGui::TextWrapped(
      "Counted live from %s registered leads, opportunities, won revenue and valid "
      "certifications. Tier changes apply from the review's effective date.",
      vendor ? "the partner's" : "your");
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  card_end();
}

// [SECTION] MDF card

void mdf_form(App& app, float inner) {
  ProgramUi& ui = app.program_ui();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(o, ImVec2(o.x + inner, o.y + 1), theme::kDivider);
  ImGui::Dummy(ImVec2(0, 6));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 8));
  if (chip("Credit", "Credit", !ui.mdf_debit)) ui.mdf_debit = false;
  ImGui::SameLine();
  if (chip("Debit", "Debit", ui.mdf_debit)) ui.mdf_debit = true;
  ImGui::PopStyleVar();
  const float amount_w = 160;
  const float desc_w = inner - amount_w - 12;
  const ImVec2 row = ImGui::GetCursorScreenPos();
  bool enter = text_field("MDF amount", "##mdf-amount", ui.mdf_amount, sizeof(ui.mdf_amount),
                          amount_w, error_for(ui, "amount"), 0, "1,500.00");
  const float after_amount = ImGui::GetItemRectMax().y;
  ImGui::SetCursorScreenPos(ImVec2(row.x + amount_w + 12, row.y));
  enter |= text_field("MDF description", "##mdf-description", ui.mdf_description,
                      sizeof(ui.mdf_description), desc_w, error_for(ui, "description"), 0,
                      "Trade fair booth, Q2 accrual, ...");
  ImGui::SetCursorScreenPos(
      ImVec2(row.x, std::max(after_amount, ImGui::GetItemRectMax().y) + 8));
  if (!ui.error.empty()) {
    banner(ui.error, theme::kDangerSoft, theme::kDangerBorder, theme::kDanger, inner);
    ImGui::Dummy(ImVec2(0, 2));
  }
  const bool busy = !ui.pending.empty();
  const char* action = ui.mdf_debit ? "Record debit" : "Record credit";
  if (button(action, ButtonKind::Primary, ImVec2(150, 36), nullptr, busy) || enter)
    app.submit_mdf();
  ImGui::SameLine(0, 8);
  if (button("Cancel", ButtonKind::Ghost, ImVec2(90, 36))) app.open_program_form(ProgramForm::Mdf);
  ImGui::Dummy(ImVec2(0, 4));
}

void mdf_card(App& app, const ProgramPartner& p, float width, float min_h) {
  card_begin(width, min_h);
  const float inner = card_inner_width();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  card_title("Market development funds", "Credits and debits, newest first");
  if (app.is_vendor() && app.program_ui().form != ProgramForm::Mdf) {
    const ImVec2 back = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(top.x + inner - 136, top.y));
    if (button("Record MDF", ButtonKind::Secondary, ImVec2(136, 34), icon::kPlus))
      app.open_program_form(ProgramForm::Mdf);
    ImGui::SetCursorScreenPos(back);
  }

  // The balance, big.
  const ImVec2 b = ImGui::GetCursorScreenPos();
  const std::string balance = money(p.mdf_balance_minor, p.currency);
  text_at(fonts().figure, b, theme::kText, balance);
  const ImVec2 bs = text_size(fonts().figure, balance);
  text_at(fonts().small, ImVec2(b.x + bs.x + 10, b.y + bs.y - 18), theme::kTextMuted,
          "available balance");
  ImGui::Dummy(ImVec2(inner, bs.y + 8));
  if (app.is_vendor() && app.program_ui().form == ProgramForm::Mdf) mdf_form(app, inner);

  if (p.ledger.empty()) {
    empty_line("No bookings yet.");
    card_end();
    return;
  }
  // Ledger: date, description, amount (credit green, debit red).
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float date_w = 110, amount_w = 130;
  ImVec2 o = ImGui::GetCursorScreenPos();
  text_at(fonts().small_strong, o, theme::kTextMuted, "DATE");
  text_at(fonts().small_strong, ImVec2(o.x + date_w, o.y), theme::kTextMuted, "DESCRIPTION");
  const ImVec2 as = text_size(fonts().small_strong, "AMOUNT");
  text_at(fonts().small_strong, ImVec2(o.x + inner - as.x, o.y), theme::kTextMuted, "AMOUNT");
  ImGui::Dummy(ImVec2(inner, 22));
  const size_t rows = std::min<size_t>(p.ledger.size(), 6);
  for (size_t i = 0; i < rows; ++i) {
    const MdfEntry& e = p.ledger[i];
    o = ImGui::GetCursorScreenPos();
    dl->AddLine(ImVec2(o.x, std::floor(o.y) + 0.5f), ImVec2(o.x + inner, std::floor(o.y) + 0.5f),
                theme::kDivider);
    const bool credit = e.direction == MdfDirection::Credit;
    text_at(fonts().body, ImVec2(o.x, o.y + 9), theme::kTextSecondary, format_date(e.booked_at));
    ImGui::PushClipRect(ImVec2(o.x + date_w, o.y), ImVec2(o.x + inner - amount_w, o.y + 36), true);
    text_at(fonts().body, ImVec2(o.x + date_w, o.y + 9), theme::kText, e.description);
    ImGui::PopClipRect();
    const std::string amount = std::string(credit ? "+" : "\xe2\x88\x92") +
                               money(e.amount.minor, e.amount.currency);
    const ImVec2 s = text_size(fonts().body_strong, amount);
    text_at(fonts().body_strong, ImVec2(o.x + inner - s.x, o.y + 9),
            credit ? theme::kSuccessText : theme::kDanger, amount);
    ImGui::Dummy(ImVec2(inner, 36));
  }
  if (p.ledger.size() > rows) {
    const std::string more = "+ " + std::to_string(p.ledger.size() - rows) + " older bookings";
    text(fonts().small, theme::kTextMuted, more);
  }
  card_end();
}

// [SECTION] Analytics card

void analytics_card(const ProgramPartner& p, float width, float min_h) {
  card_begin(width, min_h);
  const ProgramAnalytics& a = p.analytics;
  card_title("Leads and opportunities", "Six months to " + month_year(p.as_of));
  const float inner = card_inner_width();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const ImU32 lead_c = theme::kAccent, deal_c = theme::kTeal;

  // Legend.
  dl->AddCircleFilled(ImVec2(o.x + 5, o.y + 9), 4, lead_c, 12);
  text_at(fonts().small, ImVec2(o.x + 14, o.y + 1), theme::kTextSecondary, "Leads");
  dl->AddCircleFilled(ImVec2(o.x + 70, o.y + 9), 4, deal_c, 12);
  text_at(fonts().small, ImVec2(o.x + 79, o.y + 1), theme::kTextSecondary, "Opportunities");

  // Grouped bars per month.
  const float chart_top = o.y + 30, chart_h = 120;
  const float base = std::floor(chart_top + chart_h) + 0.5f;
  int top = 1;
  for (const MonthFigures& m : a.months) top = std::max({top, m.leads, m.deals});
  for (int g = 1; g <= 2; ++g) {
    const float gy = std::floor(base - chart_h * g / 2.0f) + 0.5f;
    dl->AddLine(ImVec2(o.x, gy), ImVec2(o.x + inner, gy), theme::kDivider);
  }
  dl->AddLine(ImVec2(o.x, base), ImVec2(o.x + inner, base), theme::kCardBorder);
  const size_t n = std::max<size_t>(a.months.size(), 1);
  const float slot = inner / float(n);
  const float bar_w = std::floor(std::min(18.0f, slot * 0.28f));
  for (size_t i = 0; i < a.months.size(); ++i) {
    const MonthFigures& m = a.months[i];
    const float cx = std::floor(o.x + slot * (i + 0.5f));
    const int values[2] = {m.leads, m.deals};
    const ImU32 colours[2] = {lead_c, deal_c};
    for (int k = 0; k < 2; ++k) {
      const float x0 = k == 0 ? cx - bar_w - 2 : cx + 2;
      const float h = values[k] > 0 ? std::max(3.0f, std::round(chart_h * values[k] / top)) : 0;
      if (h > 0)
        dl->AddRectFilled(ImVec2(x0, base - 0.5f - h), ImVec2(x0 + bar_w, base - 0.5f),
                          colours[k], 3, ImDrawFlags_RoundCornersTop);
      if (values[k] > 0) {
        const std::string v = std::to_string(values[k]);
        const ImVec2 vs = text_size(fonts().small, v);
        text_at(fonts().small, ImVec2(x0 + (bar_w - vs.x) * 0.5f, base - h - vs.y - 2),
                theme::kTextSecondary, v);
      }
    }
    const char* name = m.month >= 1 && m.month <= 12 ? kMonthNames[m.month - 1] : "";
    const ImVec2 ns = text_size(fonts().small, name);
    text_at(fonts().small, ImVec2(cx - ns.x * 0.5f, base + 6), theme::kTextMuted, name);
  }

  // Conversion and win rate as rings.
  const float ry = base + 36 + 40;
  const float radius = 34;
  ring(ImVec2(o.x + inner * 0.25f, ry), radius, a.conversion_bp, lead_c, "Lead \xe2\x86\x92 deal");
  ring(ImVec2(o.x + inner * 0.75f, ry), radius, a.win_rate_bp, theme::kSuccess, "Win rate");
  const std::string conv = std::to_string(a.converted) + " of " + std::to_string(a.leads) +
                           " leads";
  const std::string win = std::to_string(a.won) + " won, " + std::to_string(a.lost) + " lost";
  const ImVec2 cs = text_size(fonts().small, conv), ws = text_size(fonts().small, win);
  text_at(fonts().small, ImVec2(o.x + inner * 0.25f - cs.x * 0.5f, ry + radius + 28),
          theme::kTextFaint, conv);
  text_at(fonts().small, ImVec2(o.x + inner * 0.75f - ws.x * 0.5f, ry + radius + 28),
          theme::kTextFaint, win);
  ImGui::Dummy(ImVec2(inner, ry + radius + 48 - o.y));
  card_end();
}

// [SECTION] Trainings and certifications

void trainings_card(App& app, const ProgramState& s, const ProgramPartner& p, float width,
                    float min_h) {
  card_begin(width, min_h);
  card_title("Trainings and certifications", "Your people's progress and certificates");
  const float inner = card_inner_width();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool vendor = app.is_vendor() && may_manage_program(
                                             Actor{app.session()->user.id,
                                                   app.session()->org.id,
                                                   app.session()->user.role},
                                             app.session()->org.id);

  // Certificates with their expiry.
  const UnixTime now = p.as_of > 0 ? p.as_of : 0;
  for (const ProgramCertificate& c : p.certificates) {
    const ImVec2 o = ImGui::GetCursorScreenPos();
    std::string name = "Certification";
    for (const Certification& cert : s.certifications)
      if (cert.id == c.cert.certification_id) name = cert.name;
    icon_badge(ImVec2(o.x + 14, o.y + 18), 14, icon::kTrophy, theme::kAccentSoft, theme::kAccent);
    text_at(fonts().body_strong, ImVec2(o.x + 38, o.y + 1), theme::kText, name);
    text_at(fonts().small, ImVec2(o.x + 38, o.y + 21), theme::kTextMuted, c.user_name);
    const bool valid = is_valid_at(c.cert, now);
    const std::string when =
        c.cert.expires_at == 0 ? std::string("Never expires")
        : valid ? "Valid until " + format_date(c.cert.expires_at)
                : "Expired " + format_date(c.cert.expires_at);
    const ImVec2 ps = pill_size(when);
    pill(ImVec2(o.x + inner - ps.x, o.y + 7), when,
         valid ? theme::kSuccessSoft : theme::kDangerSoft,
         valid ? theme::kSuccessText : theme::kDanger);
    ImGui::Dummy(ImVec2(inner, 42));
  }
  if (!p.certificates.empty()) ImGui::Dummy(ImVec2(0, 4));

  // Trainings with each learner's progress.
  bool any = false;
  for (const Training& t : s.trainings) {
    bool header_drawn = false;
    for (const ProgramEnrolment& e : p.enrolments) {
      if (e.progress.training_id != t.id) continue;
      any = true;
      if (!header_drawn) {
        const ImVec2 o = ImGui::GetCursorScreenPos();
        dl->AddLine(ImVec2(o.x, std::floor(o.y) + 0.5f),
                    ImVec2(o.x + inner, std::floor(o.y) + 0.5f), theme::kDivider);
        text_at(fonts().body_strong, ImVec2(o.x, o.y + 8), theme::kText, t.title);
        const std::string meta = std::string(training_format_label(t.format)) + " \xc2\xb7 " +
                                 std::to_string(t.modules) + " modules";
        const ImVec2 ms = text_size(fonts().small, meta);
        text_at(fonts().small, ImVec2(o.x + inner - ms.x, o.y + 10), theme::kTextMuted, meta);
        ImGui::Dummy(ImVec2(inner, 32));
        header_drawn = true;
      }
      const ImVec2 o = ImGui::GetCursorScreenPos();
      const double f = progress_fraction(e.progress, t);
      const bool done = e.progress.completed_at != 0;
      text_at(fonts().small, ImVec2(o.x + 4, o.y), theme::kTextSecondary, e.user_name);
      const float steps_w = vendor ? 64 : 0;
      const float bar_x = o.x + 150, bar_w = inner - 150 - 110 - steps_w;
      progress_bar(ImVec2(bar_x, o.y + 6), bar_w, 6, f, done ? theme::kSuccess : theme::kAccent);
      const std::string count = done ? std::string("Completed")
                                     : std::to_string(e.progress.completed_modules) + " of " +
                                           std::to_string(t.modules);
      text_at(done ? fonts().small_strong : fonts().small,
              ImVec2(bar_x + bar_w + 12, o.y), done ? theme::kSuccessText : theme::kTextMuted,
              count);
      if (vendor) {
        // One module less or more for this learner; the server records the completion date.
        const ImVec2 back = ImGui::GetCursorScreenPos();
        ImGui::PushID(e.progress.user_id.c_str());
        ImGui::PushID(t.id.c_str());
        ImGui::SetCursorScreenPos(ImVec2(o.x + inner - 60, o.y - 4));
        if (button("-", ButtonKind::Secondary, ImVec2(28, 24), nullptr, false,
                   e.progress.completed_modules > 0))
          app.set_training_progress(e.progress.user_id, t.id, e.progress.completed_modules - 1);
        ImGui::SetCursorScreenPos(ImVec2(o.x + inner - 28, o.y - 4));
        if (button("+", ButtonKind::Secondary, ImVec2(28, 24), nullptr, false,
                   e.progress.completed_modules < t.modules))
          app.set_training_progress(e.progress.user_id, t.id, e.progress.completed_modules + 1);
        std::string label = "progress:" + e.user_name + ":" + t.title;
        hook::record_owned(label);
        ImGui::PopID();
        ImGui::PopID();
        ImGui::SetCursorScreenPos(back);
      }
      ImGui::Dummy(ImVec2(inner, 26));
    }
  }
  if (!any && p.certificates.empty()) empty_line("No trainings started yet.");
  card_end();
}

// [SECTION] Parameter history

void history_card(const ProgramPartner& p, float width, float min_h) {
  card_begin(width, min_h);
  card_title("Partnership history", "How the terms changed, newest first");
  const float inner = card_inner_width();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (p.history.empty()) empty_line("No changes recorded yet.");
  const float row_h = 58;
  for (size_t i = 0; i < p.history.size(); ++i) {
    const ParameterChange& c = p.history[i];
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const float x = std::floor(o.x + 8) + 0.5f;
    // The timeline: a line through every dot, the newest dot in the accent colour.
    if (i + 1 < p.history.size())
      dl->AddLine(ImVec2(x, o.y + 14), ImVec2(x, o.y + row_h + 6), theme::kCardBorder, 2);
    dl->AddCircleFilled(ImVec2(x, o.y + 8), 5.5f, i == 0 ? theme::kAccent : theme::kCardBg, 16);
    dl->AddCircle(ImVec2(x, o.y + 8), 5.5f, i == 0 ? theme::kAccent : theme::kTextFaint, 16, 2);
    const std::string what = std::string(partnership_parameter_label(c.parameter)) + ": " +
                             (c.old_value.empty() ? std::string(kDash) : c.old_value) + kArrow +
                             c.new_value;
    text_at(fonts().body_strong, ImVec2(o.x + 26, o.y), theme::kText, what);
    const std::string date = format_date(c.effective_from);
    const ImVec2 ds = text_size(fonts().small, date);
    text_at(fonts().small, ImVec2(o.x + inner - ds.x, o.y + 2), theme::kTextMuted, date);
    text_at(fonts().small, ImVec2(o.x + 26, o.y + 21), theme::kTextMuted,
            c.reason.empty() ? std::string_view("Changed") : std::string_view(c.reason));
    ImGui::Dummy(ImVec2(inner, row_h - 8));
  }
  card_end();
}

// [SECTION] Marketing activities

StageStyle activity_style(ActivityStatus s) {
  switch (s) {
    case ActivityStatus::Completed:
      return {theme::kSuccessSoft, theme::kSuccessText};
    case ActivityStatus::Running:
      return {theme::kInfoSoft, theme::kInfoText};
    case ActivityStatus::Approved:
      return {theme::kAccentSoft, theme::kAccentText};
    case ActivityStatus::Rejected:
    case ActivityStatus::Cancelled:
      return {theme::kDangerSoft, theme::kDanger};
    case ActivityStatus::Proposed:
      break;
  }
  return {theme::kNeutralSoft, theme::kNeutralText};
}

void activity_form(App& app, float inner) {
  ProgramUi& ui = app.program_ui();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 8));
  constexpr ActivityKind kKinds[] = {ActivityKind::Event,       ActivityKind::Webinar,
                                     ActivityKind::Campaign,    ActivityKind::Advertising,
                                     ActivityKind::Content,     ActivityKind::Other};
  for (size_t i = 0; i < std::size(kKinds); ++i) {
    if (i > 0) ImGui::SameLine();
    const std::string_view label = activity_kind_label(kKinds[i]);
    if (chip(label.data(), label, ui.activity_kind == int(kKinds[i])))
      ui.activity_kind = int(kKinds[i]);
  }
  ImGui::PopStyleVar();
  const float w4 = std::floor((inner - 36) / 4);
  bool enter = text_field("Activity title", "##act-title", ui.activity_title,
                          sizeof(ui.activity_title), inner, error_for(ui, "title"), 0,
                          "Partner summit, webinar series, ...");
  const ImVec2 row = ImGui::GetCursorScreenPos();
  float bottom = row.y;
  struct Field {
    const char* label;
    const char* id;
    char* buf;
    size_t size;
    const char* error_field;
    const char* hint;
  } fields[] = {
      {"Starts", "##act-start", ui.activity_start, sizeof(ui.activity_start), "starts_at",
       "2026-03-15"},
      {"Ends", "##act-end", ui.activity_end, sizeof(ui.activity_end), "ends_at", "2026-03-31"},
      {"Budget", "##act-budget", ui.activity_budget, sizeof(ui.activity_budget), "budget",
       "5,000"},
      {"MDF requested", "##act-mdf", ui.activity_mdf, sizeof(ui.activity_mdf), "mdf_requested",
       "2,500"},
  };
  for (size_t i = 0; i < std::size(fields); ++i) {
    const Field& f = fields[i];
    ImGui::SetCursorScreenPos(ImVec2(row.x + i * (w4 + 12), row.y));
    enter |= text_field(f.label, f.id, f.buf, f.size, w4, error_for(ui, f.error_field), 0, f.hint);
    bottom = std::max(bottom, ImGui::GetItemRectMax().y);
  }
  ImGui::SetCursorScreenPos(ImVec2(row.x, bottom + 8));
  if (!ui.error.empty()) banner(ui.error, theme::kDangerSoft, theme::kDangerBorder, theme::kDanger,
                                inner);
  if (button("Add activity", ButtonKind::Primary, ImVec2(150, 36), nullptr, !ui.pending.empty()) ||
      enter)
    app.submit_activity();
  ImGui::SameLine(0, 8);
  if (button("Close", ButtonKind::Ghost, ImVec2(90, 36)))
    app.open_program_form(ProgramForm::Activity);
  ImGui::Dummy(ImVec2(0, 6));
}

void activities_card(App& app, const ProgramPartner& p, float width) {
  card_begin(width);
  const ImVec2 top = ImGui::GetCursorScreenPos();
  card_title("Marketing activities", "Campaigns and events, with the funds they use");
  const float inner = card_inner_width();
  if (app.is_vendor() && app.program_ui().form != ProgramForm::Activity) {
    const ImVec2 back = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(top.x + inner - 150, top.y));
    if (button("New activity", ButtonKind::Secondary, ImVec2(150, 34), icon::kPlus))
      app.open_program_form(ProgramForm::Activity);
    ImGui::SetCursorScreenPos(back);
  }
  if (app.is_vendor() && app.program_ui().form == ProgramForm::Activity) activity_form(app, inner);
  if (p.activities.empty()) empty_line("No marketing activities yet.");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float cols[] = {0, inner * 0.42f, inner * 0.62f, inner * 0.80f};
  if (!p.activities.empty()) {
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const char* heads[] = {"ACTIVITY", "WHEN", "BUDGET / MDF", "LEADS"};
    for (int i = 0; i < 4; ++i)
      text_at(fonts().small_strong, ImVec2(o.x + cols[i], o.y), theme::kTextMuted, heads[i]);
    ImGui::Dummy(ImVec2(inner, 22));
  }
  for (const MarketingActivity& a : p.activities) {
    const ImVec2 o = ImGui::GetCursorScreenPos();
    dl->AddLine(ImVec2(o.x, std::floor(o.y) + 0.5f), ImVec2(o.x + inner, std::floor(o.y) + 0.5f),
                theme::kDivider);
    ImGui::PushClipRect(o, ImVec2(o.x + cols[1] - 12, o.y + 52), true);
    text_at(fonts().body_strong, ImVec2(o.x, o.y + 8), theme::kText, a.title);
    ImGui::PopClipRect();
    text_at(fonts().small, ImVec2(o.x, o.y + 29), theme::kTextMuted, activity_kind_label(a.kind));
    const StageStyle st = activity_style(a.status);
    const float kw = text_size(fonts().small, activity_kind_label(a.kind)).x;
    pill(ImVec2(o.x + kw + 10, o.y + 27), activity_status_label(a.status), st.bg, st.fg);
    const std::string when = format_date(a.starts_at) +
                             (a.ends_at > a.starts_at + kSecondsPerDay
                                  ? std::string(" \xe2\x80\x93 ") + format_date(a.ends_at)
                                  : std::string());
    text_at(fonts().body, ImVec2(o.x + cols[1], o.y + 16), theme::kTextSecondary, when);
    const std::string money_line =
        money_compact(a.budget.minor, a.budget.currency) + " / " +
        money_compact(a.mdf_requested.minor, a.mdf_requested.currency);
    text_at(fonts().body, ImVec2(o.x + cols[2], o.y + 16), theme::kText, money_line);
    text_at(fonts().body_strong, ImVec2(o.x + cols[3], o.y + 16), theme::kText,
            std::to_string(a.leads_generated));
    ImGui::Dummy(ImVec2(inner, 54));
  }
  card_end();
}

// [SECTION] Loading state

void loading(float width) {
  ImGui::Dummy(ImVec2(0, 24));
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const char* msg = "Loading the partner program\xe2\x80\xa6";
  const ImVec2 ms = text_size(fonts().body, msg);
  const float cx = p.x + width * 0.5f;
  spinner(ImVec2(cx - (ms.x + 26) * 0.5f + 8, p.y + 12), 7, theme::kAccent);
  text_at(fonts().body, ImVec2(cx - (ms.x + 26) * 0.5f + 26, p.y + 12 - ms.y * 0.5f),
          theme::kTextMuted, msg);
  ImGui::Dummy(ImVec2(width, 24));
  request_animation();
}

// Two cards side by side (or stacked when narrow) whose heights match the taller one.
template <class Left, class Right>
void card_row(int row, float width, float left_share, Left left, Right right) {
  const bool two = width >= 900;
  const float lw = two ? std::floor((width - theme::kGap) * left_share) : width;
  const float rw = two ? width - lw - theme::kGap : width;
  const float min_h = two ? g_row_height[row] : 0;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  ImGui::BeginGroup();
  left(lw, min_h);
  ImGui::EndGroup();
  const float left_bottom = ImGui::GetItemRectMax().y;
  if (two) {
    ImGui::SetCursorScreenPos(ImVec2(start.x + lw + theme::kGap, start.y));
  } else {
    ImGui::Dummy(ImVec2(0, gap_y()));
  }
  ImGui::BeginGroup();
  right(rw, min_h);
  ImGui::EndGroup();
  const float right_bottom = ImGui::GetItemRectMax().y;
  if (two) {
    // Natural heights are measured without the minimum, so a shrinking card can shrink again.
    const float h = std::max(left_bottom, right_bottom) - start.y;
    if (std::fabs(h - g_row_height[row]) > 0.5f) {
      g_row_height[row] = h;
      request_animation();
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(start.x, std::max(left_bottom, right_bottom)));
  ImGui::Dummy(ImVec2(width, gap_y()));
}

}  // namespace

// [SECTION] Room

void program_room(App& app) {
  const float width = ImGui::GetContentRegionAvail().x;
  if (app.is_vendor()) {
    const ProgramSummaryState* summary = app.replica().program_summary();
    if (!summary) {
      text(fonts().title, theme::kText, "Partner program");
      loading(width);
      return;
    }
    header(app, width);
    if (app.program_ui().partner.empty()) {
      summary_table(app, *summary, width);
      ImGui::Dummy(ImVec2(width, 8));
      return;
    }
  }
  const ProgramState* s = app.shown_program();
  if (!s) {
    if (!app.is_vendor()) text(fonts().title, theme::kText, "Partner program");
    loading(width);
    return;
  }
  if (s->partners.empty()) {
    if (!app.is_vendor()) text(fonts().title, theme::kText, "Partner program");
    empty_line("No partners in the program yet.");
    return;
  }
  const ProgramPartner& p = s->partners.front();
  // Another partner or an opened form lays the cards out afresh: rows may need to shrink.
  static std::string g_layout_partner;
  static ProgramForm g_layout_form = ProgramForm::None;
  if (g_layout_partner != p.org_id || g_layout_form != app.program_ui().form) {
    g_layout_partner = p.org_id;
    g_layout_form = app.program_ui().form;
    std::fill(std::begin(g_row_height), std::end(g_row_height), 0.0f);
    request_animation();
  }
  if (!app.is_vendor()) header(app, width);

  card_row(0, width, 5.0f / 12, [&](float w, float h) { tier_card(*s, p, w, h); },
           [&](float w, float h) { kpi_card(p, app.is_vendor(), w, h); });
  card_row(1, width, 7.0f / 12, [&](float w, float h) { mdf_card(app, p, w, h); },
           [&](float w, float h) { analytics_card(p, w, h); });
  card_row(2, width, 0.5f, [&](float w, float h) { trainings_card(app, *s, p, w, h); },
           [&](float w, float h) { history_card(p, w, h); });
  activities_card(app, p, width);
  ImGui::Dummy(ImVec2(width, 8));
}

}  // namespace portal::client::ui

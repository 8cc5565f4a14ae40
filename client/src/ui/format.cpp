#include "ui/format.h"

#include <cstdio>

#include "portal/model/money.h"
#include "theme.h"

namespace portal::client::ui {

std::string money(int64_t minor, const std::string& currency) {
  return format_money(Money{minor, currency});
}
std::string money_compact(int64_t minor, const std::string& currency) {
  return format_money_compact(Money{minor, currency});
}

// "12 Mar 2026" from UTC seconds (days-from-civil, after Howard Hinnant).
std::string format_date(UnixTime t) {
  if (t <= 0) return "\xe2\x80\x94";
  int64_t z = t / 86400 + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%d %s %d", int(d), kMonths[m - 1], int(y));
  return buf;
}

std::string percent(int32_t bp) {
  char buf[32];
  if (bp % 100 == 0)
    std::snprintf(buf, sizeof(buf), "%d%%", bp / 100);
  else
    std::snprintf(buf, sizeof(buf), "%.2g%%", bp / 100.0);
  return buf;
}

StageStyle stage_style(LeadStage s) {
  switch (s) {
    case LeadStage::Submitted:
      return {theme::kNeutralSoft, theme::kNeutralText};
    case LeadStage::Qualified:
      return {theme::kInfoSoft, theme::kInfoText};
    case LeadStage::Demo:
      return {theme::kAccentSoft, theme::kAccentText};
    case LeadStage::Proposal:
      return {theme::kWarningSoft, theme::kWarningText};
    case LeadStage::Won:
      return {theme::kSuccessSoft, theme::kSuccessText};
    case LeadStage::Lost:
      return {theme::kDangerSoft, theme::kDanger};
    case LeadStage::Rejected:
      return {theme::kNeutralSoft, theme::kTextMuted};
  }
  return {theme::kNeutralSoft, theme::kNeutralText};
}


StageStyle stage_style(DealStage s) {
  switch (s) {
    case DealStage::Prospecting:
      return {theme::kNeutralSoft, theme::kNeutralText};
    case DealStage::Qualification:
      return {theme::kInfoSoft, theme::kInfoText};
    case DealStage::Proposal:
      return {theme::kAccentSoft, theme::kAccentText};
    case DealStage::Negotiation:
      return {theme::kWarningSoft, theme::kWarningText};
    case DealStage::ClosedWon:
      return {theme::kSuccessSoft, theme::kSuccessText};
    case DealStage::ClosedLost:
      return {theme::kDangerSoft, theme::kDanger};
  }
  return {theme::kNeutralSoft, theme::kNeutralText};
}

}  // namespace portal::client::ui

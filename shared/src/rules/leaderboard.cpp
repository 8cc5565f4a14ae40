#include "portal/rules/leaderboard.h"

#include <algorithm>
#include <array>

namespace portal {
namespace {


struct MetricNames {
  std::string_view wire;
  std::string_view label;
};

constexpr std::array<MetricNames, 2> kMetrics = {{
    {"revenue", "Revenue generated"},
    {"new_accounts", "New accounts onboarded"},
}};

// Division rounding toward negative infinity, so times before 1970 land on the right day.
int64_t floor_div(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

struct CivilDate {
  int32_t year;
  int32_t month;
  int32_t day;
};

// Howard Hinnant's civil_from_days: days since 1970-01-01 to a proleptic Gregorian date.
CivilDate civil_from_days(int64_t z) {
  z += 719'468;
  const int64_t era = floor_div(z, 146'097);
  const int64_t doe = z - era * 146'097;                                        // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                  // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                                       // [0, 11]
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;                               // [1, 31]
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;                                  // [1, 12]
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return {static_cast<int32_t>(y), static_cast<int32_t>(m), static_cast<int32_t>(d)};
}

Quarter make_quarter(int32_t year, int32_t q) {
  Quarter out;
  out.year = year;
  out.q = q;
  const int32_t first_month = 3 * (q - 1) + 1;
  out.start = days_from_civil(year, first_month, 1) * kSecondsPerDay;
  out.end = (q == 4 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, first_month + 3, 1)) *
            kSecondsPerDay;
  return out;
}

int64_t metric_value(const LeaderboardEntry& e, LeaderboardMetric m) {
  return m == LeaderboardMetric::Revenue ? e.revenue_minor : e.new_accounts;
}

}  // namespace

int64_t days_from_civil(int32_t year, int32_t month, int32_t day) {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;                          // [0, 399]
  const int64_t mp = month > 2 ? month - 3 : month + 9;       // [0, 11]
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;           // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return era * 146'097 + doe - 719'468;
}

Quarter quarter_of(UnixTime t) {
  const CivilDate d = civil_from_days(floor_div(t, kSecondsPerDay));
  return make_quarter(d.year, (d.month - 1) / 3 + 1);
}

Quarter previous_quarter(const Quarter& q) {
  return q.q == 1 ? make_quarter(q.year - 1, 4) : make_quarter(q.year, q.q - 1);
}

std::string quarter_label(const Quarter& q) {
  // Appended rather than "Q" + ..., which trips GCC 12's false -Wrestrict warning at -O3.
  std::string out = "Q";
  out.append(std::to_string(q.q)).append(" ").append(std::to_string(q.year));
  return out;
}

std::string_view to_string(LeaderboardMetric m) {
  return kMetrics[static_cast<size_t>(m)].wire;
}

std::optional<LeaderboardMetric> leaderboard_metric_from_string(std::string_view s) {
  for (size_t i = 0; i < kMetrics.size(); ++i)
    if (kMetrics[i].wire == s) return static_cast<LeaderboardMetric>(i);
  return std::nullopt;
}

std::string_view leaderboard_metric_label(LeaderboardMetric m) {
  return kMetrics[static_cast<size_t>(m)].label;
}

std::vector<LeaderboardRow> rank_partners(std::span<const LeaderboardEntry> entries,
                                          LeaderboardMetric metric) {
  std::vector<const LeaderboardEntry*> order;
  order.reserve(entries.size());
  for (const auto& e : entries) order.push_back(&e);
  std::sort(order.begin(), order.end(), [&](const LeaderboardEntry* a, const LeaderboardEntry* b) {
    const int64_t va = metric_value(*a, metric);
    const int64_t vb = metric_value(*b, metric);
    if (va != vb) return va > vb;
    return a->org_id < b->org_id;
  });

  std::vector<LeaderboardRow> rows;
  rows.reserve(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    const LeaderboardEntry& e = *order[i];
    LeaderboardRow r;
    r.position = static_cast<int32_t>(i + 1);
    r.value = metric_value(e, metric);
    // Competition ranking: a tie keeps the rank of the first row holding that value.
    r.rank = (i > 0 && rows.back().value == r.value) ? rows.back().rank : r.position;
    r.org_id = e.org_id;
    r.name = e.name;
    r.last_activity = e.last_activity;
    rows.push_back(std::move(r));
  }
  return rows;
}

std::vector<LeaderboardRow> leaderboard_view(std::span<const LeaderboardRow> ranked,
                                             const Actor& viewer, const Id& vendor_org,
                                             NameDisclosure disclosure, size_t top) {
  const bool sees_all = is_vendor_actor(viewer, vendor_org);
  std::vector<LeaderboardRow> out;
  out.reserve(top > 0 ? std::min(ranked.size(), top + 1) : ranked.size());
  for (const LeaderboardRow& src : ranked) {
    const bool own = !sees_all && src.org_id == viewer.org_id;
    if (top > 0 && static_cast<size_t>(src.position) > top && !own) continue;
    LeaderboardRow r = src;
    r.is_viewer = own;
    if (!sees_all && !own) {
      const std::string n = std::to_string(src.position);
      r.org_id = std::string("anon-").append(n);
      if (disclosure == NameDisclosure::Anonymised) r.name = std::string("Partner #").append(n);
      r.last_activity.reset();
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace portal

// The quarter's leaderboards shown on the Overview: partners ranked by revenue generated and by
// new customer accounts onboarded. A partner sees its own row by name; every other partner only
// as an anonymous rank, unless the vendor opted in to showing names.
//
// Ranking: higher value first. Equal values share a rank ("competition ranking": 1, 2, 2, 4), and
// tied partners are listed in ascending org_id order so the board is the same on every screen.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/entities.h"
#include "portal/rules/permissions.h"

namespace portal {

// [SECTION] Quarters

// A calendar quarter in UTC: [start, end).
struct Quarter {
  int32_t year = 1970;
  int32_t q = 1;       // 1..4
  UnixTime start = 0;  // first second of the quarter
  UnixTime end = 0;    // first second of the next quarter
  friend bool operator==(const Quarter&, const Quarter&) = default;
};

// Days since 1970-01-01 of a proleptic Gregorian civil date (month 1..12, day 1..31).
int64_t days_from_civil(int32_t year, int32_t month, int32_t day);
// The UTC calendar quarter holding `t` (negative times are before 1970 and work too).
Quarter quarter_of(UnixTime t);
// The quarter before `q`.
Quarter previous_quarter(const Quarter& q);
// Display label: "Q3 2025".
std::string quarter_label(const Quarter& q);

// [SECTION] Ranking

enum class LeaderboardMetric { Revenue, NewAccounts };
// Wire name: "revenue", "new_accounts".
std::string_view to_string(LeaderboardMetric m);
std::optional<LeaderboardMetric> leaderboard_metric_from_string(std::string_view s);
// Human label: "Revenue generated", "New accounts onboarded".
std::string_view leaderboard_metric_label(LeaderboardMetric m);

// One partner's figures for the quarter.
struct LeaderboardEntry {
  Id org_id;
  std::string name;
  int64_t revenue_minor = 0;
  int32_t new_accounts = 0;
  std::optional<UnixTime> last_activity;  // not used for ranking; shown to vendor staff only
};

// One row of a leaderboard. In a partner's view, other partners' org_id and name are replaced.
struct LeaderboardRow {
  int32_t rank = 0;      // competition rank: 1, 2, 2, 4
  int32_t position = 0;  // 1-based row number, unique
  Id org_id;
  std::string name;
  int64_t value = 0;  // minor units for Revenue, a count for NewAccounts
  bool is_viewer = false;
  std::optional<UnixTime> last_activity;
  friend bool operator==(const LeaderboardRow&, const LeaderboardRow&) = default;
};

// All partners ranked by `metric` with full names and ids (the vendor's view, before anonymising).
std::vector<LeaderboardRow> rank_partners(std::span<const LeaderboardEntry> entries,
                                          LeaderboardMetric metric);

// [SECTION] What a viewer may see

// Whether the vendor opted in to showing partner names to other partners.
enum class NameDisclosure { Anonymised, Named };

// The board as `viewer` may see it. Vendor staff (of `vendor_org`) see everything. Anyone else
// sees its own organisation's rows unchanged; every other row gets org_id "anon-<position>", no
// last_activity, and the name "Partner #<position>" (the real name only with Named). Position,
// not rank, so that tied partners stay distinguishable; labels are per board and not stable
// across boards or quarters, which keeps two boards from being correlated.
// `top` > 0 keeps only the first `top` rows plus the viewer's own rows; 0 keeps all.
std::vector<LeaderboardRow> leaderboard_view(std::span<const LeaderboardRow> ranked,
                                             const Actor& viewer, const Id& vendor_org,
                                             NameDisclosure disclosure, size_t top = 0);

}  // namespace portal

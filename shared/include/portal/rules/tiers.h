// Tier qualification and the revenue share that follows from it. A partner type has levels
// (Bronze, Silver, Platinum, ...) ordered by rank; each level lists the KPI thresholds a partner
// must reach in a period. Tier changes apply from their effective date, never retroactively.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/entities.h"

namespace portal {

// [SECTION] KPIs

enum class KpiKind {
  OpportunitiesCount,
  OpportunitiesAmount,
  LeadsCount,
  CertificationsCount,
  RevenueAmount
};
inline constexpr std::array<KpiKind, 5> kAllKpiKinds = {
    KpiKind::OpportunitiesCount, KpiKind::OpportunitiesAmount, KpiKind::LeadsCount,
    KpiKind::CertificationsCount, KpiKind::RevenueAmount};

// Wire name: "opportunities_count", "opportunities_amount", "leads_count",
// "certifications_count", "revenue_amount".
std::string_view to_string(KpiKind k);
std::optional<KpiKind> kpi_kind_from_string(std::string_view s);
// Human label: "Opportunities", "Opportunity amount", "Leads", "Certifications", "Revenue".
std::string_view kpi_kind_label(KpiKind k);
// True when the KPI is an amount of money in minor units rather than a count.
bool is_money_kpi(KpiKind k);

// The measured value of every KPI for one partner and one period; unmeasured KPIs are 0.
struct PartnerKpis {
  std::array<int64_t, kAllKpiKinds.size()> values{};
  // The measured value of `k`.
  int64_t value(KpiKind k) const { return values[static_cast<size_t>(k)]; }
  // Records the measured value of `k`.
  void set(KpiKind k, int64_t v) { values[static_cast<size_t>(k)] = v; }
  friend bool operator==(const PartnerKpis&, const PartnerKpis&) = default;
};

// [SECTION] Levels

struct LevelRequirement {
  KpiKind kind = KpiKind::LeadsCount;
  int64_t threshold = 0;  // a count, or minor units for money KPIs
  friend bool operator==(const LevelRequirement&, const LevelRequirement&) = default;
};

// One level of a partner type. Higher rank = better level; ranks are unique within a type.
struct Level {
  std::string name;
  int32_t rank = 0;
  int32_t revenue_share_bp = 0;
  int32_t mdf_accrual_bp = 0;
  std::vector<LevelRequirement> requirements;
  friend bool operator==(const Level&, const Level&) = default;
};

// How far a partner is toward one requirement.
struct KpiProgress {
  KpiKind kind = KpiKind::LeadsCount;
  int64_t value = 0;
  int64_t threshold = 0;
  double fraction = 0.0;  // value / threshold clamped to [0, 1]; 1 when threshold <= 0
  bool met = false;       // value >= threshold
  friend bool operator==(const KpiProgress&, const KpiProgress&) = default;
};

// Progress toward one requirement.
KpiProgress progress(const LevelRequirement& req, const PartnerKpis& kpis);
// Progress toward each requirement of `level`, in the level's order.
std::vector<KpiProgress> progress_toward(const Level& level, const PartnerKpis& kpis);
// True when every requirement of `level` is met (a level without requirements always is).
bool meets(const Level& level, const PartnerKpis& kpis);
// The level named `name` (exact match), or nullptr. Points into `levels`.
const Level* find_level(std::span<const Level> levels, std::string_view name);
// The highest-ranked level all of whose requirements are met, or nullptr when none is. Each
// level is judged on its own thresholds; `levels` need not be sorted. Points into `levels`.
const Level* qualifying_level(std::span<const Level> levels, const PartnerKpis& kpis);
// The level ranked just above `current` (the lowest level when `current` is nullptr), or
// nullptr at the top. Points into `levels`.
const Level* next_level(std::span<const Level> levels, const Level* current);

// [SECTION] Tier review

enum class TierDirection { Up, Down, Stay };
// Wire name: "up", "down", "stay".
std::string_view to_string(TierDirection d);
std::optional<TierDirection> tier_direction_from_string(std::string_view s);

// Who qualifies for a level up or down: one row of the vendor's tier review.
struct TierReview {
  Id org_id;
  std::string current;        // empty when the partner holds no level yet
  std::string qualifies_for;  // empty when no level qualifies
  TierDirection direction = TierDirection::Stay;
  friend bool operator==(const TierReview&, const TierReview&) = default;
};

// Compares the partner's current level (by name; unknown or empty = no level) with the level
// its KPIs qualify for. Losing every level is Down; holding none and qualifying for none, Stay.
TierReview review_tier(const Id& org_id, std::span<const Level> levels, std::string_view current,
                       const PartnerKpis& kpis);

// [SECTION] Effective share and commission

// One entry of the partnership's history: from `effective_from` on, this share applies.
struct ShareChange {
  UnixTime effective_from = 0;
  int32_t revenue_share_bp = 0;
  std::string level;
  friend bool operator==(const ShareChange&, const ShareChange&) = default;
};

// A half-open interval of time [from, to).
struct Period {
  UnixTime from = 0;
  UnixTime to = 0;
  // True when from <= t < to.
  bool contains(UnixTime t) const { return from <= t && t < to; }
  friend bool operator==(const Period&, const Period&) = default;
};

// The history entry in force at `at`: the greatest effective_from <= at (of equal dates, the
// later entry in `history`), or nullptr before the first entry. `history` need not be sorted.
const ShareChange* effective_entry(std::span<const ShareChange> history, UnixTime at);
// The revenue share in force at `at`, 0 before the first entry.
int32_t effective_share(std::span<const ShareChange> history, UnixTime at);

struct WonDeal {
  UnixTime won_at = 0;
  Money value;
};

// Won revenue of one period that earns the same share.
struct ShareGroup {
  int32_t revenue_share_bp = 0;
  int32_t deals = 0;
  int64_t revenue_minor = 0;
  int64_t commission_minor = 0;  // revenue_minor × share, rounded once
  friend bool operator==(const ShareGroup&, const ShareGroup&) = default;
};

struct PeriodCommission {
  int32_t deals = 0;
  int64_t revenue_minor = 0;
  int64_t commission_minor = 0;    // sum of the groups' commission
  std::vector<ShareGroup> groups;  // ascending by share; deals won before any entry are in bp 0
  friend bool operator==(const PeriodCommission&, const PeriodCommission&) = default;
};

// Commission on the deals won within `period`, each at the share in force at its won_at,
// rounded once per share group (apply_basis_points). Other currencies than `currency` are
// ignored.
PeriodCommission commission_for_period(std::span<const WonDeal> deals,
                                       std::span<const ShareChange> history, Period period,
                                       const std::string& currency);

}  // namespace portal

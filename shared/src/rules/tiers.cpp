#include "portal/rules/tiers.h"

#include <algorithm>
#include <map>

namespace portal {
namespace {

struct KpiNames {
  KpiKind kind;
  std::string_view wire;
  std::string_view label;
  bool money;
};

constexpr std::array<KpiNames, kAllKpiKinds.size()> kKpis = {{
    {KpiKind::OpportunitiesCount, "opportunities_count", "Opportunities", false},
    {KpiKind::OpportunitiesAmount, "opportunities_amount", "Opportunity amount", true},
    {KpiKind::LeadsCount, "leads_count", "Leads", false},
    {KpiKind::CertificationsCount, "certifications_count", "Certifications", false},
    {KpiKind::RevenueAmount, "revenue_amount", "Revenue", true},
}};

constexpr std::array<std::string_view, 3> kDirections = {"up", "down", "stay"};

}  // namespace

std::string_view to_string(KpiKind k) {
  return kKpis[static_cast<size_t>(k)].wire;
}

std::optional<KpiKind> kpi_kind_from_string(std::string_view s) {
  for (const auto& k : kKpis)
    if (k.wire == s) return k.kind;
  return std::nullopt;
}

std::string_view kpi_kind_label(KpiKind k) {
  return kKpis[static_cast<size_t>(k)].label;
}
bool is_money_kpi(KpiKind k) {
  return kKpis[static_cast<size_t>(k)].money;
}

KpiProgress progress(const LevelRequirement& req, const PartnerKpis& kpis) {
  KpiProgress p;
  p.kind = req.kind;
  p.value = kpis.value(req.kind);
  p.threshold = req.threshold;
  p.met = p.value >= p.threshold;
  if (p.threshold <= 0) {
    // Nothing to reach: the bar shows full even if the measured value is negative.
    p.fraction = 1.0;
  } else {
    const double f = static_cast<double>(p.value) / static_cast<double>(p.threshold);
    p.fraction = std::clamp(f, 0.0, 1.0);
  }
  return p;
}

std::vector<KpiProgress> progress_toward(const Level& level, const PartnerKpis& kpis) {
  std::vector<KpiProgress> out;
  out.reserve(level.requirements.size());
  for (const auto& r : level.requirements) out.push_back(progress(r, kpis));
  return out;
}

bool meets(const Level& level, const PartnerKpis& kpis) {
  return std::all_of(level.requirements.begin(), level.requirements.end(),
                     [&](const LevelRequirement& r) { return kpis.value(r.kind) >= r.threshold; });
}

const Level* find_level(std::span<const Level> levels, std::string_view name) {
  for (const Level& l : levels)
    if (l.name == name) return &l;
  return nullptr;
}

const Level* qualifying_level(std::span<const Level> levels, const PartnerKpis& kpis) {
  const Level* best = nullptr;
  for (const Level& l : levels)
    if (meets(l, kpis) && (best == nullptr || l.rank > best->rank)) best = &l;
  return best;
}

const Level* next_level(std::span<const Level> levels, const Level* current) {
  const Level* next = nullptr;
  for (const Level& l : levels) {
    if (current != nullptr && l.rank <= current->rank) continue;
    if (next == nullptr || l.rank < next->rank) next = &l;
  }
  return next;
}

std::string_view to_string(TierDirection d) {
  return kDirections[static_cast<size_t>(d)];
}

std::optional<TierDirection> tier_direction_from_string(std::string_view s) {
  for (size_t i = 0; i < kDirections.size(); ++i)
    if (kDirections[i] == s) return static_cast<TierDirection>(i);
  return std::nullopt;
}

TierReview review_tier(const Id& org_id, std::span<const Level> levels, std::string_view current,
                       const PartnerKpis& kpis) {
  const Level* held = current.empty() ? nullptr : find_level(levels, current);
  const Level* earned = qualifying_level(levels, kpis);
  TierReview r;
  r.org_id = org_id;
  r.current = held != nullptr ? held->name : std::string();
  r.qualifies_for = earned != nullptr ? earned->name : std::string();
  if (held == nullptr) {
    r.direction = earned != nullptr ? TierDirection::Up : TierDirection::Stay;
  } else if (earned == nullptr || earned->rank < held->rank) {
    r.direction = TierDirection::Down;
  } else {
    r.direction = earned->rank > held->rank ? TierDirection::Up : TierDirection::Stay;
  }
  return r;
}

const ShareChange* effective_entry(std::span<const ShareChange> history, UnixTime at) {
  const ShareChange* best = nullptr;
  for (const ShareChange& c : history) {
    if (c.effective_from > at) continue;
    // ">=" so that of two entries with the same date the later one (a correction) wins.
    if (best == nullptr || c.effective_from >= best->effective_from) best = &c;
  }
  return best;
}

int32_t effective_share(std::span<const ShareChange> history, UnixTime at) {
  const ShareChange* c = effective_entry(history, at);
  return c != nullptr ? c->revenue_share_bp : 0;
}

PeriodCommission commission_for_period(std::span<const WonDeal> deals,
                                       std::span<const ShareChange> history, Period period,
                                       const std::string& currency) {
  // Keyed by share so that rounding happens once per share, not once per deal.
  std::map<int32_t, ShareGroup> by_share;
  PeriodCommission out;
  for (const WonDeal& d : deals) {
    if (d.value.currency != currency || !period.contains(d.won_at)) continue;
    const int32_t bp = effective_share(history, d.won_at);
    ShareGroup& g = by_share[bp];
    g.revenue_share_bp = bp;
    ++g.deals;
    g.revenue_minor += d.value.minor;
    ++out.deals;
    out.revenue_minor += d.value.minor;
  }
  out.groups.reserve(by_share.size());
  for (auto& [bp, g] : by_share) {
    g.commission_minor = apply_basis_points(g.revenue_minor, bp);
    out.commission_minor += g.commission_minor;
    out.groups.push_back(g);
  }
  return out;
}

}  // namespace portal

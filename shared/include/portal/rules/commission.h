// Commission figures for the Overview: expected from open deals at the partner's current revenue
// share; pending (won, unpaid) and earned (won and paid) at the share each deal locked in when it
// was won (Deal::commission_bp), so a tier change applies from its date on, never retroactively.
#pragma once
#include <span>

#include "portal/model/entities.h"

namespace portal {

struct CommissionSummary {
  int64_t expected_minor = 0;   // open deals × current share
  int64_t pending_minor = 0;    // Σ won, not yet paid deals × their locked share
  int64_t earned_minor = 0;     // Σ won and paid deals × their locked share
  int64_t pipeline_minor = 0;   // value of open deals
  int32_t deals_in_progress = 0;
  friend bool operator==(const CommissionSummary&, const CommissionSummary&) = default;
};

// Deals of other currencies than `currency` are ignored (conversion comes with the domain issue).
// `revenue_share_bp` is the partner's share now: it prices the open deals only.
CommissionSummary summarise_commission(std::span<const Deal> deals, int32_t revenue_share_bp,
                                       const std::string& currency);
bool is_open(DealStage s);
// The commission a won deal carries: its value at the share locked in when it was won, rounded
// once per deal (a payout pays deals, so each deal's amount is what is owed). 0 unless won.
int64_t deal_commission(const Deal& d);

}  // namespace portal

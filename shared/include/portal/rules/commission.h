// Commission figures for the Overview: expected from open deals, pending for won-unpaid,
// earned for won-and-paid, all at the partner's revenue share.
#pragma once
#include <span>

#include "portal/model/entities.h"

namespace portal {

struct CommissionSummary {
  int64_t expected_minor = 0;   // open deals × share
  int64_t pending_minor = 0;    // won, not yet paid × share
  int64_t earned_minor = 0;     // won and paid × share
  int64_t pipeline_minor = 0;   // value of open deals
  int32_t deals_in_progress = 0;
  friend bool operator==(const CommissionSummary&, const CommissionSummary&) = default;
};

// Deals of other currencies than `currency` are ignored (conversion comes with the domain issue).
CommissionSummary summarise_commission(std::span<const Deal> deals, int32_t revenue_share_bp,
                                       const std::string& currency);
bool is_open(DealStage s);

}  // namespace portal

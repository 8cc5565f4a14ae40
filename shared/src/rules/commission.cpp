#include "portal/rules/commission.h"

namespace portal {

bool is_open(DealStage s) { return s != DealStage::ClosedWon && s != DealStage::ClosedLost; }

CommissionSummary summarise_commission(std::span<const Deal> deals, int32_t revenue_share_bp,
                                       const std::string& currency) {
  CommissionSummary out;
  int64_t won_unpaid = 0;
  int64_t won_paid = 0;
  for (const Deal& d : deals) {
    if (d.value.currency != currency) continue;
    if (is_open(d.stage)) {
      out.pipeline_minor += d.value.minor;
      ++out.deals_in_progress;
    } else if (d.stage == DealStage::ClosedWon) {
      (d.commission_paid ? won_paid : won_unpaid) += d.value.minor;
    }
  }
  // Share applied to sums, not per deal, so rounding happens once per figure.
  out.expected_minor = apply_basis_points(out.pipeline_minor, revenue_share_bp);
  out.pending_minor = apply_basis_points(won_unpaid, revenue_share_bp);
  out.earned_minor = apply_basis_points(won_paid, revenue_share_bp);
  return out;
}

}  // namespace portal

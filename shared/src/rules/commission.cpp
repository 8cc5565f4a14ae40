#include "portal/rules/commission.h"

namespace portal {

bool is_open(DealStage s) { return s != DealStage::ClosedWon && s != DealStage::ClosedLost; }

int64_t deal_commission(const Deal& d) {
  return d.stage == DealStage::ClosedWon ? apply_basis_points(d.value.minor, d.commission_bp) : 0;
}

CommissionSummary summarise_commission(std::span<const Deal> deals, int32_t revenue_share_bp,
                                       const std::string& currency) {
  CommissionSummary out;
  for (const Deal& d : deals) {
    if (d.value.currency != currency) continue;
    if (is_open(d.stage)) {
      out.pipeline_minor += d.value.minor;
      ++out.deals_in_progress;
    } else if (d.stage == DealStage::ClosedWon) {
      (d.commission_paid ? out.earned_minor : out.pending_minor) += deal_commission(d);
    }
  }
  // The open deals' share is applied to their sum, so the forecast is rounded once.
  out.expected_minor = apply_basis_points(out.pipeline_minor, revenue_share_bp);
  return out;
}

}  // namespace portal

#include "portal/rules/stages.h"

#include "portal/rules/commission.h"

namespace portal {
namespace {

StageError refuse(StageRefusal r, std::string message) { return StageError{r, std::move(message)}; }

std::string lead_label(LeadStage s) { return std::string(lead_stage_label(s)); }
std::string deal_label(DealStage s) { return std::string(deal_stage_label(s)); }

}  // namespace

std::optional<StageError> check_lead_transition(LeadStage from, LeadStage to) {
  if (!is_open(from))
    return refuse(StageRefusal::Closed,
                  "This lead is closed (" + lead_label(from) + ") and can no longer change stage.");
  if (from == to)
    return refuse(StageRefusal::Unchanged, "This lead is already at " + lead_label(to) + ".");
  if (to == LeadStage::Lost) return std::nullopt;
  if (from == LeadStage::Submitted && to == LeadStage::Rejected) return std::nullopt;
  if (next_lead_stage(from) == to) return std::nullopt;
  return refuse(StageRefusal::NotAllowed, "A lead at " + lead_label(from) + " cannot move to " +
                                              lead_label(to) + ".");
}

std::optional<StageError> check_deal_transition(DealStage from, DealStage to) {
  if (!is_open(from))
    return refuse(StageRefusal::Closed,
                  "This deal is closed (" + deal_label(from) + ") and can no longer change stage.");
  if (from == to)
    return refuse(StageRefusal::Unchanged, "This deal is already at " + deal_label(to) + ".");
  return std::nullopt;
}

std::optional<LeadStage> next_lead_stage(LeadStage s) {
  switch (s) {
    case LeadStage::Submitted: return LeadStage::Qualified;
    case LeadStage::Qualified: return LeadStage::Demo;
    case LeadStage::Demo: return LeadStage::Proposal;
    case LeadStage::Proposal: return LeadStage::Won;
    default: return std::nullopt;
  }
}

std::optional<DealStage> next_deal_stage(DealStage s) {
  switch (s) {
    case DealStage::Prospecting: return DealStage::Qualification;
    case DealStage::Qualification: return DealStage::Proposal;
    case DealStage::Proposal: return DealStage::Negotiation;
    case DealStage::Negotiation: return DealStage::ClosedWon;
    default: return std::nullopt;
  }
}

std::optional<StageError> check_lead_conversion(LeadStage stage, bool already_converted) {
  if (already_converted)
    return refuse(StageRefusal::Unchanged, "This lead has already been converted to a deal.");
  if (!is_open(stage))
    return refuse(StageRefusal::Closed,
                  "This lead is closed (" + lead_label(stage) + ") and cannot become a deal.");
  if (stage == LeadStage::Submitted)
    return refuse(StageRefusal::NotAllowed, "Qualify the lead before converting it to a deal.");
  return std::nullopt;
}

std::optional<StageError> check_payout(DealStage stage, bool already_paid) {
  if (stage != DealStage::ClosedWon)
    return refuse(StageRefusal::NotAllowed, "Commission is paid only on deals that are closed won.");
  if (already_paid)
    return refuse(StageRefusal::Unchanged, "The commission of this deal is already paid.");
  return std::nullopt;
}

int64_t expected_commission(LeadStage stage, int64_t value_minor, int32_t revenue_share_bp) {
  if (stage == LeadStage::Lost || stage == LeadStage::Rejected) return 0;
  return apply_basis_points(value_minor, revenue_share_bp);
}

int64_t expected_commission(DealStage stage, int64_t value_minor, int32_t revenue_share_bp) {
  if (stage == DealStage::ClosedLost) return 0;
  return apply_basis_points(value_minor, revenue_share_bp);
}

}  // namespace portal

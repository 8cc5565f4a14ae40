// Which stage moves leads and deals may make, as pure functions the server enforces and the
// client uses to offer only the buttons that will work. Closed is final for both.
//   leads: submitted -> qualified | rejected; qualified -> demo -> proposal -> won | lost;
//          any open stage -> lost
//   deals: open stages move freely among themselves (forward, or back when a deal slips) and
//          to closed_won or closed_lost
#pragma once
#include <optional>
#include <string>

#include "portal/model/entities.h"

namespace portal {

enum class StageRefusal {
  Unchanged,   // already at that stage
  Closed,      // the lead or deal is closed: won, lost or rejected
  NotAllowed,  // the move skips or reverses the lead flow
};

struct StageError {
  StageRefusal reason = StageRefusal::NotAllowed;
  std::string message;  // a sentence for the user
  friend bool operator==(const StageError&, const StageError&) = default;
};

// nullopt when the lead may move from `from` to `to`.
std::optional<StageError> check_lead_transition(LeadStage from, LeadStage to);
// nullopt when the deal may move from `from` to `to`.
std::optional<StageError> check_deal_transition(DealStage from, DealStage to);
// The next stage of the happy path (submitted -> qualified -> demo -> proposal -> won), or
// nullopt for a closed lead.
std::optional<LeadStage> next_lead_stage(LeadStage s);
// prospecting -> qualification -> proposal -> negotiation -> closed_won, nullopt when closed.
std::optional<DealStage> next_deal_stage(DealStage s);
// A lead becomes a deal once it is qualified (qualified, demo or proposal) and not converted yet.
std::optional<StageError> check_lead_conversion(LeadStage stage, bool already_converted);
// Commission is paid once, on a deal that is closed won.
std::optional<StageError> check_payout(DealStage stage, bool already_paid);
// What a lead or deal is worth to the partner: value x share; nothing for lost, rejected or
// closed-lost ones.
int64_t expected_commission(LeadStage stage, int64_t value_minor, int32_t revenue_share_bp);
int64_t expected_commission(DealStage stage, int64_t value_minor, int32_t revenue_share_bp);

}  // namespace portal

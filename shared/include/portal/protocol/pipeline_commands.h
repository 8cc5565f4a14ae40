// Command and event names of the Leads and Deals rooms (lead.submit / lead.submitted are in
// frames.h) and the payload readers both hosts share. docs/protocol.md shows every payload.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "portal/protocol/frames.h"

namespace portal {

// Commands. Payloads: {"lead_id"} for qualify/reject/convert, {"lead_id","stage"} for
// set_stage, {"deal_id","stage"}, {"deal_id","text"}, {"deal_id"} for record_payout.
inline constexpr std::string_view kCmdLeadQualify = "lead.qualify";
inline constexpr std::string_view kCmdLeadReject = "lead.reject";
inline constexpr std::string_view kCmdLeadSetStage = "lead.set_stage";
inline constexpr std::string_view kCmdLeadConvert = "lead.convert";
inline constexpr std::string_view kCmdDealSetStage = "deal.set_stage";
inline constexpr std::string_view kCmdDealAddNote = "deal.add_note";
inline constexpr std::string_view kCmdDealRecordPayout = "deal.record_payout";

// Events.
//   lead.stage_changed   {"lead_id","stage","at","by"}
//   lead.converted       {"lead_id","deal":Deal,"at","by"}
//   deal.created         {"deal":Deal}
//   deal.stage_changed   {"deal":Deal (after the move),"from":stage,"at","by"}
//   deal.note_added      {"deal_id","note":DealNote,"author_name"}
//   deal.payout_recorded {"deal":Deal (commission_paid true),"at","by"}
inline constexpr std::string_view kEvLeadStageChanged = "lead.stage_changed";
inline constexpr std::string_view kEvLeadConverted = "lead.converted";
inline constexpr std::string_view kEvDealCreated = "deal.created";
inline constexpr std::string_view kEvDealStageChanged = "deal.stage_changed";
inline constexpr std::string_view kEvDealNoteAdded = "deal.note_added";
inline constexpr std::string_view kEvDealPayoutRecorded = "deal.payout_recorded";

// The target of a pipeline command: the id and, for set_stage, the stage's wire name; for
// add_note the text. nullopt when the payload lacks the id or a field has the wrong type.
struct PipelineTarget {
  Id id;
  std::string stage;
  std::string text;
};
std::optional<PipelineTarget> pipeline_target_from_json(const Json& payload, const char* id_field);

}  // namespace portal

// The Partner program room's state, its snapshot codec and how an event changes it: per partner
// the current tier and reward, the KPIs toward the next tier (rules/tiers.h) measured from the
// partner's own leads and deals, trainings and certifications, the MDF ledger and balance,
// marketing activities, the history of partnership parameters and lead/opportunity analytics.
// A partner's room holds its own organisation; the vendor's room holds every partner.
// The room keeps small facts of each lead and deal, so the pipeline's events (lead.submitted,
// deal.stage_changed, ...) update the KPIs and analytics here with the same code on the server
// and in the browser: the figures never go stale. Read-only to partners.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/funds.h"
#include "portal/model/learning.h"
#include "portal/model/program.h"
#include "portal/protocol/frames.h"

namespace portal {

// [SECTION] Commands and events

// Commands (vendor admin and partner managers only). Payloads:
//   mdf.record           an MdfEntry without id/booked_by/booked_at:
//                        {"org_id","direction","amount":{"minor","currency"},"description"}
//   training.set_progress {"user_id","training_id","completed_modules"}
//   activity.add         a MarketingActivity without id: {"org_id","title","kind",...}
inline constexpr std::string_view kCmdMdfRecord = "mdf.record";
inline constexpr std::string_view kCmdTrainingSetProgress = "training.set_progress";
inline constexpr std::string_view kCmdActivityAdd = "activity.add";

// Events of the program rooms ("org:<id>/program", "vendor/program"):
//   mdf.recorded          {"entry":MdfEntry}
//   training.progress_set {"org_id","user_name","progress":TrainingProgress}
//   activity.added        {"activity":MarketingActivity}
// and the pipeline's lead.submitted, lead.stage_changed, lead.converted, deal.created and
// deal.stage_changed, which move the KPIs and analytics; and the administration's
// pricelist.item_set, pricelist.item_removed and partnership.changed (protocol/admin_commands.h).
inline constexpr std::string_view kEvMdfRecorded = "mdf.recorded";
inline constexpr std::string_view kEvTrainingProgressSet = "training.progress_set";
inline constexpr std::string_view kEvActivityAdded = "activity.added";

// [SECTION] State

// What the room keeps of one lead: enough to count it per month and to tell whether it converted.
struct ProgramLead {
  Id id;
  UnixTime created_at = 0;
  LeadStage stage = LeadStage::Submitted;
  bool converted = false;  // became a deal
  friend bool operator==(const ProgramLead&, const ProgramLead&) = default;
};

// What the room keeps of one deal (opportunity).
struct ProgramDeal {
  Id id;
  UnixTime created_at = 0;
  UnixTime closed_at = 0;  // won_at when won, the last update when lost, 0 while open
  DealStage stage = DealStage::Prospecting;
  Money value;
  friend bool operator==(const ProgramDeal&, const ProgramDeal&) = default;
};

// One user's progress in one training, with the user's name.
struct ProgramEnrolment {
  Id org_id;
  std::string user_name;
  TrainingProgress progress;
  friend bool operator==(const ProgramEnrolment&, const ProgramEnrolment&) = default;
};

// A certification a user of the partner holds, with the user's name.
struct ProgramCertificate {
  std::string user_name;
  UserCertification cert;
  friend bool operator==(const ProgramCertificate&, const ProgramCertificate&) = default;
};

// Leads and deals of one calendar month.
struct MonthFigures {
  int32_t year = 0;
  int32_t month = 0;  // 1..12
  int32_t leads = 0;  // created in the month
  int32_t deals = 0;  // created in the month
  int32_t won = 0;    // closed won in the month
  friend bool operator==(const MonthFigures&, const MonthFigures&) = default;
};

inline constexpr int kAnalyticsMonths = 6;
inline constexpr int kKpiMonths = 12;

// Lead and opportunity analytics over the six calendar months ending with the as-of month.
struct ProgramAnalytics {
  std::vector<MonthFigures> months;  // oldest first, kAnalyticsMonths of them
  int32_t leads = 0;                 // created in the window
  int32_t converted = 0;             // of those, converted to a deal (or won)
  int32_t conversion_bp = 0;         // converted / leads, in basis points
  int32_t won = 0;                   // deals closed won in the window
  int32_t lost = 0;                  // deals closed lost in the window
  int32_t win_rate_bp = 0;           // won / (won + lost), in basis points
  friend bool operator==(const ProgramAnalytics&, const ProgramAnalytics&) = default;
};

struct ProgramPartner {
  // [SECTION] Facts (the snapshot carries these; events change them)
  Id org_id;
  std::string name;
  std::string currency = "EUR";
  Partnership partnership;  // type, current level, conditions (reward %), status
  std::vector<ProgramLead> leads;
  std::vector<ProgramDeal> deals;
  std::vector<ProgramEnrolment> enrolments;
  std::vector<ProgramCertificate> certificates;
  std::vector<MdfEntry> ledger;                // newest first
  std::vector<MarketingActivity> activities;   // newest start first
  std::vector<ParameterChange> history;        // newest first
  std::vector<PriceItem> price_items;          // the personal price list, by SKU

  // [SECTION] Figures (derived from the facts by recompute(); sent for convenience)
  UnixTime as_of = 0;   // the partner's latest lead or deal activity (0 = none)
  PartnerKpis kpis;     // over the kKpiMonths months ending with the as-of month
  std::string next_level;                // "" at the top (or without levels)
  std::vector<KpiProgress> next_progress;  // toward next_level, in its order
  int32_t overall_bp = 0;                // mean progress toward next_level, basis points
  int64_t mdf_balance_minor = 0;         // in the partner's currency
  ProgramAnalytics analytics;
  friend bool operator==(const ProgramPartner&, const ProgramPartner&) = default;
};

struct ProgramState {
  std::vector<PartnerType> types;
  std::vector<PartnerLevel> levels;  // of every type
  std::vector<Training> trainings;
  std::vector<Certification> certifications;
  std::vector<ProgramPartner> partners;  // one for a partner; every partner (by name) for staff
  friend bool operator==(const ProgramState&, const ProgramState&) = default;
};

inline constexpr size_t kMaxLedgerRows = 500;  // the newest are kept in the room

// [SECTION] Functions

// The levels of partner type `type_id`, as rules/tiers.h Levels.
std::vector<Level> levels_of_type(const ProgramState& s, const Id& type_id);
// The facts of a lead and a deal as the room keeps them.
ProgramLead program_lead(const Lead& l, bool converted);
ProgramDeal program_deal(const Deal& d);
// First day (00:00 UTC) of the calendar month `months` months after the month holding `t`
// (negative goes back).
UnixTime month_start(UnixTime t, int months = 0);
// "2026-03-15" to 00:00 UTC of that day; nullopt unless a real date in that exact form.
std::optional<UnixTime> parse_day(std::string_view text);
// The KPIs of a partner from its facts, over [from, to).
PartnerKpis measure_kpis(const ProgramPartner& p, UnixTime from, UnixTime to);
ProgramAnalytics analytics(const ProgramPartner& p, UnixTime as_of);
// Redoes every figure of `p` from its facts and the program's levels.
void recompute(const ProgramState& s, ProgramPartner& p);
void recompute_all(ProgramState& s);

Json to_json(const ProgramState& s);
// Decodes the facts and recomputes the figures.
std::optional<ProgramState> program_from_json(const Json& j);
// Applies mdf.recorded, training.progress_set, activity.added, the administration's events and
// the pipeline events above;
// anything else (or a partner the room does not hold) leaves the state unchanged, false.
bool apply(ProgramState& s, std::string_view event_type, const Json& data);
const ProgramPartner* find_program_partner(const ProgramState& s, const Id& org_id);

}  // namespace portal

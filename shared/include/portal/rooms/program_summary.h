// The vendor's Partner program room ("vendor/program"): one compact row per partner — name,
// type, tier, progress toward the next tier and MDF balance — which is what a partner manager
// scans. The full program of one partner is that partner's own room "org:<id>/program"
// (rooms/program.h), which vendor staff open on the wire as "program:<org id>". The rows are
// derived from a partner's ProgramPartner with summary_row(); every change of a partner's program
// reaches the vendor's room as one program.partner_changed event carrying the new row, so the
// summary stays live without holding any partner's leads, deals or ledger.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/protocol/frames.h"
#include "portal/rooms/program.h"
#include "portal/rooms/room_partners.h"

namespace portal {

// Event of "vendor/program": {"row":ProgramSummaryRow} (the row after the change).
inline constexpr std::string_view kEvProgramPartnerChanged = "program.partner_changed";

struct ProgramSummaryRow {
  Id org_id;
  std::string name;
  std::string currency = "EUR";
  std::string type;        // the partner type's name ("" without a partnership)
  std::string level;       // the current tier
  std::string next_level;  // "" at the top
  int32_t overall_bp = 0;  // mean progress toward next_level, in basis points
  int64_t mdf_balance_minor = 0;
  friend bool operator==(const ProgramSummaryRow&, const ProgramSummaryRow&) = default;
};

struct ProgramSummaryState {
  std::vector<ProgramSummaryRow> rows;  // by name (then id)
  friend bool operator==(const ProgramSummaryState&, const ProgramSummaryState&) = default;
};

// The summary row of partner `p` of the program `s` (its figures must be recomputed).
ProgramSummaryRow summary_row(const ProgramState& s, const ProgramPartner& p);
// One row per partner of `s`, by name.
ProgramSummaryState summarise(const ProgramState& s);

// A row travels as a short array: [org_id, name, currency, type, level, next_level,
// overall_bp, mdf_balance_minor]. The snapshot is {"summary":[row...]}.
Json to_json(const ProgramSummaryRow& r);
Json to_json(const ProgramSummaryState& s);
std::optional<ProgramSummaryRow> program_summary_row_from_json(const Json& j);
std::optional<ProgramSummaryState> program_summary_from_json(const Json& j);
// True when a "program" snapshot is the vendor's summary rather than a ProgramState.
bool is_program_summary(const Json& snapshot);
// Applies program.partner_changed (replaces or inserts the row, keeping name order) and, for
// logs older than that event, mdf.recorded (moves the balance); anything else is false.
bool apply(ProgramSummaryState& s, std::string_view event_type, const Json& data);
const ProgramSummaryRow* find_summary_row(const ProgramSummaryState& s, const Id& org_id);
// The partners of the summary for the shared partner picker, by name.
std::vector<RoomPartner> summary_partners(const ProgramSummaryState& s);

}  // namespace portal

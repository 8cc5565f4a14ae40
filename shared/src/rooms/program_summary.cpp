#include "portal/rooms/program_summary.h"

#include <algorithm>

#include "portal/protocol/model_codecs.h"
#include "protocol/json_fields.h"

namespace portal {
namespace {

using detail::field;

bool row_before(const ProgramSummaryRow& a, const ProgramSummaryRow& b) {
  return a.name != b.name ? a.name < b.name : a.org_id < b.org_id;
}

ProgramSummaryRow* find_row(ProgramSummaryState& s, const Id& org_id) {
  for (ProgramSummaryRow& r : s.rows)
    if (r.org_id == org_id) return &r;
  return nullptr;
}

}  // namespace

ProgramSummaryRow summary_row(const ProgramState& s, const ProgramPartner& p) {
  ProgramSummaryRow r;
  r.org_id = p.org_id;
  r.name = p.name;
  r.currency = p.currency;
  for (const PartnerType& t : s.types)
    if (t.id == p.partnership.type_id) r.type = t.name;
  r.level = p.partnership.level;
  r.next_level = p.next_level;
  r.overall_bp = p.overall_bp;
  r.mdf_balance_minor = p.mdf_balance_minor;
  return r;
}

ProgramSummaryState summarise(const ProgramState& s) {
  ProgramSummaryState out;
  out.rows.reserve(s.partners.size());
  for (const ProgramPartner& p : s.partners) out.rows.push_back(summary_row(s, p));
  std::sort(out.rows.begin(), out.rows.end(), row_before);
  return out;
}

Json to_json(const ProgramSummaryRow& r) {
  return Json::array({r.org_id, r.name, r.currency, r.type, r.level, r.next_level, r.overall_bp,
                      r.mdf_balance_minor});
}

Json to_json(const ProgramSummaryState& s) {
  Json rows = Json::array();
  for (const ProgramSummaryRow& r : s.rows) rows.push_back(to_json(r));
  return {{"summary", std::move(rows)}};
}

std::optional<ProgramSummaryRow> program_summary_row_from_json(const Json& j) {
  if (!j.is_array() || j.size() != 8) return std::nullopt;
  for (size_t i = 0; i < 6; ++i)
    if (!j[i].is_string()) return std::nullopt;
  if (!j[6].is_number_integer() || !j[7].is_number_integer()) return std::nullopt;
  ProgramSummaryRow r;
  r.org_id = j[0].get<std::string>();
  r.name = j[1].get<std::string>();
  r.currency = j[2].get<std::string>();
  r.type = j[3].get<std::string>();
  r.level = j[4].get<std::string>();
  r.next_level = j[5].get<std::string>();
  const int64_t bp = j[6].get<int64_t>();
  if (r.org_id.empty() || bp < 0 || bp > 10'000) return std::nullopt;
  r.overall_bp = static_cast<int32_t>(bp);
  r.mdf_balance_minor = j[7].get<int64_t>();
  return r;
}

std::optional<ProgramSummaryState> program_summary_from_json(const Json& j) {
  const Json* rows = field(j, "summary");
  if (rows == nullptr || !rows->is_array()) return std::nullopt;
  ProgramSummaryState s;
  s.rows.reserve(rows->size());
  for (const Json& rj : *rows) {
    auto r = program_summary_row_from_json(rj);
    if (!r) return std::nullopt;
    s.rows.push_back(std::move(*r));
  }
  std::sort(s.rows.begin(), s.rows.end(), row_before);
  return s;
}

bool is_program_summary(const Json& snapshot) { return field(snapshot, "summary") != nullptr; }

bool apply(ProgramSummaryState& s, std::string_view event_type, const Json& data) {
  if (event_type == kEvProgramPartnerChanged) {
    const Json* rj = field(data, "row");
    auto row = rj ? program_summary_row_from_json(*rj) : std::nullopt;
    if (!row) return false;
    if (ProgramSummaryRow* held = find_row(s, row->org_id)) {
      if (*held == *row) return false;
      if (held->name == row->name) {
        *held = std::move(*row);
        return true;
      }
      // A renamed partner moves to its new place in the name order.
      std::erase_if(s.rows, [&](const ProgramSummaryRow& r) { return r.org_id == row->org_id; });
    }
    auto at = std::upper_bound(s.rows.begin(), s.rows.end(), *row, row_before);
    s.rows.insert(at, std::move(*row));
    return true;
  }
  if (event_type == kEvMdfRecorded) {
    // Logs written before program.partner_changed carried the booking itself.
    const Json* ej = field(data, "entry");
    auto entry = ej ? mdf_entry_from_json(*ej) : std::nullopt;
    ProgramSummaryRow* r = entry ? find_row(s, entry->org_id) : nullptr;
    if (!r || entry->amount.currency != r->currency) return false;
    r->mdf_balance_minor += entry->direction == MdfDirection::Credit ? entry->amount.minor
                                                                      : -entry->amount.minor;
    return true;
  }
  return false;
}

const ProgramSummaryRow* find_summary_row(const ProgramSummaryState& s, const Id& org_id) {
  for (const ProgramSummaryRow& r : s.rows)
    if (r.org_id == org_id) return &r;
  return nullptr;
}

std::vector<RoomPartner> summary_partners(const ProgramSummaryState& s) {
  std::vector<RoomPartner> out;
  out.reserve(s.rows.size());
  for (const ProgramSummaryRow& r : s.rows) out.push_back(RoomPartner{r.org_id, r.name, 0});
  return out;
}

}  // namespace portal

// The Leads room's state, its snapshot codec and how an event changes it. Partners see their
// organisation's leads; vendor staff every partner's, with the partner's name on each row.
// The same apply() runs on the server and in the browser.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "portal/model/entities.h"
#include "portal/protocol/frames.h"
#include "portal/rooms/room_partners.h"

namespace portal {

struct LeadRow {
  Lead lead;
  std::string partner;                    // the organisation's name
  int64_t expected_commission_minor = 0;  // value x the partner's share (0 when lost/rejected)
  UnixTime updated_at = 0;                // last stage change, else created_at
  Id deal_id;                             // the deal it became; empty until converted
  friend bool operator==(const LeadRow&, const LeadRow&) = default;
};

struct LeadsState {
  std::vector<RoomPartner> partners;
  std::vector<LeadRow> leads;  // newest first
  friend bool operator==(const LeadsState&, const LeadsState&) = default;
};

// A row for `lead` with its partner's name and share (or none when the partner is unknown).
LeadRow make_lead_row(Lead lead, const std::vector<RoomPartner>& partners, UnixTime updated_at,
                      Id deal_id = {});
Json to_json(const LeadsState& s);
std::optional<LeadsState> leads_from_json(const Json& j);
// Applies lead.submitted, lead.stage_changed and lead.converted; anything else (or a malformed
// event, or a lead the room does not hold) leaves the state unchanged and returns false.
bool apply(LeadsState& s, std::string_view event_type, const Json& data);
const LeadRow* find_lead(const LeadsState& s, const Id& lead_id);

}  // namespace portal

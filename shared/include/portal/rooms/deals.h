// The Deals room's state, its snapshot codec and how an event changes it: the deals of the
// partner (or of every partner, for vendor staff) with expected commission and their notes.
// The same apply() runs on the server and in the browser.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "portal/model/pipeline.h"
#include "portal/protocol/frames.h"
#include "portal/rooms/room_partners.h"

namespace portal {

struct DealNoteRow {
  DealNote note;
  std::string author_name;
  friend bool operator==(const DealNoteRow&, const DealNoteRow&) = default;
};

struct DealRow {
  Deal deal;
  std::string partner;                    // the organisation's name
  int64_t expected_commission_minor = 0;  // value x share; 0 when closed lost
  std::vector<DealNoteRow> notes;         // oldest first
  friend bool operator==(const DealRow&, const DealRow&) = default;
};

struct DealsState {
  std::vector<RoomPartner> partners;
  std::vector<DealRow> deals;  // most recently updated first
  friend bool operator==(const DealsState&, const DealsState&) = default;
};

inline constexpr size_t kMaxNotesPerDeal = 200;  // the newest are kept in the room

DealRow make_deal_row(Deal deal, const std::vector<RoomPartner>& partners);
Json to_json(const DealsState& s);
std::optional<DealsState> deals_from_json(const Json& j);
// Applies deal.created, deal.stage_changed, deal.note_added and deal.payout_recorded; anything
// else leaves the state unchanged and returns false.
bool apply(DealsState& s, std::string_view event_type, const Json& data);
const DealRow* find_deal(const DealsState& s, const Id& deal_id);

}  // namespace portal

// The vendor's Partner program room holds one summary row per partner (rooms/program_summary.h),
// not the partners' facts, so it cannot recompute a row from a lead or an MDF booking. Instead a
// command that changes partners' programs sends that room one program.partner_changed per
// partner, carrying the row after the change, computed here with the same apply() the partner's
// own room uses.
#pragma once
#include <vector>

#include "store/store.h"

namespace portal::server {

// Replaces the events `events` would append to "vendor/program" by one program.partner_changed
// per partner whose "org:<id>/program" room they change (in the order of the partners' first
// events). Reads each such partner's program from `store`: call it under the publish mutex,
// before the events are written, so no other command moves the program meanwhile.
void summarise_program_events(Store& store, std::vector<NewEvent>& events);

// The vendor's summary snapshot of room `room_key` ("vendor/program") and the seq it includes.
// Building it reads every partner's leads and deals (seconds at 10,000 partners), so the
// summary is kept in memory and moved on by the room's own events from the log; it is rebuilt
// only when the log no longer holds what it missed. One per server process.
Json vendor_program_snapshot(Store& store, const std::string& room_key, int64_t& seq);

}  // namespace portal::server

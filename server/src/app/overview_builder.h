// Builds the Overview room's state from stored rows. Partners see their own organisation;
// vendor staff see program-wide totals, each partner's commission at that partner's share.
#pragma once
#include <string>
#include <vector>

#include "app/client.h"
#include "portal/rooms/overview.h"
#include "store/store.h"

namespace portal::server {

// `title` is the organisation the state is shown for (the partner, or the vendor for staff).
OverviewState build_overview(const OverviewInputs& in, const Organisation& title,
                             bool program_wide);

// The Overview snapshot for one subscriber of `room_key`: the room's state with the revenue
// leaderboard as they may see it, the announcements of their audience and "since your last
// visit" (per user). Sets `seq` to the room's sequence number the state includes.
OverviewState overview_snapshot(Store& store, const Identity& who, const std::string& room_key,
                                int64_t& seq);

// Every partner's figure of `metric` in quarter `q`, as the store holds it.
std::vector<LeaderboardEntry> board_entries(Store& store, const Quarter& q,
                                            LeaderboardMetric metric);
// The quarter's leaderboard by `metric` (the quarter holding `now`) as `viewer` may see it.
OverviewBoard leaderboard(Store& store, LeaderboardMetric metric, const Actor& viewer,
                          const Id& vendor_org, UnixTime now);
// The quarter's revenue leaderboard (the quarter holding `now`) as `viewer` may see it.
OverviewBoard revenue_board(Store& store, const Actor& viewer, const Id& vendor_org,
                            UnixTime now);

// When a deal moves into or out of closed-won, every Overview room's leaderboard changes: adds
// one leaderboard.changed event per partner room (carrying only what that partner may see) and
// one for the vendor's room. `before` is the stored deal, `after` the deal about to be written.
void append_leaderboard_events(Store& store, const Deal& before, const Deal& after,
                               const Id& vendor_org, UnixTime now, std::vector<NewEvent>& out);

// When a partner adds a customer account, the quarter's new-accounts leaderboard changes: adds
// the leaderboard.changed events (metric "new_accounts") as append_leaderboard_events does. Call
// it before the account is written.
void append_new_account_events(Store& store, const Id& org_id, const Id& vendor_org,
                               UnixTime now, std::vector<NewEvent>& out);

}  // namespace portal::server

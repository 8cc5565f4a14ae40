#include "app/overview_builder.h"

#include <memory>
#include <mutex>

#include "app/clock.h"
#include "app/room_keys.h"

namespace portal::server {
namespace {

// More logged events than this since the last visit are summarised by the count alone.
constexpr size_t kSinceScan = 500;

bool won_in(const Deal& d, const Quarter& q) {
  return d.stage == DealStage::ClosedWon && d.won_at >= q.start && d.won_at < q.end;
}

}  // namespace

OverviewState build_overview(const OverviewInputs& in, const Organisation& title,
                             bool program_wide) {
  OverviewState s;
  s.org_name = title.name;
  s.tier = program_wide ? std::string() : title.tier;
  s.revenue_share_bp = program_wide ? 0 : title.revenue_share_bp;
  s.currency = title.currency;

  // Commission is a per-partner figure (each has its own revenue share): the room keeps each
  // partner's sums so events can redo the figures the same way.
  s.partners = overview_partners(in.orgs, in.deals, s.currency);
  recompute_commission(s);
  s.stages = pipeline_by_stage(in.deals, s.currency);

  // The store hands leads newest first.
  s.leads_submitted = static_cast<int32_t>(in.leads.size());
  for (const Lead& l : in.leads) {
    if (is_open(l.stage)) ++s.leads_open;
    if (s.recent_leads.size() < kRecentLeads) {
      s.recent_leads.push_back(
          OverviewLead{l.id, l.draft.company, l.draft.value_minor, l.stage, l.created_at});
    }
  }
  return s;
}

namespace {

// The ranked board of one quarter, shared by every snapshot until the program's Overview log
// moves on. Ranking reads every partner's won deals, which at 10,000 partners took a second
// per partner snapshot; with the cache a snapshot only picks its rows.
class RankedBoardCache {
 public:
  std::shared_ptr<const std::vector<LeaderboardRow>> get(Store& store, const Quarter& q) {
    // Every leaderboard.changed goes to the vendor's Overview room, so its sequence number
    // moving on is what may change the board. It is read before the rows: what is then read
    // is at least as new as the key it is kept under, never older.
    const int64_t seq = store.room_seq(vendor_room_key(RoomKind::Overview));
    {
      std::lock_guard lock(mutex_);
      if (ranked_ && store_ == &store && seq_ == seq && quarter_start_ == q.start) return ranked_;
    }
    const std::optional<Organisation> vendor = store.vendor_org();
    const std::string currency = vendor ? vendor->currency : std::string("EUR");
    auto ranked = std::make_shared<const std::vector<LeaderboardRow>>(
        rank_partners(store.revenue_entries(q.start, q.end, currency), LeaderboardMetric::Revenue));
    std::lock_guard lock(mutex_);
    if (!ranked_ || store_ != &store || seq >= seq_) {
      ranked_ = ranked;
      store_ = &store;
      seq_ = seq;
      quarter_start_ = q.start;
    }
    return ranked;
  }

 private:
  std::mutex mutex_;
  std::shared_ptr<const std::vector<LeaderboardRow>> ranked_;
  const Store* store_ = nullptr;
  int64_t seq_ = -1;
  UnixTime quarter_start_ = 0;
};

RankedBoardCache& ranked_board_cache() {
  static RankedBoardCache cache;
  return cache;
}

}  // namespace

OverviewBoard revenue_board(Store& store, const Actor& viewer, const Id& vendor_org,
                            UnixTime now) {
  const Quarter q = quarter_of(now);
  const auto ranked = ranked_board_cache().get(store, q);
  return overview_board(*ranked, q, viewer, vendor_org, store.leaderboard_disclosure());
}



OverviewState overview_snapshot(Store& store, const Identity& who, const std::string& room_key,
                                int64_t& seq) {
  const Actor actor = who.actor();
  const bool program_wide = is_vendor_staff(actor.role);
  // The room's rows and seq first: what the reads below add was committed at or after that
  // seq, so its event either repeats what the state holds (apply() is idempotent for these
  // parts) or comes after it.
  const OverviewInputs in =
      store.overview_inputs(program_wide ? std::nullopt : std::optional<Id>(actor.org_id), room_key);
  seq = in.seq;
  OverviewState s = build_overview(in, who.org, program_wide);

  const std::optional<Organisation> vendor = store.vendor_org();
  const Id vendor_id = vendor ? vendor->id : Id();
  const UnixTime now = unix_now();
  s.revenue_board = revenue_board(store, actor, vendor_id, now);
  s.announcements = store.announcements(
      program_wide ? std::nullopt : std::optional<Id>(actor.org_id), kOverviewAnnouncements);

  const UnixTime since = store.visit_since(actor.user_id);
  std::vector<LoggedEvent> logged;
  if (since > 0) {
    for (StoredEvent& e : store.events_since(room_key, since, kSinceScan))
      logged.push_back(LoggedEvent{std::move(e.type), std::move(e.data), e.at});
  }
  s.since = since_last_visit(logged, since, actor.user_id);
  return s;
}

void append_leaderboard_events(Store& store, const Deal& before, const Deal& after,
                               const Id& vendor_org, UnixTime now, std::vector<NewEvent>& out) {
  const Quarter q = quarter_of(now);
  const bool was = won_in(before, q), is = won_in(after, q);
  if (was == is) return;  // the quarter's revenue is unchanged
  const std::optional<Organisation> vendor = store.vendor_org();
  const std::string currency = vendor ? vendor->currency : std::string("EUR");
  if (after.value.currency != currency) return;

  // The store still holds `before`: move the deal's value by hand.
  std::vector<LeaderboardEntry> entries = store.revenue_entries(q.start, q.end, currency);
  const std::vector<LeaderboardRow> old_ranked = rank_partners(entries, LeaderboardMetric::Revenue);
  for (LeaderboardEntry& e : entries) {
    if (e.org_id != after.org_id) continue;
    if (was) e.revenue_minor -= before.value.minor;
    if (is) e.revenue_minor += after.value.minor;
  }
  const std::vector<LeaderboardRow> ranked = rank_partners(entries, LeaderboardMetric::Revenue);
  const NameDisclosure disclosure = store.leaderboard_disclosure();
  const std::string type(kEvLeaderboardChanged);

  // Each partner's room gets the board as that partner may see it: its own row by name and
  // amount, the others anonymised without amounts. Only boards that look different get an
  // event: in a large program most partners sit below the top rows at an unchanged position.
  for (const LeaderboardEntry& e : entries) {
    const Actor partner{Id(), e.org_id, Role::PartnerUser};
    const OverviewBoard b = overview_board(ranked, q, partner, vendor_org, disclosure);
    if (b == overview_board(old_ranked, q, partner, vendor_org, disclosure)) continue;
    out.push_back({partner_room_key(e.org_id, RoomKind::Overview), type,
                   Json{{"metric", "revenue"}, {"board", to_json(b)}}});
  }
  const Actor staff{Id(), vendor_org, Role::PartnerManager};
  const OverviewBoard b = overview_board(ranked, q, staff, vendor_org, disclosure);
  out.push_back({vendor_room_key(RoomKind::Overview), type,
                 Json{{"metric", "revenue"}, {"board", to_json(b)}}});
}

}  // namespace portal::server

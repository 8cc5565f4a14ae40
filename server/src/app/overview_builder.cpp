#include "app/overview_builder.h"

#include <memory>
#include <mutex>

#include "app/clock.h"
#include "app/room_keys.h"
#include "portal/protocol/accounts_commands.h"

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
  s.org_id = program_wide ? Id() : title.id;
  s.org_name = title.name;
  s.tier = program_wide ? std::string() : title.tier;
  s.revenue_share_bp = program_wide ? 0 : title.revenue_share_bp;
  s.currency = title.currency;

  // Commission is a per-partner figure (each has its own revenue share): the room keeps each
  // partner's sums so events can redo the figures the same way.
  s.partners = overview_partners(in.orgs, in.deals, s.currency);
  recompute_commission(s);
  s.stages = pipeline_by_stage(in.deals, s.currency);

  // The store counts the leads and hands the newest first.
  s.leads_submitted = in.leads_submitted;
  s.leads_open = in.leads_open;
  for (const Lead& l : in.recent_leads) {
    if (s.recent_leads.size() == kRecentLeads) break;
    s.recent_leads.push_back(
        OverviewLead{l.id, l.draft.company, l.draft.value_minor, l.stage, l.created_at});
  }
  return s;
}

namespace {

// The ranked boards of one quarter, shared by every snapshot until the program's Overview log
// moves on. Ranking reads every partner's won deals, which at 10,000 partners took a second
// per partner snapshot; with the cache a snapshot only picks its rows.
class RankedBoardCache {
 public:
  std::shared_ptr<const std::vector<LeaderboardRow>> get(Store& store, const Quarter& q,
                                                         LeaderboardMetric metric) {
    Slot& slot = metric == LeaderboardMetric::NewAccounts ? accounts_ : revenue_;
    // Every leaderboard.changed goes to the vendor's Overview room, so its sequence number
    // moving on is what may change a board. It is read before the rows: what is then read
    // is at least as new as the key it is kept under, never older.
    const int64_t seq = store.room_seq(vendor_room_key(RoomKind::Overview));
    {
      std::lock_guard lock(mutex_);
      if (slot.ranked && slot.store == &store && slot.seq == seq && slot.quarter_start == q.start)
        return slot.ranked;
    }
    auto ranked = std::make_shared<const std::vector<LeaderboardRow>>(
        rank_partners(board_entries(store, q, metric), metric));
    std::lock_guard lock(mutex_);
    if (!slot.ranked || slot.store != &store || seq >= slot.seq)
      slot = Slot{ranked, &store, seq, q.start};
    return ranked;
  }

 private:
  struct Slot {
    std::shared_ptr<const std::vector<LeaderboardRow>> ranked;
    const Store* store = nullptr;
    int64_t seq = -1;
    UnixTime quarter_start = 0;
  };
  std::mutex mutex_;
  Slot revenue_, accounts_;
};

RankedBoardCache& ranked_board_cache() {
  static RankedBoardCache cache;
  return cache;
}

// The account events of the Overview room, which the accounts part of the state applies.
bool is_account_event(std::string_view type) {
  return type == kEvAccountAdded || type == kEvAccountTaskAdded ||
         type == kEvAccountTaskStatusChanged;
}

// The accounts part of the Overview at the room's sequence number `seq`. The accounts were read
// in a transaction of their own, with the room's sequence number at that moment (`in.seq`);
// the account events logged after it up to `seq` are applied, so the part describes the same
// moment as the rest of the snapshot. Empty when the log no longer holds those events.
std::optional<OverviewAccounts> accounts_at(Store& store, const AccountsInputs& in,
                                            const std::string& room_key, int64_t seq,
                                            const std::string& currency) {
  OverviewAccounts a = overview_accounts(in.accounts, in.tasks, currency);
  if (in.seq >= seq) return a;
  auto missed = store.events_after(room_key, in.seq, size_t(seq - in.seq));
  if (!missed) return std::nullopt;
  for (const StoredEvent& e : *missed)
    if (e.seq <= seq && is_account_event(e.type)) apply_account_event(a, currency, e.type, e.data);
  return a;
}

// One leaderboard.changed per partner room whose board looks different between `old_ranked`
// and `ranked`, and one for the vendor's room.
void append_board_events(LeaderboardMetric metric, std::span<const LeaderboardEntry> entries,
                         std::span<const LeaderboardRow> old_ranked,
                         std::span<const LeaderboardRow> ranked, const Quarter& q,
                         const Id& vendor_org, NameDisclosure disclosure,
                         std::vector<NewEvent>& out) {
  const std::string type(kEvLeaderboardChanged);
  const std::string metric_name(to_string(metric));
  // Each partner's room gets the board as that partner may see it: its own row by name and
  // amount, the others anonymised without amounts. Only boards that look different get an
  // event: in a large program most partners sit below the top rows at an unchanged position.
  // FIXME: a change in the top rows still changes every partner's board (one event each); a
  // shared program-wide event for the anonymised rows needs a room every partner follows.
  for (const LeaderboardEntry& e : entries) {
    const Actor partner{Id(), e.org_id, Role::PartnerUser};
    const OverviewBoard b = overview_board(ranked, q, partner, vendor_org, disclosure);
    if (b == overview_board(old_ranked, q, partner, vendor_org, disclosure)) continue;
    out.push_back({partner_room_key(e.org_id, RoomKind::Overview), type,
                   Json{{"metric", metric_name}, {"board", to_json(b)}}});
  }
  const Actor staff{Id(), vendor_org, Role::PartnerManager};
  const OverviewBoard b = overview_board(ranked, q, staff, vendor_org, disclosure);
  out.push_back({vendor_room_key(RoomKind::Overview), type,
                 Json{{"metric", metric_name}, {"board", to_json(b)}}});
}

}  // namespace

std::vector<LeaderboardEntry> board_entries(Store& store, const Quarter& q,
                                            LeaderboardMetric metric) {
  if (metric == LeaderboardMetric::NewAccounts) return store.new_account_entries(q.start, q.end);
  const std::optional<Organisation> vendor = store.vendor_org();
  return store.revenue_entries(q.start, q.end, vendor ? vendor->currency : std::string("EUR"));
}

OverviewBoard leaderboard(Store& store, LeaderboardMetric metric, const Actor& viewer,
                          const Id& vendor_org, UnixTime now) {
  const Quarter q = quarter_of(now);
  const auto ranked = ranked_board_cache().get(store, q, metric);
  return overview_board(*ranked, q, viewer, vendor_org, store.leaderboard_disclosure());
}

OverviewBoard revenue_board(Store& store, const Actor& viewer, const Id& vendor_org,
                            UnixTime now) {
  return leaderboard(store, LeaderboardMetric::Revenue, viewer, vendor_org, now);
}

OverviewState overview_snapshot(Store& store, const Identity& who, const std::string& room_key,
                                int64_t& seq) {
  const Actor actor = who.actor();
  const bool program_wide = is_vendor_staff(actor.role);
  const std::optional<Id> org = program_wide ? std::nullopt : std::optional<Id>(actor.org_id);
  // The room's rows and seq first: what the reads below add was committed at or after that
  // seq, so its event either repeats what the state holds (apply() is idempotent for these
  // parts) or comes after it. The accounts are read before them and brought up to that seq.
  OverviewState s;
  for (int attempt = 0;; ++attempt) {
    const AccountsInputs accounts = store.accounts_inputs(org, room_key);
    const OverviewInputs in = store.overview_inputs(kRecentLeads, org, room_key);
    seq = in.seq;
    s = build_overview(in, who.org, program_wide);
    auto a = accounts_at(store, accounts, room_key, in.seq, s.currency);
    if (a) {
      s.accounts = std::move(*a);
      break;
    }
    // Only a log trimmed between the two reads lacks those events: read again. Should that
    // keep happening, the accounts as read are shown (the next snapshot is exact again).
    if (attempt == 2) {
      s.accounts = overview_accounts(accounts.accounts, accounts.tasks, s.currency);
      break;
    }
  }

  const std::optional<Organisation> vendor = store.vendor_org();
  const Id vendor_id = vendor ? vendor->id : Id();
  const UnixTime now = unix_now();
  s.revenue_board = leaderboard(store, LeaderboardMetric::Revenue, actor, vendor_id, now);
  s.accounts_board = leaderboard(store, LeaderboardMetric::NewAccounts, actor, vendor_id, now);
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
  append_board_events(LeaderboardMetric::Revenue, entries, old_ranked, ranked, q, vendor_org,
                      store.leaderboard_disclosure(), out);
}

void append_new_account_events(Store& store, const Id& org_id, const Id& vendor_org,
                               UnixTime now, std::vector<NewEvent>& out) {
  const Quarter q = quarter_of(now);
  // The store does not hold the account yet: count it by hand.
  std::vector<LeaderboardEntry> entries = store.new_account_entries(q.start, q.end);
  const std::vector<LeaderboardRow> old_ranked =
      rank_partners(entries, LeaderboardMetric::NewAccounts);
  for (LeaderboardEntry& e : entries)
    if (e.org_id == org_id) ++e.new_accounts;
  const std::vector<LeaderboardRow> ranked = rank_partners(entries, LeaderboardMetric::NewAccounts);
  append_board_events(LeaderboardMetric::NewAccounts, entries, old_ranked, ranked, q, vendor_org,
                      store.leaderboard_disclosure(), out);
}

}  // namespace portal::server

// The Overview's customer-accounts part: the success metrics added up as the Customer accounts
// room does, the most urgent open tasks, how the account events change both, and the
// new-accounts leaderboard event.
#include <gtest/gtest.h>

#include "portal/protocol/accounts_commands.h"
#include "portal/protocol/model_codecs.h"
#include "portal/rooms/accounts.h"
#include "portal/rooms/overview.h"

namespace portal {
namespace {

CustomerAccount account(const Id& id, const std::string& name, int64_t lifetime,
                        std::vector<CommitmentPlan> plans = {}) {
  CustomerAccount a;
  a.id = id;
  a.name = name;
  a.org_id = "o_a";
  a.lifetime_revenue = Money{lifetime, "EUR"};
  a.plans = std::move(plans);
  a.created_at = 1'780'000'000;
  return a;
}

CommitmentPlan plan(const Id& id, int64_t minor, PlanStatus status, bool eligible,
                    const std::string& currency = "EUR") {
  CommitmentPlan p;
  p.id = id;
  p.name = "Plan " + id;
  p.value = Money{minor, currency};
  p.status = status;
  p.cppo_eligible = eligible;
  return p;
}

AccountTask task(const Id& id, const Id& account_id, UnixTime due,
                 TaskStatus status = TaskStatus::Open) {
  AccountTask t;
  t.id = id;
  t.account_id = account_id;
  t.kind = AccountTaskKind::CreatePrivateOffer;
  t.due_at = due;
  t.status = status;
  return t;
}

std::vector<CustomerAccount> two_accounts() {
  return {account("a1", "Globex", 120'000,
                  {plan("p1", 50'000, PlanStatus::Executable, true),
                   plan("p2", 30'000, PlanStatus::ExpiredUnexecuted, false)}),
          account("a2", "Initech", 80'000,
                  {plan("p3", 10'000, PlanStatus::Executable, false),
                   plan("p4", 999, PlanStatus::ExpiredUnexecuted, true, "USD")})};
}

TEST(OverviewAccounts, MetricsAreTheAccountsRoomTotals) {
  const auto accounts = two_accounts();
  const OverviewAccounts a = overview_accounts(accounts, {}, "EUR");
  // The same four figures the Customer accounts room shows for the same accounts.
  std::vector<AccountRow> rows;
  for (const CustomerAccount& c : accounts) rows.push_back(make_account_row(c, {}, {}, "EUR"));
  const AccountsState room = make_accounts_state({}, "EUR", rows);
  EXPECT_EQ(a.accounts, 2);
  EXPECT_EQ(a.missing_cppos, room.totals.missing_cppos);
  EXPECT_EQ(a.net_missed_revenue_minor, room.totals.net_missed_revenue_minor);
  EXPECT_EQ(a.savings_opportunity_minor, room.totals.savings_opportunity_minor);
  EXPECT_EQ(a.lifetime_revenue_minor, room.totals.lifetime_revenue_minor);
  // And by hand: savings 50,000 + 10,000; missed 30,000 (the USD plan left out); two CPPOs
  // missing, whatever the currency.
  EXPECT_EQ(a.savings_opportunity_minor, 60'000);
  EXPECT_EQ(a.net_missed_revenue_minor, 30'000);
  EXPECT_EQ(a.missing_cppos, 2);
  EXPECT_EQ(a.lifetime_revenue_minor, 200'000);
}

TEST(OverviewAccounts, TasksAreOpenOnesMostUrgentFirstWithTheAccountName) {
  const auto accounts = two_accounts();
  const std::vector<AccountTask> tasks = {
      task("t1", "a1", 0),                          // no due date: last
      task("t2", "a2", 1'790'000'000),              // later
      task("t3", "a1", 1'785'000'000),              // earliest
      task("t4", "a2", 1'700'000'000, TaskStatus::Done),  // closed: left out
      task("t5", "gone", 1'600'000'000),            // of an account not in view: left out
  };
  const OverviewAccounts a = overview_accounts(accounts, tasks, "EUR");
  ASSERT_EQ(a.tasks.size(), 3u);
  EXPECT_EQ(a.open_tasks, 3);
  EXPECT_EQ(a.tasks[0].id, "t3");
  EXPECT_EQ(a.tasks[0].account_name, "Globex");
  EXPECT_EQ(a.tasks[1].id, "t2");
  EXPECT_EQ(a.tasks[1].account_name, "Initech");
  EXPECT_EQ(a.tasks[2].id, "t1");
}

TEST(OverviewAccounts, ThePoolKeepsTheMostUrgentAndCountsTheRest) {
  std::vector<CustomerAccount> accounts = {account("a1", "Globex", 0)};
  std::vector<AccountTask> tasks;
  for (int i = 0; i < int(kOverviewTaskPool) + 5; ++i)
    tasks.push_back(task("t" + std::to_string(100 + i), "a1", 1'800'000'000 - i));
  const OverviewAccounts a = overview_accounts(accounts, tasks, "EUR");
  EXPECT_EQ(a.open_tasks, int32_t(kOverviewTaskPool) + 5);
  ASSERT_EQ(a.tasks.size(), kOverviewTaskPool);
  EXPECT_EQ(a.tasks.front().due_at, 1'800'000'000 - int(kOverviewTaskPool) - 4);
  EXPECT_TRUE(std::is_sorted(a.tasks.begin(), a.tasks.end(), task_order));
}

// Events applied one by one give what a fresh snapshot of the same rows gives.
TEST(OverviewAccounts, AccountEventsMatchAFreshSnapshot) {
  OverviewState s;
  s.currency = "EUR";
  const auto accounts = two_accounts();
  std::vector<AccountTask> tasks = {task("t1", "a1", 1'785'000'000)};
  s.accounts = overview_accounts(std::span(accounts).first(1), tasks, "EUR");

  // account.added with its starter task.
  const AccountTask starter = task("t2", "a2", 1'781'000'000);
  ASSERT_TRUE(apply(s, kEvAccountAdded,
                    Json{{"account", to_json(accounts[1])},
                         {"tasks", Json::array({to_json(starter)})},
                         {"by", "u_1"}}));
  tasks.push_back(starter);
  EXPECT_EQ(s.accounts, overview_accounts(accounts, tasks, "EUR"));
  EXPECT_EQ(s.accounts.tasks.front().id, "t2");
  EXPECT_EQ(s.accounts.tasks.front().account_name, "Initech");

  // A task ticked off elsewhere leaves the list and the count.
  AccountTask done = tasks[1];
  done.status = TaskStatus::Done;
  done.completed_at = 1'781'500'000;
  ASSERT_TRUE(apply(s, kEvAccountTaskStatusChanged,
                    Json{{"task", to_json(done)}, {"from", "open"}, {"account_name", "Initech"}}));
  tasks[1] = done;
  EXPECT_EQ(s.accounts, overview_accounts(accounts, tasks, "EUR"));
  EXPECT_EQ(s.accounts.open_tasks, 1);

  // Reopened, it comes back in its place.
  AccountTask reopened = done;
  reopened.status = TaskStatus::InProgress;
  reopened.completed_at = 0;
  ASSERT_TRUE(apply(s, kEvAccountTaskStatusChanged,
                    Json{{"task", to_json(reopened)}, {"from", "done"}, {"account_name", "Initech"}}));
  tasks[1] = reopened;
  EXPECT_EQ(s.accounts, overview_accounts(accounts, tasks, "EUR"));

  // A task moving between two open states is counted once.
  AccountTask started = tasks[0];
  started.status = TaskStatus::InProgress;
  ASSERT_TRUE(apply(s, kEvAccountTaskStatusChanged,
                    Json{{"task", to_json(started)}, {"from", "open"}, {"account_name", "Globex"}}));
  tasks[0] = started;
  EXPECT_EQ(s.accounts, overview_accounts(accounts, tasks, "EUR"));

  // A new task on an existing account.
  const AccountTask added = task("t3", "a1", 0);
  ASSERT_TRUE(apply(s, kEvAccountTaskAdded,
                    Json{{"task", to_json(added)}, {"account_name", "Globex"}, {"by", "u_1"}}));
  tasks.push_back(added);
  EXPECT_EQ(s.accounts, overview_accounts(accounts, tasks, "EUR"));
  EXPECT_EQ(s.accounts.open_tasks, 3);
}

TEST(OverviewAccounts, MalformedAccountEventsChangeNothing) {
  OverviewState s;
  s.accounts = overview_accounts(two_accounts(), {}, "EUR");
  const OverviewState before = s;
  EXPECT_FALSE(apply(s, kEvAccountAdded, Json{{"account", {{"id", "x"}}}}));
  EXPECT_FALSE(apply(s, kEvAccountAdded, Json{{"account", "nope"}}));
  EXPECT_FALSE(apply(s, kEvAccountTaskStatusChanged, Json{{"task", "nope"}}));
  EXPECT_FALSE(apply(s, kEvAccountTaskAdded, Json::object()));
  EXPECT_EQ(s, before);
}

TEST(OverviewAccounts, SnapshotRoundTripsWithTheNewAccountsBoard) {
  OverviewState s;
  const std::vector<AccountTask> tasks = {task("t1", "a1", 1'785'000'000)};
  s.accounts = overview_accounts(two_accounts(), tasks, "EUR");
  s.accounts.tasks[0].title = "Offer the 3-year plan";
  const std::vector<LeaderboardEntry> entries = {{"o_a", "Acme", 0, 3, std::nullopt},
                                                 {"o_b", "Blue", 0, 5, std::nullopt}};
  const auto ranked = rank_partners(entries, LeaderboardMetric::NewAccounts);
  s.accounts_board = overview_board(ranked, quarter_of(1'780'000'000),
                                    Actor{"u", "o_a", Role::PartnerUser}, "o_vendor",
                                    NameDisclosure::Anonymised);
  auto back = overview_from_json(to_json(s));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, s);
  // Another partner's count is not in the frame.
  EXPECT_EQ(to_json(s).dump().find("Blue"), std::string::npos);
  EXPECT_EQ(s.accounts_board.rows[0].name, "Partner #1");
  EXPECT_FALSE(s.accounts_board.rows[0].value_shown);
  EXPECT_EQ(s.accounts_board.rows[1].value_minor, 3);
  EXPECT_EQ(s.accounts_board.rows[1].bar_pct, 60);
}

TEST(OverviewAccounts, LeaderboardEventSaysWhichBoardItChanges) {
  OverviewState s;
  const std::vector<LeaderboardEntry> entries = {{"o_a", "Acme", 0, 2, std::nullopt}};
  const auto ranked = rank_partners(entries, LeaderboardMetric::NewAccounts);
  const OverviewBoard b = overview_board(ranked, quarter_of(1'780'000'000),
                                         Actor{"u", "o_a", Role::PartnerUser}, "o_vendor",
                                         NameDisclosure::Anonymised);
  ASSERT_TRUE(apply(s, kEvLeaderboardChanged, Json{{"metric", "new_accounts"}, {"board", to_json(b)}}));
  EXPECT_EQ(s.accounts_board, b);
  EXPECT_TRUE(s.revenue_board.rows.empty());
  // Without a metric (an event older than the second board) it is the revenue board.
  ASSERT_TRUE(apply(s, kEvLeaderboardChanged, Json{{"board", to_json(b)}}));
  EXPECT_EQ(s.revenue_board, b);
  EXPECT_FALSE(apply(s, kEvLeaderboardChanged, Json{{"metric", "karma"}, {"board", to_json(b)}}));
}

}  // namespace
}  // namespace portal

// The Customer accounts room (rooms/accounts.h) and its command payloads
// (protocol/accounts_commands.h): table order, the four success-metric totals, events applied
// once, snapshots that round-trip, and a field error for every mistyped payload field.
#include <gtest/gtest.h>

#include "portal/protocol/accounts_commands.h"
#include "portal/protocol/model_codecs.h"
#include "portal/rooms/accounts.h"
#include "portal/rules/entity_validation.h"
#include "portal/rules/permissions.h"

namespace portal {
namespace {

const std::vector<RoomPartner> kPartners = {{"acme", "Acme Integrations", 1500},
                                            {"blue", "Blue Harbor", 1000}};

CommitmentPlan plan(int64_t minor, PlanStatus status, bool eligible = false, bool via = false,
                    const char* currency = "EUR") {
  CommitmentPlan p;
  p.id = "p" + std::to_string(minor);
  p.name = "Plan";
  p.value = Money{minor, currency};
  p.status = status;
  p.cppo_eligible = eligible;
  p.via_cppo = via;
  return p;
}

CustomerAccount account(const std::string& id, std::vector<CommitmentPlan> plans,
                        const std::string& org = "acme", int64_t lifetime = 0) {
  CustomerAccount a;
  a.id = id;
  a.org_id = org;
  a.name = "Account " + id;
  a.website = id + ".example";
  a.lifetime_revenue = Money{lifetime, "EUR"};
  a.plans = std::move(plans);
  a.created_at = 1'770'000'000;
  return a;
}

AccountTask task(const std::string& id, const std::string& account_id,
                 TaskStatus status = TaskStatus::Open) {
  AccountTask t;
  t.id = id;
  t.account_id = account_id;
  t.kind = AccountTaskKind::CompleteOnboarding;
  t.status = status;
  if (status == TaskStatus::Done) t.completed_at = 1'770'000'500;
  return t;
}

Json added(const CustomerAccount& a, std::vector<AccountTask> tasks = {}) {
  Json ts = Json::array();
  for (const AccountTask& t : tasks) ts.push_back(to_json(t));
  return {{"account", to_json(a)}, {"tasks", ts}, {"by", "u1"}};
}

AccountsState empty_room() { return make_accounts_state(kPartners, "EUR", {}); }

// [SECTION] Room

TEST(AccountsRoom, AddedAccountsKeepSavingsOpportunityOrderAndTotals) {
  AccountsState s = empty_room();
  ASSERT_TRUE(apply(s, kEvAccountAdded, added(account("small", {plan(1'000, PlanStatus::Executable)}))));
  ASSERT_TRUE(apply(s, kEvAccountAdded,
                    added(account("big", {plan(90'000, PlanStatus::Executable, true),
                                          plan(5'000, PlanStatus::ExpiredUnexecuted, true)},
                                  "blue", 700'000),
                          {task("t1", "big"), task("t2", "big", TaskStatus::Done)})));
  ASSERT_TRUE(apply(s, kEvAccountAdded, added(account("mid", {plan(20'000, PlanStatus::Executable)}))));
  ASSERT_EQ(s.accounts.size(), 3u);
  EXPECT_EQ(s.accounts[0].account.id, "big");
  EXPECT_EQ(s.accounts[1].account.id, "mid");
  EXPECT_EQ(s.accounts[2].account.id, "small");
  EXPECT_EQ(s.accounts[0].partner, "Blue Harbor");
  EXPECT_EQ(s.accounts[0].open_tasks, 1);
  EXPECT_EQ(s.totals.savings_opportunity_minor, 111'000);
  EXPECT_EQ(s.totals.net_missed_revenue_minor, 5'000);
  EXPECT_EQ(s.totals.missing_cppos, 2);
  EXPECT_EQ(s.totals.lifetime_revenue_minor, 700'000);
  EXPECT_EQ(s.totals.open_tasks, 1);
}

TEST(AccountsRoom, TotalsAreTheSuccessMetricsOfTheSameAccounts) {
  std::vector<CustomerAccount> accounts = {
      account("a", {plan(10, PlanStatus::Executed, true, true), plan(20, PlanStatus::Executable, true)}, "acme", 5),
      account("b", {plan(30, PlanStatus::ExpiredUnexecuted, true), plan(40, PlanStatus::Executable, false, false, "USD")}),
      account("c", {}, "blue", 99)};
  std::vector<AccountRow> rows;
  for (const CustomerAccount& a : accounts) rows.push_back(make_account_row(a, {}, kPartners, "EUR"));
  const AccountsState s = make_accounts_state(kPartners, "EUR", rows);
  const SuccessMetrics m = success_metrics(accounts, "EUR");
  EXPECT_EQ(s.totals.missing_cppos, m.missing_cppos);
  EXPECT_EQ(s.totals.net_missed_revenue_minor, m.net_missed_revenue_minor);
  EXPECT_EQ(s.totals.savings_opportunity_minor, m.savings_opportunity_minor);
  EXPECT_EQ(s.totals.lifetime_revenue_minor, m.lifetime_revenue_minor);
  ASSERT_EQ(s.accounts.size(), m.accounts.size());
  for (size_t i = 0; i < s.accounts.size(); ++i) EXPECT_EQ(s.accounts[i].metrics, m.accounts[i]);
  // The USD plan is left out of the EUR savings but its account still counts.
  EXPECT_EQ(m.savings_opportunity_minor, 20);
}

TEST(AccountsRoom, TaskTickAndUntickMoveTheOpenCount) {
  AccountsState s = empty_room();
  ASSERT_TRUE(apply(s, kEvAccountAdded, added(account("a", {}), {task("t1", "a"), task("t2", "a")})));
  EXPECT_EQ(s.totals.open_tasks, 2);
  AccountTask done = task("t1", "a", TaskStatus::Done);
  ASSERT_TRUE(apply(s, kEvAccountTaskStatusChanged, {{"task", to_json(done)}, {"at", 1}, {"by", "u"}}));
  EXPECT_EQ(s.accounts[0].open_tasks, 1);
  EXPECT_EQ(s.totals.open_tasks, 1);
  EXPECT_EQ(s.accounts[0].tasks[0].status, TaskStatus::Done);
  ASSERT_TRUE(apply(s, kEvAccountTaskStatusChanged, {{"task", to_json(task("t1", "a"))}, {"at", 2}, {"by", "u"}}));
  EXPECT_EQ(s.totals.open_tasks, 2);
  ASSERT_TRUE(apply(s, kEvAccountTaskAdded, {{"task", to_json(task("t3", "a"))}, {"by", "u"}}));
  EXPECT_EQ(s.accounts[0].tasks.size(), 3u);
  EXPECT_EQ(s.totals.open_tasks, 3);
  EXPECT_EQ(find_task_row(s, "t3"), &s.accounts[0]);
}

TEST(AccountsRoom, RepeatsUnknownTargetsAndMalformedEventsChangeNothing) {
  AccountsState s = empty_room();
  const CustomerAccount a = account("a", {plan(100, PlanStatus::Executable)});
  ASSERT_TRUE(apply(s, kEvAccountAdded, added(a, {task("t1", "a")})));
  const AccountsState before = s;
  EXPECT_FALSE(apply(s, kEvAccountAdded, added(a)));                              // repeat
  EXPECT_FALSE(apply(s, kEvAccountTaskAdded, {{"task", to_json(task("t1", "a"))}}));  // repeat
  EXPECT_FALSE(apply(s, kEvAccountTaskStatusChanged, {{"task", to_json(task("t9", "a"))}}));
  EXPECT_FALSE(apply(s, kEvAccountTaskAdded, {{"task", to_json(task("t2", "nope"))}}));
  EXPECT_FALSE(apply(s, kEvAccountAdded, {{"account", 42}}));
  EXPECT_FALSE(apply(s, kEvAccountAdded, added(account("b", {}), {task("t5", "other")})));
  EXPECT_FALSE(apply(s, "deal.created", {{"deal", Json::object()}}));
  EXPECT_EQ(s, before);
}

TEST(AccountsRoom, SnapshotCarriesTheTableRowsNotThePlansAndTasks) {
  AccountsState s = empty_room();
  ASSERT_TRUE(apply(s, kEvAccountAdded, added(account("a", {plan(50, PlanStatus::Executable, true)}, "acme", 7), {task("t1", "a"), task("t2", "a", TaskStatus::Done)})));
  ASSERT_TRUE(apply(s, kEvAccountAdded, added(account("b", {plan(80, PlanStatus::ExpiredUnexecuted)}, "blue"))));
  const Json wire = to_json(s);
  EXPECT_FALSE(wire.contains("totals"));  // derived on both sides, never sent
  const Json& a = wire["accounts"][0];
  EXPECT_EQ(a["id"], "a");
  for (const char* detail : {"plans", "tasks"}) EXPECT_FALSE(a.contains(detail)) << detail;
  const AccountMetrics& m = s.accounts[0].metrics;
  EXPECT_EQ(m.savings_opportunity_minor, 50);
  EXPECT_EQ(a["metrics"], Json::array({m.missing_cppos, m.net_missed_revenue_minor,
                                       m.savings_opportunity_minor, m.lifetime_revenue_minor}));
  EXPECT_EQ(a["plan_count"], 1);
  EXPECT_EQ(a["open_tasks"], 1);
  auto back = accounts_from_json(Json::parse(wire.dump()));
  ASSERT_TRUE(back.has_value());
  // The table reads the same rows, figures and totals; plans and tasks are not loaded yet.
  ASSERT_EQ(back->accounts.size(), 2u);
  EXPECT_EQ(back->totals, s.totals);
  for (size_t i = 0; i < 2; ++i) {
    const AccountRow& r = back->accounts[i];
    EXPECT_EQ(r.account.id, s.accounts[i].account.id);
    EXPECT_EQ(r.metrics, s.accounts[i].metrics);
    EXPECT_EQ(r.partner, s.accounts[i].partner);
    EXPECT_EQ(r.open_tasks, s.accounts[i].open_tasks);
    EXPECT_EQ(r.plan_count, 1);
    EXPECT_FALSE(r.detail);
    EXPECT_TRUE(r.tasks.empty());
  }
  EXPECT_EQ(to_json(*back), wire);
  EXPECT_FALSE(accounts_from_json({{"partners", Json::array()}, {"accounts", 3}}).has_value());
  EXPECT_FALSE(accounts_from_json({{"partners", Json::array()}, {"currency", "EUR"},
                                   {"accounts", {{{"id", "x"}}}}}).has_value());
}

TEST(AccountsRoom, CountsFollowTicksBeforeAndAfterTheDetailLoads) {
  AccountsState full = empty_room();
  const CustomerAccount a = account("a", {plan(100, PlanStatus::Executable)});
  ASSERT_TRUE(apply(full, kEvAccountAdded, added(a, {task("t1", "a"), task("t2", "a")})));
  AccountsState s = *accounts_from_json(to_json(full));
  ASSERT_EQ(s.accounts[0].open_tasks, 2);
  // A tick in another tab: the row's count follows from the event's "from" alone.
  const Json tick = {{"task", to_json(task("t1", "a", TaskStatus::Done))}, {"from", "open"},
                     {"at", 1}, {"by", "u"}};
  ASSERT_TRUE(apply(s, kEvAccountTaskStatusChanged, tick));
  EXPECT_EQ(s.accounts[0].open_tasks, 1);
  EXPECT_EQ(s.totals.open_tasks, 1);
  ASSERT_TRUE(apply(s, kEvAccountTaskAdded, {{"task", to_json(task("t3", "a"))}, {"by", "u"}}));
  EXPECT_EQ(s.totals.open_tasks, 2);
  // The side panel opens: plans and tasks as the server has them now.
  const Json detail = account_detail_json(
      a, {task("t1", "a", TaskStatus::Done), task("t2", "a"), task("t3", "a")});
  ASSERT_TRUE(load_account_detail(s, detail));
  const AccountRow& r = s.accounts[0];
  EXPECT_TRUE(r.detail);
  EXPECT_EQ(r.account.plans, a.plans);
  ASSERT_EQ(r.tasks.size(), 3u);
  EXPECT_EQ(r.open_tasks, 2);
  // An event the answer already held changes nothing; a later tick shows in the panel and count.
  EXPECT_FALSE(apply(s, kEvAccountTaskAdded, {{"task", to_json(task("t3", "a"))}, {"by", "u"}}));
  ASSERT_TRUE(apply(s, kEvAccountTaskStatusChanged, tick));  // a repeat of the status: same
  EXPECT_EQ(s.accounts[0].open_tasks, 2);
  ASSERT_TRUE(apply(s, kEvAccountTaskStatusChanged,
                    {{"task", to_json(task("t2", "a", TaskStatus::Done))}, {"from", "open"},
                     {"at", 2}, {"by", "u"}}));
  EXPECT_EQ(s.accounts[0].tasks[1].status, TaskStatus::Done);
  EXPECT_EQ(s.accounts[0].open_tasks, 1);
  EXPECT_EQ(s.totals.open_tasks, 1);
  // An answer for an account the room does not hold, or a malformed one, loads nothing.
  EXPECT_FALSE(load_account_detail(s, account_detail_json(account("zz", {}), {})));
  EXPECT_FALSE(load_account_detail(s, {{"account", to_json(a)}, {"tasks", 3}}));
  EXPECT_FALSE(load_account_detail(s, account_detail_json(a, {task("t9", "other")})));
}

// [SECTION] Command payloads

TEST(AccountCommands, AddReadsEveryFieldAndReportsEachMistypedOne) {
  const Json ok = {{"name", "Zephyr Robotics"}, {"website", "zephyr.example"},
                   {"lifetime_revenue_minor", 12'000'00}, {"currency", "EUR"},
                   {"plans", {{{"name", "Data platform"}, {"value_minor", 50'000'00},
                               {"status", "executable"}, {"cppo_eligible", true}}}}};
  auto r = account_add_from_json(ok);
  ASSERT_TRUE(std::holds_alternative<AccountAddRequest>(r));
  const AccountAddRequest& req = std::get<AccountAddRequest>(r);
  EXPECT_EQ(req.account.name, "Zephyr Robotics");
  ASSERT_EQ(req.account.plans.size(), 1u);
  EXPECT_TRUE(req.account.plans[0].cppo_eligible);
  EXPECT_EQ(req.account.plans[0].value.currency, "EUR");
  // It round-trips through its own encoder (what the browser sends).
  auto again = account_add_from_json(to_json(req));
  ASSERT_TRUE(std::holds_alternative<AccountAddRequest>(again));
  EXPECT_EQ(std::get<AccountAddRequest>(again).account, req.account);

  const Json bad = {{"name", 5}, {"website", true}, {"lifetime_revenue_minor", "lots"},
                    {"plans", {{{"value_minor", 1.5}, {"status", "someday"}}}}};
  auto e = account_add_from_json(bad);
  ASSERT_TRUE(std::holds_alternative<std::vector<FieldError>>(e));
  std::vector<std::string> fields;
  for (const FieldError& fe : std::get<std::vector<FieldError>>(e)) fields.push_back(fe.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "website", "lifetime_revenue_minor",
                                              "plans", "plans"}));
  auto missing = account_add_from_json(Json::object());
  ASSERT_TRUE(std::holds_alternative<std::vector<FieldError>>(missing));
  EXPECT_EQ(std::get<std::vector<FieldError>>(missing).front().field, "name");
  EXPECT_TRUE(std::holds_alternative<std::vector<FieldError>>(account_add_from_json(Json::array())));
}

TEST(AccountCommands, AddedAccountsAreValidatedByTheSharedRules) {
  CustomerAccount a = account("", {plan(100, PlanStatus::Executable, false, true)});
  a.name = "   ";
  a.lifetime_revenue.minor = -1;
  std::vector<std::string> fields;
  for (const FieldError& fe : validate_customer_account(a)) fields.push_back(fe.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "lifetime_revenue", "plans"}));
}

TEST(AccountCommands, TaskStatusAndAddTaskPayloads) {
  auto ok = task_status_request_from_json({{"task_id", "t1"}, {"status", "done"}});
  ASSERT_TRUE(std::holds_alternative<TaskStatusRequest>(ok));
  EXPECT_EQ(std::get<TaskStatusRequest>(ok).status, TaskStatus::Done);
  auto bad = task_status_request_from_json({{"task_id", std::string(100, 'x')}, {"status", "finished"}});
  ASSERT_TRUE(std::holds_alternative<std::vector<FieldError>>(bad));
  EXPECT_EQ(std::get<std::vector<FieldError>>(bad).size(), 2u);
  auto none = task_status_request_from_json({{"status", "open"}});
  ASSERT_TRUE(std::holds_alternative<std::vector<FieldError>>(none));
  EXPECT_EQ(std::get<std::vector<FieldError>>(none).front().field, "task_id");

  auto add = add_task_request_from_json({{"account_id", "a"}, {"kind", "renew_plan"}, {"due_at", 5}});
  ASSERT_TRUE(std::holds_alternative<AddTaskRequest>(add));
  EXPECT_EQ(std::get<AddTaskRequest>(add).kind, AccountTaskKind::RenewPlan);
  auto wrong = add_task_request_from_json({{"account_id", "a"}, {"kind", "party"}});
  ASSERT_TRUE(std::holds_alternative<std::vector<FieldError>>(wrong));
  EXPECT_EQ(std::get<std::vector<FieldError>>(wrong).front().field, "kind");
}

TEST(AccountCommands, StarterTasksOfferAPrivateOfferOnlyWhenOneIsMissing) {
  CustomerAccount plain = account("a", {plan(1, PlanStatus::Executable)});
  EXPECT_EQ(starter_tasks(plain).size(), 2u);
  CustomerAccount eligible = account("b", {plan(1, PlanStatus::Executable, true)});
  EXPECT_EQ(starter_tasks(eligible).back(), AccountTaskKind::CreatePrivateOffer);
}

// [SECTION] Rights

TEST(AccountRights, PartnersWorkTheirOwnAccountsVendorManagersAnyPartners) {
  const Id vendor = "v";
  struct Case {
    Role role;
    Id actor_org;
    Id target;
    bool expected;
  };
  const Case cases[] = {
      {Role::PartnerAdmin, "acme", "acme", true},   {Role::PartnerUser, "acme", "acme", true},
      {Role::PartnerAdmin, "acme", "blue", false},  {Role::PartnerUser, "acme", "", false},
      {Role::PartnerManager, "v", "acme", true},    {Role::VendorAdmin, "v", "blue", true},
      {Role::PartnerManager, "v", "v", false},      {Role::SupportStaff, "v", "acme", false},
      {Role::PartnerManager, "acme", "blue", false}, {Role::Kiosk, "acme", "acme", false},
  };
  for (const Case& c : cases) {
    const Actor a{"u", c.actor_org, c.role};
    EXPECT_EQ(may_work_accounts(a, c.target, vendor), c.expected)
        << to_string(c.role) << " of " << c.actor_org << " on " << c.target;
  }
}

}  // namespace
}  // namespace portal

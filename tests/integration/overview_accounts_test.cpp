// The Overview's customer-accounts parts on a real server: each partner's success metrics and
// available tasks are its own (another partner's figures and names never reach it), and an
// added account or a ticked task changes the metrics, the tasks and the new-accounts
// leaderboard live, exactly as a fresh snapshot then shows them.
#include <set>

#include "portal/rooms/overview.h"
#include "support/portal_fixture.h"

namespace portal::testing {
namespace {

using namespace std::chrono_literals;

class OverviewAccountsTest : public PortalTest {};

Json cmd(const std::string& id, const std::string& type, const Json& payload) {
  return {{"t", "cmd"}, {"id", id}, {"type", type}, {"payload", payload}};
}

// A logged-in connection following the Overview: its snapshot, then the events as they come,
// applied with portal_core's apply() as the browser does.
struct Follower {
  WsClient ws;
  OverviewState state;
  std::vector<Json> frames;  // every frame after the snapshot, as received
  Follower(uint16_t port, const char* email) : ws(port) {
    log_in(ws, email);
    const Json snapshot = subscribe(ws, "overview");
    EXPECT_EQ(snapshot["t"], "snapshot") << snapshot.dump();
    frames.push_back(snapshot);
    auto s = overview_from_json(snapshot["state"]);
    EXPECT_TRUE(s.has_value()) << snapshot.dump();
    if (s) state = std::move(*s);
  }
  // Takes in one frame; returns it.
  Json take(const Json& f) {
    frames.push_back(f);
    if (f["t"] == "event" && f["room"] == "overview")
      apply(state, f["type"].get<std::string>(), f["data"]);
    return f;
  }
  // Sends a command and returns its answer, applying the events that come first.
  Json run(const std::string& id, const std::string& type, const Json& payload) {
    ws.send(cmd(id, type, payload));
    for (;;) {
      Json f = take(ws.expect());
      if (f.value("id", "") == id) return f;
    }
  }
  // Applies events until `type` has come (true) or nothing comes for a while (false).
  bool until(const std::string& type) {
    while (auto f = ws.next(3s))
      if (take(*f).value("type", "") == type) return true;
    return false;
  }
  // Applies whatever else arrives within a short while.
  void drain() {
    while (auto f = ws.next(400ms)) take(*f);
  }
  std::string wire() const {
    std::string all;
    for (const Json& f : frames) all += f.dump();
    return all;
  }
};

OverviewState fresh(uint16_t port, const char* email) {
  Follower f(port, email);
  return f.state;
}

// The parts that events keep current ("since your last visit" is per visit).
void expect_same_accounts(const OverviewState& live, const OverviewState& fresh) {
  EXPECT_EQ(live.accounts, fresh.accounts);
  EXPECT_EQ(live.accounts_board, fresh.accounts_board);
}

TEST_F(OverviewAccountsTest, EachPartnerSeesItsOwnMetricsAndTasksAndTheVendorAll) {
  Follower dana(port(), kDana);   // Acme
  Follower maya(port(), kMaya);   // Blue Harbor
  Follower priya(port(), kPriya); // the vendor

  // Acme's figures are those of its 12 demo accounts (assets/demo/README.md).
  const OverviewAccounts& acme = dana.state.accounts;
  EXPECT_EQ(acme.accounts, 12);
  EXPECT_EQ(acme.savings_opportunity_minor, 55000000);
  EXPECT_EQ(acme.lifetime_revenue_minor, 203400000);
  ASSERT_FALSE(acme.tasks.empty());
  EXPECT_LE(acme.tasks.size(), kOverviewTaskPool);
  EXPECT_TRUE(std::is_sorted(acme.tasks.begin(), acme.tasks.end(), task_order));

  // The vendor's are the whole program's; Acme's and Blue Harbor's are parts of them.
  const OverviewAccounts& all = priya.state.accounts;
  EXPECT_EQ(all.accounts, 21);
  EXPECT_GE(all.lifetime_revenue_minor,
            acme.lifetime_revenue_minor + maya.state.accounts.lifetime_revenue_minor);
  EXPECT_GE(all.open_tasks, acme.open_tasks + maya.state.accounts.open_tasks);

  // No task of another partner's account, and no other partner's account name, reaches Maya.
  std::set<std::string> acme_accounts;
  for (const OverviewTask& t : acme.tasks) acme_accounts.insert(t.account_name);
  for (const OverviewTask& t : maya.state.accounts.tasks)
    EXPECT_EQ(acme_accounts.count(t.account_name), 0u) << t.account_name;
  const std::string maya_wire = maya.wire();
  for (const std::string& name : acme_accounts)
    EXPECT_EQ(maya_wire.find(name), std::string::npos) << name;
  EXPECT_EQ(maya_wire.find("Acme Integrations"), std::string::npos);

  // The new-accounts board: Maya's own row by name, every other partner anonymised, no counts.
  ASSERT_FALSE(maya.state.accounts_board.rows.empty());
  for (const OverviewBoardRow& r : maya.state.accounts_board.rows) {
    if (r.is_viewer) {
      EXPECT_EQ(r.name, "Blue Harbor Consulting");
    } else {
      EXPECT_EQ(r.name.rfind("Partner #", 0), 0u) << r.name;
      EXPECT_FALSE(r.value_shown);
    }
  }
  // The vendor sees every partner by name.
  for (const OverviewBoardRow& r : priya.state.accounts_board.rows)
    EXPECT_EQ(r.name.rfind("Partner #", 0), std::string::npos) << r.name;
}

TEST_F(OverviewAccountsTest, AnAddedAccountAndATickedTaskChangeTheOverviewLive) {
  Follower dana(port(), kDana);
  Follower maya(port(), kMaya);
  Follower priya(port(), kPriya);
  const OverviewAccounts before = dana.state.accounts;
  const OverviewAccounts maya_before = maya.state.accounts;
  int32_t acme_added_before = -1;
  for (const OverviewBoardRow& r : dana.state.accounts_board.rows)
    if (r.is_viewer) acme_added_before = int32_t(r.value_minor);
  ASSERT_GE(acme_added_before, 0);

  // Dana adds an account with an executable, CPPO-eligible plan.
  const Json ack = dana.run("ov-acc-1", "account.add",
                            {{"name", "Zephyr Robotics"},
                             {"lifetime_revenue_minor", 2500000},
                             {"plans",
                              {{{"name", "Data platform, 2 years"},
                                {"value_minor", 6000000},
                                {"status", "executable"},
                                {"cppo_eligible", true}}}}});
  ASSERT_EQ(ack["t"], "ack") << ack.dump();
  const std::string account_id = ack["result"]["account_id"];
  if (dana.state.accounts.accounts == before.accounts) {
    ASSERT_TRUE(dana.until("account.added"));
  }
  dana.drain();
  priya.drain();
  maya.drain();

  const OverviewAccounts& now = dana.state.accounts;
  EXPECT_EQ(now.accounts, before.accounts + 1);
  EXPECT_EQ(now.savings_opportunity_minor, before.savings_opportunity_minor + 6000000);
  EXPECT_EQ(now.lifetime_revenue_minor, before.lifetime_revenue_minor + 2500000);
  EXPECT_EQ(now.missing_cppos, before.missing_cppos + 1);
  EXPECT_EQ(now.open_tasks, before.open_tasks + 3);  // the three starter tasks
  // Acme's row of the new-accounts board counts it.
  for (const OverviewBoardRow& r : dana.state.accounts_board.rows) {
    if (r.is_viewer) {
      EXPECT_EQ(r.value_minor, acme_added_before + 1);
    }
  }
  // The vendor's figures moved too; Blue Harbor's did not, and Maya heard nothing of Zephyr.
  EXPECT_EQ(priya.state.accounts.savings_opportunity_minor,
            fresh(port(), kPriya).accounts.savings_opportunity_minor);
  EXPECT_EQ(maya.state.accounts, maya_before);
  EXPECT_EQ(maya.wire().find("Zephyr"), std::string::npos);
  EXPECT_EQ(maya.wire().find("Acme Integrations"), std::string::npos);

  // What the events made equals a fresh snapshot, for the partner and for the vendor.
  expect_same_accounts(dana.state, fresh(port(), kDana));
  expect_same_accounts(priya.state, fresh(port(), kPriya));

  // Ticking one of Zephyr's tasks done elsewhere (Leo's connection) removes it from Dana's list.
  Follower leo(port(), kLeo);
  std::string task_id;
  // The Accounts snapshot carries rows only; an account's tasks come with account.detail.
  const Json detail = leo.run("ov-detail-1", "account.detail", {{"account_id", account_id}});
  ASSERT_EQ(detail["t"], "ack") << detail.dump();
  ASSERT_FALSE(detail["result"]["tasks"].empty()) << detail.dump();
  task_id = detail["result"]["tasks"][0]["id"];
  ASSERT_FALSE(task_id.empty());
  const Json done = leo.run("ov-task-1", "account.task_set_status",
                            {{"task_id", task_id}, {"status", "done"}});
  ASSERT_EQ(done["t"], "ack") << done.dump();
  ASSERT_TRUE(dana.until("account.task_status_changed"));
  EXPECT_EQ(dana.state.accounts.open_tasks, before.open_tasks + 2);
  for (const OverviewTask& t : dana.state.accounts.tasks) EXPECT_NE(t.id, task_id);
  expect_same_accounts(dana.state, fresh(port(), kDana));
  maya.drain();
  EXPECT_EQ(maya.state.accounts, maya_before);
}

TEST_F(OverviewAccountsTest, PartnerSearchIsTheVendorsAndFindsAnyPartnerByName) {
  Follower dana(port(), kDana);
  Follower priya(port(), kPriya);
  // A partner may not list the other partners.
  const Json refused = dana.run("ps-1", "partners.search", {{"query", "blue"}});
  EXPECT_EQ(refused["t"], "error") << refused.dump();
  EXPECT_EQ(refused["code"], "forbidden") << refused.dump();

  const Json found = priya.run("ps-2", "partners.search", {{"query", "BLUE"}, {"limit", 5}});
  ASSERT_EQ(found["t"], "ack") << found.dump();
  ASSERT_EQ(found["result"]["partners"].size(), 1u) << found.dump();
  EXPECT_EQ(found["result"]["partners"][0]["name"], "Blue Harbor Consulting");
  EXPECT_FALSE(found["result"]["partners"][0]["id"].get<std::string>().empty());

  // Empty: the first partners by name; the vendor's own organisation is not a partner.
  const Json first = priya.run("ps-3", "partners.search", Json::object());
  ASSERT_EQ(first["t"], "ack") << first.dump();
  std::vector<std::string> names;
  for (const Json& p : first["result"]["partners"]) names.push_back(p["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"Acme Integrations", "Blue Harbor Consulting",
                                             "Cedar Analytics"}));

  // LIKE's wildcards match only themselves.
  const Json wild = priya.run("ps-4", "partners.search", {{"query", "%"}});
  ASSERT_EQ(wild["t"], "ack") << wild.dump();
  EXPECT_TRUE(wild["result"]["partners"].empty()) << wild.dump();

  // One typed error per problem.
  const Json bad = priya.run("ps-5", "partners.search",
                             {{"query", std::string(kMaxPartnerQuery + 1, 'a')}, {"limit", 500}});
  ASSERT_EQ(bad["t"], "error") << bad.dump();
  EXPECT_EQ(bad["code"], "validation");
  ASSERT_EQ(bad["fields"].size(), 2u) << bad.dump();
  EXPECT_EQ(bad["fields"][0]["field"], "query");
  EXPECT_EQ(bad["fields"][1]["field"], "limit");
}

}  // namespace
}  // namespace portal::testing

// The Customer accounts room end to end on a real server: the demo snapshot with its success
// metrics, an added account and a ticked task pushed live to the partner's and the vendor's
// rooms and to no other partner, another partner's rows refused as not found, field errors,
// and resends applied once. The snapshot holds the table's rows; an account's plans and tasks
// come with account.detail, for the accounts the user may see only.
#include "support/portal_fixture.h"

namespace portal::testing {
namespace {

class AccountsTest : public PortalTest {};

Json cmd(const std::string& id, const std::string& type, const Json& payload) {
  return {{"t", "cmd"}, {"id", id}, {"type", type}, {"payload", payload}};
}

// Sends a command and returns its answer (ack or error), skipping our own room events.
Json run(WsClient& ws, const std::string& id, const std::string& type, const Json& payload) {
  ws.send(cmd(id, type, payload));
  for (;;) {
    Json f = ws.expect();
    if (f.value("id", "") == id) return f;
  }
}

// The next event on `ws`; a failed assertion when something else comes.
Json next_event(WsClient& ws) {
  Json e = ws.expect();
  EXPECT_EQ(e["t"], "event") << e.dump();
  EXPECT_EQ(e["room"], "accounts") << e.dump();
  return e;
}

const Json* find_by(const Json& list, const char* field, const std::string& value) {
  for (const Json& j : list)
    if (j.value(field, "") == value) return &j;
  return nullptr;
}

// The plans and tasks of one account (account.detail's ack result), or the error frame.
Json detail(WsClient& ws, const std::string& account_id, const std::string& id = "detail") {
  const Json f =
      run(ws, id + "-" + account_id.substr(0, 24), "account.detail", {{"account_id", account_id}});
  return f["t"] == "ack" ? f["result"] : f;
}

// A logged-in connection holding the Accounts snapshot.
struct Watcher {
  WsClient ws;
  Json snapshot;
  Watcher(uint16_t port, const char* email) : ws(port) {
    log_in(ws, email);
    snapshot = subscribe(ws, "accounts");
    EXPECT_EQ(snapshot["t"], "snapshot") << snapshot.dump();
  }
  const Json& accounts() const { return snapshot["state"]["accounts"]; }
};

TEST_F(AccountsTest, DemoSnapshotsHoldEachPartnersAccountsAndTheVendorSeesAll) {
  Watcher dana(port(), kDana);
  const Json& acme = dana.accounts();
  ASSERT_EQ(acme.size(), 12u);
  EXPECT_EQ(dana.snapshot["state"]["currency"], "EUR");
  int64_t savings = 0, lifetime = 0, plans = 0;
  for (const Json& a : acme) {
    EXPECT_EQ(a["org_id"], dana.snapshot["state"]["partners"][0]["org_id"]);
    // The table's row: figures and counts, not the plans and tasks themselves.
    EXPECT_FALSE(a.contains("plans")) << a.dump();
    EXPECT_FALSE(a.contains("tasks")) << a.dump();
    lifetime += a["lifetime_revenue"]["minor"].get<int64_t>();
    EXPECT_EQ(a["metrics"][3], a["lifetime_revenue"]["minor"]);
    savings += a["metrics"][2].get<int64_t>();
    plans += a["plan_count"].get<int64_t>();
  }
  EXPECT_EQ(savings, 55000000);   // assets/demo/README.md
  EXPECT_EQ(lifetime, 203400000);
  // Each row's counts agree with the account's detail.
  const Json& first = acme[0];
  const Json d = detail(dana.ws, first["id"]);
  ASSERT_TRUE(d.contains("account")) << d.dump();
  EXPECT_EQ(d["account"]["plans"].size(), first["plan_count"].get<size_t>());
  int64_t open = 0, executable = 0;
  for (const Json& t : d["tasks"]) open += t["status"] == "open" || t["status"] == "in_progress";
  for (const Json& p : d["account"]["plans"])
    if (p["status"] == "executable") executable += p["value"]["minor"].get<int64_t>();
  EXPECT_EQ(open, first["open_tasks"]);
  EXPECT_EQ(executable, first["metrics"][2]);
  EXPECT_GT(plans, 12);
  EXPECT_EQ(find_by(acme, "name", "Harborview Hotels"), nullptr);  // Blue Harbor's

  Watcher priya(port(), kPriya);
  EXPECT_EQ(priya.accounts().size(), 21u);
  EXPECT_EQ(priya.snapshot["state"]["partners"].size(), 3u);
  ASSERT_NE(find_by(priya.accounts(), "name", "Harborview Hotels"), nullptr);

  Watcher omar(port(), "omar.haddad@cedar.example");
  EXPECT_EQ(omar.accounts().size(), 4u);
}

TEST_F(AccountsTest, AnAddedAccountReachesItsPartnerAndTheVendorAndNoOtherPartner) {
  Watcher dana(port(), kDana);
  Watcher priya(port(), kPriya);
  Watcher maya(port(), kMaya);
  const int64_t dana_seq = dana.snapshot["seq"], priya_seq = priya.snapshot["seq"];

  const Json payload = {{"name", "Zephyr Robotics"},
                        {"website", "zephyr-robotics.example"},
                        {"lifetime_revenue_minor", 2500000},
                        {"plans",
                         {{{"name", "Data platform, 2 years"},
                           {"value_minor", 6000000},
                           {"status", "executable"},
                           {"cppo_eligible", true}}}}};
  const Json ack = run(dana.ws, "acc-1", "account.add", payload);
  ASSERT_EQ(ack["t"], "ack") << ack.dump();
  const std::string account_id = ack["result"]["account_id"];

  for (auto [w, seq] : {std::pair{&dana, dana_seq}, std::pair{&priya, priya_seq}}) {
    const Json e = next_event(w->ws);
    EXPECT_EQ(e["type"], "account.added");
    EXPECT_EQ(e["seq"], seq + 1);
    const Json& a = e["data"]["account"];
    EXPECT_EQ(a["id"], account_id);
    EXPECT_EQ(a["name"], "Zephyr Robotics");
    EXPECT_EQ(a["org_id"], dana.snapshot["state"]["partners"][0]["org_id"]);
    EXPECT_EQ(a["lifetime_revenue"]["currency"], "EUR");
    EXPECT_GT(a["created_at"].get<int64_t>(), 0);
    // The starter tasks: onboarding, marketplace, and a private offer for the eligible plan.
    const Json& tasks = e["data"]["tasks"];
    ASSERT_EQ(tasks.size(), 3u) << e.dump();
    EXPECT_EQ(tasks[2]["kind"], "create_private_offer");
  }
  EXPECT_EQ(maya.ws.next(300ms), std::nullopt);

  // The vendor's partner manager adds one for Blue Harbor: Maya and Priya hear it, Dana not.
  const Json blue_org = maya.snapshot["state"]["partners"][0]["org_id"];
  const Json vack = run(priya.ws, "acc-v1", "account.add",
                        {{"org_id", blue_org}, {"name", "Quartz Clinics"}});
  ASSERT_EQ(vack["t"], "ack") << vack.dump();
  EXPECT_EQ(next_event(maya.ws)["data"]["account"]["name"], "Quartz Clinics");
  EXPECT_EQ(next_event(priya.ws)["data"]["account"]["org_id"], blue_org);
  EXPECT_EQ(dana.ws.next(300ms), std::nullopt);

  // A fresh snapshot holds the new account with its three open tasks; Fjord's €150,000 savings
  // opportunity still leads the table ahead of Zephyr's €60,000.
  WsClient later(port());
  log_in(later, kLeo);
  const Json state = subscribe(later, "accounts")["state"];
  ASSERT_EQ(state["accounts"].size(), 13u);
  const Json* z = find_by(state["accounts"], "id", account_id);
  ASSERT_NE(z, nullptr);
  EXPECT_EQ((*z)["open_tasks"], 3);
  EXPECT_EQ((*z)["plan_count"], 1);
  EXPECT_EQ(detail(later, account_id)["tasks"].size(), 3u);
  EXPECT_EQ(state["accounts"][0]["name"], "Fjord Savings Bank");
}

TEST_F(AccountsTest, ATickedTaskIsLiveOnBothSidesAndUntickingWorksToo) {
  Watcher dana(port(), kDana);
  Watcher priya(port(), kPriya);
  Watcher maya(port(), kMaya);
  const Json* kestrel = find_by(dana.accounts(), "name", "Kestrel Foods");
  ASSERT_NE(kestrel, nullptr);
  const Json kestrel_detail = detail(dana.ws, (*kestrel)["id"]);
  const std::string task_id = kestrel_detail["tasks"][0]["id"];
  EXPECT_EQ(kestrel_detail["tasks"][0]["status"], "open");

  const Json ack = run(dana.ws, "tick-1", "account.task_set_status",
                       {{"task_id", task_id}, {"status", "done"}});
  ASSERT_EQ(ack["t"], "ack") << ack.dump();
  EXPECT_EQ(ack["result"]["status"], "done");
  for (WsClient* ws : {&dana.ws, &priya.ws}) {
    const Json e = next_event(*ws);
    EXPECT_EQ(e["type"], "account.task_status_changed");
    EXPECT_EQ(e["data"]["task"]["id"], task_id);
    EXPECT_EQ(e["data"]["task"]["status"], "done");
    EXPECT_GT(e["data"]["task"]["completed_at"].get<int64_t>(), 0);
    // The status before, for a room that never loaded this account's tasks to count from.
    EXPECT_EQ(e["data"]["from"], "open");
  }
  EXPECT_EQ(maya.ws.next(300ms), std::nullopt);

  // The partner manager unticks it; Dana sees it open again.
  const Json un = run(priya.ws, "untick-1", "account.task_set_status",
                      {{"task_id", task_id}, {"status", "open"}});
  ASSERT_EQ(un["t"], "ack") << un.dump();
  next_event(priya.ws);
  const Json e = next_event(dana.ws);
  EXPECT_EQ(e["data"]["task"]["status"], "open");
  EXPECT_EQ(e["data"]["task"]["completed_at"], 0);

  // A task added by the partner arrives the same way.
  const Json add = run(dana.ws, "task-1", "account.add_task",
                       {{"account_id", (*kestrel)["id"]}, {"kind", "schedule_business_review"}});
  ASSERT_EQ(add["t"], "ack") << add.dump();
  EXPECT_EQ(next_event(dana.ws)["type"], "account.task_added");
  EXPECT_EQ(next_event(priya.ws)["data"]["task"]["id"], add["result"]["task_id"]);
}

TEST_F(AccountsTest, AnotherPartnersAccountsAndTasksAreNotFound) {
  Watcher maya(port(), kMaya);
  const Json& helix = *find_by(maya.accounts(), "name", "Helix Robotics");
  const std::string blue_account = helix["id"];
  const std::string blue_task = detail(maya.ws, blue_account)["tasks"][0]["id"];
  const std::string blue_org = maya.snapshot["state"]["partners"][0]["org_id"];

  WsClient dana(port());
  log_in(dana, kDana);
  const Json tick = run(dana, "x-1", "account.task_set_status",
                        {{"task_id", blue_task}, {"status", "done"}});
  EXPECT_EQ(tick["code"], "not_found") << tick.dump();
  const Json unknown = run(dana, "x-2", "account.task_set_status",
                           {{"task_id", "no-such-task"}, {"status", "done"}});
  EXPECT_EQ(unknown["code"], "not_found");
  // Both refusals read the same: an id of another partner reveals nothing.
  EXPECT_EQ(tick["message"], unknown["message"]);
  // Another partner's account detail reads exactly like an unknown account, and names nothing.
  const Json theirs = detail(dana, blue_account, "x-d1");
  const Json nobody = detail(dana, "no-such-account", "x-d2");
  EXPECT_EQ(theirs["t"], "error") << theirs.dump();
  EXPECT_EQ(theirs["code"], "not_found");
  EXPECT_EQ(theirs["message"], nobody["message"]);
  EXPECT_FALSE(theirs.contains("result"));
  EXPECT_EQ(theirs.dump().find("Helix"), std::string::npos) << theirs.dump();
  EXPECT_EQ(detail(dana, std::string(200, 'x'), "x-d3")["code"], "validation");
  EXPECT_EQ(run(dana, "x-3", "account.add_task",
                {{"account_id", blue_account}, {"kind", "renew_plan"}})["code"],
            "not_found");
  EXPECT_EQ(run(dana, "x-4", "account.add", {{"org_id", blue_org}, {"name", "Sneaky Co"}})["code"],
            "not_found");
  // Nothing changed at Blue Harbor.
  EXPECT_EQ(maya.ws.next(300ms), std::nullopt);
  WsClient check(port());
  log_in(check, kMaya);
  const Json after = subscribe(check, "accounts")["state"]["accounts"];
  EXPECT_EQ(after.size(), maya.accounts().size()) << after.dump();
  EXPECT_EQ(detail(check, blue_account)["tasks"][0]["status"], "open");
  EXPECT_EQ(find_by(after, "name", "Sneaky Co"), nullptr);

  // Support staff look but do not change.
  WsClient sam(port());
  log_in(sam, "sam.lee@northwind.example");
  EXPECT_EQ(run(sam, "s-1", "account.task_set_status", {{"task_id", blue_task}, {"status", "done"}})["code"],
            "forbidden");
}

TEST_F(AccountsTest, BadInputGetsOneFieldErrorPerProblem) {
  WsClient dana(port());
  log_in(dana, kDana);
  const Json e = run(dana, "v-1", "account.add",
                     {{"name", "  "}, {"website", std::string(3000, 'w')},
                      {"lifetime_revenue_minor", -5}});
  ASSERT_EQ(e["code"], "validation") << e.dump();
  std::vector<std::string> fields;
  for (const Json& f : e["fields"]) fields.push_back(f["field"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "website", "lifetime_revenue"}));
  const Json types = run(dana, "v-2", "account.add", {{"name", 7}, {"plans", "many"}});
  ASSERT_EQ(types["code"], "validation");
  EXPECT_EQ(types["fields"].size(), 2u);
  const Json dup = run(dana, "v-3", "account.add", {{"name", "kestrel foods"}});
  EXPECT_EQ(dup["code"], "conflict") << dup.dump();
  EXPECT_EQ(dup["fields"][0]["field"], "name");
  const Json status = run(dana, "v-4", "account.task_set_status", {{"task_id", "t"}, {"status", "finished"}});
  EXPECT_EQ(status["code"], "validation");
  EXPECT_EQ(status["fields"][0]["field"], "status");

  // Vendor staff must name the partner, and only a partner.
  WsClient priya(port());
  const Json welcome = log_in(priya, kPriya);
  EXPECT_EQ(run(priya, "v-5", "account.add", {{"name", "Nobody's"}})["fields"][0]["field"], "org_id");
  EXPECT_EQ(run(priya, "v-6", "account.add", {{"name", "Ours"}, {"org_id", welcome["org"]["id"]}})["code"],
            "not_found");
}

TEST_F(AccountsTest, ResendingTheSameCommandIdAppliesOnce) {
  Watcher dana(port(), kDana);
  const Json payload = {{"name", "Once Only Ltd"}};
  const Json first = run(dana.ws, "same-id", "account.add", payload);
  ASSERT_EQ(first["t"], "ack") << first.dump();
  next_event(dana.ws);
  dana.ws.send(cmd("same-id", "account.add", payload));
  EXPECT_EQ(dana.ws.expect(), first);
  EXPECT_EQ(dana.ws.next(300ms), std::nullopt);

  const std::string task_id = detail(dana.ws, dana.accounts()[0]["id"])["tasks"][0]["id"];
  const Json tick = run(dana.ws, "tick-same", "account.task_set_status",
                        {{"task_id", task_id}, {"status", "done"}});
  ASSERT_EQ(tick["t"], "ack");
  const int64_t seq = next_event(dana.ws)["seq"];
  dana.ws.send(cmd("tick-same", "account.task_set_status", {{"task_id", task_id}, {"status", "done"}}));
  EXPECT_EQ(dana.ws.expect(), tick);
  EXPECT_EQ(dana.ws.next(300ms), std::nullopt);

  WsClient later(port());
  log_in(later, kDana);
  const Json snap = subscribe(later, "accounts");
  EXPECT_EQ(snap["seq"], seq);
  int named = 0;
  for (const Json& a : snap["state"]["accounts"]) named += a["name"] == "Once Only Ltd";
  EXPECT_EQ(named, 1);
}

}  // namespace
}  // namespace portal::testing

// The Projects room, notifications and the audit trail end to end, against a real server and
// real SQLite: a project run by the partner manager with the partner, tasks assigned across the
// two teams (the assignee is told), deliverables handed in and reviewed, every step pushed to
// both sides and to no other partner; lead and deal notifications; the audit trail.
#include <set>

#include "support/portal_fixture.h"
#include "support/shared_file.h"
#include "support/sqlite_probe.h"

namespace portal::testing {
namespace {

inline constexpr const char* kAlex = "alex.morgan@northwind.example";  // vendor admin

class ProjectsTest : public PortalTest {
 protected:
  static std::filesystem::path db() { return server_->dir.path() / "data" / "portal.db"; }
};

Json cmd(const std::string& id, const std::string& type, const Json& payload) {
  return {{"t", "cmd"}, {"id", id}, {"type", type}, {"payload", payload}};
}

// Sends a command and returns its answer (the ack or error); room events that arrive first are
// kept in `skipped` when given.
Json run(WsClient& ws, const std::string& id, const std::string& type, const Json& payload,
         std::vector<Json>* skipped = nullptr) {
  ws.send(cmd(id, type, payload));
  for (;;) {
    Json f = ws.expect();
    if (f.value("id", "") == id) return f;
    if (skipped) skipped->push_back(f);
  }
}

// The next event of `room` with `type` on `ws`, skipping others.
Json next_event(WsClient& ws, const std::string& room, const std::string& type) {
  for (int i = 0; i < 50; ++i) {
    Json f = ws.expect();
    if (f.value("t", "") == "event" && f["room"] == room && f["type"] == type) return f;
  }
  ADD_FAILURE() << "no " << type << " in " << room;
  return {};
}

struct Session {
  WsClient ws;
  Json welcome;
  Session(uint16_t port, const char* email) : ws(port) { welcome = log_in(ws, email); }
  std::string user_id() const { return welcome["user"]["id"]; }
  std::string org_id() const { return welcome["org"]["id"]; }
};

const Json* find_by_id(const Json& list, const std::string& id) {
  for (const Json& x : list)
    if (x.value("id", "") == id) return &x;
  return nullptr;
}

TEST_F(ProjectsTest, AProjectIsWorkedByBothSidesAndSeenByNoOtherPartner) {
  Session priya(port(), kPriya), dana(port(), kDana), leo(port(), kLeo), maya(port(), kMaya);
  const std::string acme = dana.org_id();
  ASSERT_EQ(subscribe(dana.ws, "projects")["t"], "snapshot");
  ASSERT_EQ(subscribe(priya.ws, "projects")["t"], "snapshot");
  const Json maya_snap = subscribe(maya.ws, "projects");
  ASSERT_EQ(maya_snap["t"], "snapshot");
  const Json leo_notes = subscribe(leo.ws, "notifications");
  ASSERT_EQ(leo_notes["t"], "snapshot") << leo_notes.dump();

  // The partner manager starts a project with Acme.
  Json a = run(priya.ws, "p-1", "project.create",
               {{"org_id", acme}, {"name", "Globex analytics rollout"},
                {"description", "Analytics suite for 400 users."}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  const std::string project_id = a["result"]["project_id"];
  Json ev = next_event(dana.ws, "projects", "project.created");
  EXPECT_EQ(ev["data"]["project"]["id"], project_id);
  EXPECT_EQ(ev["data"]["project"]["org_id"], acme);

  // Dana (partner admin) adds a task for Leo; Leo is told, in his own notifications room.
  a = run(dana.ws, "t-1", "task.add",
          {{"project_id", project_id}, {"title", "Configure single sign-on"},
           {"assignee_id", leo.user_id()}, {"due_at", 1'900'000'000}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  const std::string task_id = a["result"]["task_id"];
  ev = next_event(leo.ws, "notifications", "notification.added");
  EXPECT_EQ(ev["data"]["notification"]["kind"], "task");
  EXPECT_EQ(ev["data"]["notification"]["user_id"], leo.user_id());
  EXPECT_NE(ev["data"]["notification"]["title"].get<std::string>().find("Configure single"),
            std::string::npos);

  // A second task, assigned to the vendor's side.
  a = run(dana.ws, "t-2", "task.add", {{"project_id", project_id}, {"title", "Review data model"}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  const std::string task2 = a["result"]["task_id"];
  a = run(dana.ws, "t-3", "task.assign", {{"task_id", task2}, {"assignee_id", priya.user_id()}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  // Maya of Blue Harbor is no assignee for Acme's project.
  a = run(dana.ws, "t-4", "task.assign", {{"task_id", task2}, {"assignee_id", maya.user_id()}});
  ASSERT_EQ(a["t"], "error") << a.dump();
  EXPECT_EQ(a["code"], "validation");

  // Leo finishes his task; progress is one of two.
  a = run(leo.ws, "t-5", "task.set_status", {{"task_id", task_id}, {"status", "done"}});
  ASSERT_EQ(a["t"], "ack") << a.dump();

  // Updates, a milestone and a deliverable.
  a = run(leo.ws, "po-1", "post.add",
          {{"project_id", project_id}, {"kind", "milestone"}, {"title", "SSO live"},
           {"milestone_at", 1'800'000'000}, {"reached", true}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  // A deliverable is one of the partner's Shared files: an unknown id and another partner's
  // file are refused alike.
  a = run(leo.ws, "d-0", "deliverable.add",
          {{"project_id", project_id}, {"title", "Rollout plan"}, {"file_id", "file-plan-1"}});
  EXPECT_EQ(a["code"], "validation") << a.dump();
  EXPECT_EQ(a["fields"][0]["field"], "file_id") << a.dump();
  const std::string maya_file =
      add_shared_file(port(), maya.ws, maya.welcome["token"], "Blue plan.pdf", "mf-1");
  ASSERT_FALSE(maya_file.empty());
  a = run(leo.ws, "d-00", "deliverable.add",
          {{"project_id", project_id}, {"title", "Rollout plan"}, {"file_id", maya_file}});
  EXPECT_EQ(a["code"], "validation") << a.dump();
  const std::string plan_file =
      add_shared_file(port(), leo.ws, leo.welcome["token"], "Rollout plan.pdf", "lf-1");
  ASSERT_FALSE(plan_file.empty());
  a = run(leo.ws, "d-1", "deliverable.add",
          {{"project_id", project_id}, {"title", "Rollout plan"}, {"file_id", plan_file}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  const std::string deliverable_id = a["result"]["deliverable_id"];
  // Only the vendor reviews.
  a = run(dana.ws, "r-0", "deliverable.review",
          {{"deliverable_id", deliverable_id}, {"decision", "approve"}});
  EXPECT_EQ(a["code"], "forbidden") << a.dump();
  a = run(priya.ws, "r-1", "deliverable.review",
          {{"deliverable_id", deliverable_id}, {"decision", "request_changes"}});
  EXPECT_EQ(a["code"], "validation") << a.dump();  // changes need a note
  a = run(priya.ws, "r-2", "deliverable.review",
          {{"deliverable_id", deliverable_id}, {"decision", "request_changes"},
           {"note", "Add the training dates."}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  ev = next_event(leo.ws, "notifications", "notification.added");
  EXPECT_NE(ev["data"]["notification"]["title"].get<std::string>().find("Changes requested"),
            std::string::npos);

  // A fresh snapshot (built from SQLite) shows all of it, with the progress computed.
  WsClient fresh(port());
  log_in(fresh, kDana);
  const Json snap = subscribe(fresh, "projects");
  const Json* p = find_by_id(snap["state"]["projects"], project_id);
  ASSERT_NE(p, nullptr) << snap.dump();
  EXPECT_EQ((*p)["partner"], "Acme Integrations");
  EXPECT_EQ((*p)["tasks"].size(), 2u);
  EXPECT_EQ((*p)["progress"]["done"], 1);
  EXPECT_EQ((*p)["progress"]["total"], 2);
  EXPECT_EQ((*p)["posts"][0]["author_name"], "Leo Martin");
  EXPECT_EQ((*p)["deliverables"][0]["status"], "changes_requested");
  const Json* t2 = find_by_id((*p)["tasks"], task2);
  ASSERT_NE(t2, nullptr);
  EXPECT_EQ((*t2)["assignee_side"], "vendor");

  // Blue Harbor sees none of it: no event arrived, and its snapshot has no Acme project.
  while (auto f = maya.ws.next(std::chrono::milliseconds(200)))
    EXPECT_NE((*f).value("room", ""), "projects") << f->dump();
  WsClient maya2(port());
  log_in(maya2, kMaya);
  const Json maya_after = subscribe(maya2, "projects");
  EXPECT_EQ(maya_after["state"]["projects"].size(), 0u) << maya_after.dump();
  EXPECT_EQ(maya_after.dump().find(acme), std::string::npos);
}

TEST_F(ProjectsTest, PartnersCannotStartProjectsForOthersAndUsersCannotStartThem) {
  Session dana(port(), kDana), leo(port(), kLeo), maya(port(), kMaya), sam(port(), "sam.lee@northwind.example");
  Json a = run(leo.ws, "p-1", "project.create", {{"name", "Leo's own project"}});
  EXPECT_EQ(a["code"], "forbidden") << a.dump();
  a = run(maya.ws, "p-2", "project.create", {{"name", "Sneaky"}, {"org_id", dana.org_id()}});
  EXPECT_EQ(a["code"], "not_found") << a.dump();
  a = run(sam.ws, "p-3", "project.create", {{"name", "Support project"}, {"org_id", dana.org_id()}});
  EXPECT_EQ(a["code"], "forbidden") << a.dump();
  a = run(dana.ws, "p-4", "project.create", {{"name", ""}});
  ASSERT_EQ(a["code"], "validation") << a.dump();
  EXPECT_EQ(a["fields"][0]["field"], "name");
  a = run(dana.ws, "p-5", "project.create", {{"name", "Own project"}, {"due_at", 5}});
  ASSERT_EQ(a["code"], "validation") << a.dump();  // due before it starts
  // A partner admin starts one for its own organisation, and the retry is applied once.
  a = run(dana.ws, "p-6", "project.create", {{"name", "Own project"}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  Json again = run(dana.ws, "p-6", "project.create", {{"name", "Own project"}});
  EXPECT_EQ(again["result"], a["result"]);
  EXPECT_EQ(sql_int(db(), "SELECT COUNT(*) FROM projects WHERE name = 'Own project'"), 1);
  // Closing it stops the work in it.
  const std::string project_id = a["result"]["project_id"];
  a = run(leo.ws, "s-1", "project.set_status", {{"project_id", project_id}, {"status", "completed"}});
  EXPECT_EQ(a["code"], "forbidden") << a.dump();
  a = run(dana.ws, "s-2", "project.set_status", {{"project_id", project_id}, {"status", "completed"}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  a = run(leo.ws, "s-3", "task.add", {{"project_id", project_id}, {"title", "Late task"}});
  EXPECT_EQ(a["code"], "conflict") << a.dump();
}

TEST_F(ProjectsTest, LeadStagesAndWonDealsNotifyThePartnersUsersInTheSameTransaction) {
  Session priya(port(), kPriya), dana(port(), kDana), leo(port(), kLeo), maya(port(), kMaya);
  ASSERT_EQ(subscribe(dana.ws, "notifications")["t"], "snapshot");
  const Json maya_notes = subscribe(maya.ws, "notifications");
  ASSERT_EQ(maya_notes["t"], "snapshot");

  Json a = run(leo.ws, "l-1", "lead.submit", lead_payload("Zephyr Robotics"));
  ASSERT_EQ(a["t"], "ack") << a.dump();
  const std::string lead_id = a["result"]["lead_id"];
  a = run(priya.ws, "q-1", "lead.qualify", {{"lead_id", lead_id}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  Json ev = next_event(dana.ws, "notifications", "notification.added");
  EXPECT_EQ(ev["data"]["notification"]["kind"], "lead_stage");
  EXPECT_EQ(ev["data"]["notification"]["link"], "leads/" + lead_id);
  // Every Acme user has it in SQLite; nobody else.
  EXPECT_EQ(sql_int(db(), "SELECT COUNT(*) FROM notifications WHERE link = 'leads/" + lead_id +
                              "'"),
            2);
  EXPECT_EQ(sql_int(db(), "SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = "
                          "n.user_id WHERE n.link = 'leads/" + lead_id +
                              "' AND u.org_id != '" + dana.org_id() + "'"),
            0);

  // Convert and win the deal: "Deal won" reaches Dana.
  a = run(priya.ws, "c-1", "lead.convert", {{"lead_id", lead_id}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  const std::string deal_id = a["result"]["deal_id"];
  for (const char* stage : {"proposal", "negotiation", "closed_won"}) {
    a = run(priya.ws, std::string("w-") + stage, "deal.set_stage",
            {{"deal_id", deal_id}, {"stage", stage}});
    ASSERT_EQ(a["t"], "ack") << a.dump();
  }
  for (int i = 0; i < 20; ++i) {
    ev = next_event(dana.ws, "notifications", "notification.added");
    if (ev["data"]["notification"]["kind"] == "deal_won") break;
  }
  EXPECT_EQ(ev["data"]["notification"]["kind"], "deal_won");
  EXPECT_EQ(ev["data"]["notification"]["link"], "deals/" + deal_id);

  // Maya got nothing.
  while (auto f = maya.ws.next(std::chrono::milliseconds(200)))
    EXPECT_NE((*f).value("room", ""), "notifications") << f->dump();

  // Read one, then all; a fresh snapshot has none unread; Maya cannot read Dana's.
  WsClient fresh(port());
  log_in(fresh, kDana);
  Json snap = subscribe(fresh, "notifications");
  ASSERT_GE(snap["state"]["unread"].get<int>(), 2) << snap.dump();
  const std::string first = snap["state"]["items"][0]["id"];
  a = run(maya.ws, "n-0", "notification.read", {{"notification_id", first}});
  EXPECT_EQ(a["code"], "not_found") << a.dump();
  a = run(fresh, "n-1", "notification.read", {{"notification_id", first}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  EXPECT_EQ(a["result"]["read"], 1);
  a = run(fresh, "n-2", "notification.read_all", Json::object());
  ASSERT_EQ(a["t"], "ack") << a.dump();
  WsClient again(port());
  log_in(again, kDana);
  snap = subscribe(again, "notifications");
  EXPECT_EQ(snap["state"]["unread"], 0) << snap.dump();
}

TEST_F(ProjectsTest, VendorChangesLeaveAnAuditTrailOnlyVendorAdminsRead) {
  Session alex(port(), kAlex), priya(port(), kPriya), dana(port(), kDana), leo(port(), kLeo);
  Json a = run(leo.ws, "l-1", "lead.submit", lead_payload("Audit Dynamics"));
  ASSERT_EQ(a["t"], "ack") << a.dump();
  const std::string lead_id = a["result"]["lead_id"];
  a = run(priya.ws, "q-1", "lead.qualify", {{"lead_id", lead_id}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  a = run(priya.ws, "p-1", "project.create", {{"org_id", dana.org_id()}, {"name", "Audited"}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  const std::string project_id = a["result"]["project_id"];
  // A partner's own change is not vendor administration.
  a = run(dana.ws, "t-1", "task.add", {{"project_id", project_id}, {"title", "Partner task"}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  // A replayed command writes no second row.
  run(priya.ws, "q-1", "lead.qualify", {{"lead_id", lead_id}});

  a = run(priya.ws, "a-0", "audit.list", Json::object());
  EXPECT_EQ(a["code"], "forbidden") << a.dump();
  a = run(dana.ws, "a-1", "audit.list", Json::object());
  EXPECT_EQ(a["code"], "forbidden") << a.dump();
  a = run(alex.ws, "a-2", "audit.list", {{"org_id", dana.org_id()}, {"limit", 10}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  const Json& entries = a["result"]["entries"];
  ASSERT_EQ(entries.size(), 2u) << a.dump();
  // Newest first.
  EXPECT_EQ(entries[0]["action"], "project.create");
  EXPECT_EQ(entries[0]["target_kind"], "project");
  EXPECT_EQ(entries[0]["target_id"], project_id);
  EXPECT_EQ(entries[1]["action"], "lead.qualify");
  EXPECT_EQ(entries[1]["target_id"], lead_id);
  EXPECT_EQ(entries[1]["actor_id"], priya.user_id());
  EXPECT_EQ(entries[1]["target_org"], dana.org_id());
  EXPECT_NE(entries[1]["summary"].get<std::string>().find("qualified"), std::string::npos);
  EXPECT_EQ(a["result"]["more"], false);
  a = run(alex.ws, "a-3", "audit.list", {{"limit", 1}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  EXPECT_EQ(a["result"]["entries"].size(), 1u);
  EXPECT_EQ(a["result"]["more"], true);
  a = run(alex.ws, "a-4", "audit.list", {{"limit", 100000}});
  EXPECT_EQ(a["code"], "validation") << a.dump();
  EXPECT_EQ(sql_int(db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'lead.qualify'"), 1);
}

}  // namespace
}  // namespace portal::testing

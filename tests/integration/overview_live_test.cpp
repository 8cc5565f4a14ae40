// The completed Overview on a real server: the quarter's leaderboard never tells a partner
// another partner's name or figures (snapshot or event), announcements reach exactly their
// audience live and are the vendor's alone to post, and "since your last visit" lists what
// changed while the user was away.
#include <chrono>
#include <thread>

#include "support/portal_fixture.h"
#include "support/sqlite_probe.h"

namespace portal::testing {
namespace {

using namespace std::chrono_literals;

inline constexpr const char* kSam = "sam.lee@northwind.example";  // vendor support staff

class OverviewLiveTest : public PortalTest {
 protected:
  static std::filesystem::path db() { return server_->dir.path() / "data" / "portal.db"; }
};

Json cmd(const std::string& id, const std::string& type, const Json& payload) {
  return {{"t", "cmd"}, {"id", id}, {"type", type}, {"payload", payload}};
}

// Sends a command and returns its answer, skipping room events that arrive first.
Json run(WsClient& ws, const std::string& id, const std::string& type, const Json& payload) {
  ws.send(cmd(id, type, payload));
  for (;;) {
    Json f = ws.expect();
    if (f.value("id", "") == id) return f;
  }
}

// The next event of `type` in `room`, skipping other events.
Json next_event(WsClient& ws, const std::string& room, const std::string& type) {
  for (;;) {
    Json f = ws.expect();
    EXPECT_EQ(f["t"], "event") << f.dump();
    if (f["t"] != "event") return f;
    if (f["room"] == room && f["type"] == type) return f;
  }
}

// No frame of this type arrives within a short while (other frames are fine).
void expect_no_event(WsClient& ws, const std::string& type) {
  while (auto f = ws.next(400ms)) EXPECT_NE((*f).value("type", ""), type) << f->dump();
}

struct Names {
  std::string acme_org, blue_org, cedar_org;
  std::string blue_deal;  // "Nordlys smart-meter analytics", in proposal
  std::string acme_deal;  // "Vireo ERP cloud migration", in negotiation
};

Names look_up(uint16_t port) {
  WsClient priya(port);
  log_in(priya, kPriya);
  Names n;
  const Json board = subscribe(priya, "overview")["state"]["revenue_board"];
  for (const Json& r : board["rows"]) {
    if (r["name"] == "Acme Integrations") n.acme_org = r["org_id"];
    if (r["name"] == "Blue Harbor Consulting") n.blue_org = r["org_id"];
    if (r["name"] == "Cedar Analytics") n.cedar_org = r["org_id"];
  }
  const Json deals = subscribe(priya, "deals")["state"]["deals"];
  for (const Json& d : deals) {
    if (d["name"] == "Nordlys smart-meter analytics") n.blue_deal = d["id"];
    if (d["name"] == "Vireo ERP cloud migration") n.acme_deal = d["id"];
  }
  EXPECT_FALSE(n.acme_org.empty() || n.blue_org.empty() || n.cedar_org.empty());
  EXPECT_FALSE(n.blue_deal.empty() || n.acme_deal.empty());
  return n;
}

void expect_nothing_of_others(const std::string& wire, const Names& n) {
  for (const std::string& secret : {std::string("Blue Harbor"), std::string("Cedar"),
                                    std::string("Nordlys"), n.blue_org, n.cedar_org, n.blue_deal,
                                    std::string("6100000")})
    EXPECT_EQ(wire.find(secret), std::string::npos) << secret << " in " << wire;
}

// [SECTION] Leaderboard

TEST_F(OverviewLiveTest, APartnersLeaderboardNeverCarriesAnotherPartnersNameOrFigures) {
  const Names n = look_up(port());
  WsClient dana(port());
  log_in(dana, kDana);
  const Json snap = subscribe(dana, "overview");
  ASSERT_EQ(snap["t"], "snapshot");
  const Json& board = snap["state"]["revenue_board"];
  EXPECT_EQ(board["partners"], 3);
  ASSERT_EQ(board["rows"].size(), 3u);
  int own = 0;
  for (const Json& r : board["rows"]) {
    if (r["is_viewer"] == true) {
      ++own;
      EXPECT_EQ(r["name"], "Acme Integrations");
      EXPECT_TRUE(r.contains("value_minor"));
    } else {
      EXPECT_EQ(r["name"].get<std::string>().rfind("Partner #", 0), 0u) << r.dump();
      EXPECT_FALSE(r.contains("value_minor")) << r.dump();
    }
  }
  EXPECT_EQ(own, 1);
  expect_nothing_of_others(snap.dump(), n);

  WsClient maya(port());
  log_in(maya, kMaya);
  ASSERT_EQ(subscribe(maya, "overview")["t"], "snapshot");
  WsClient priya(port());
  log_in(priya, kPriya);
  ASSERT_EQ(subscribe(priya, "overview")["t"], "snapshot");

  // The vendor wins Blue Harbor's deal: every board moves, without a reload.
  const Json ack =
      run(priya, "win-1", "deal.set_stage", {{"deal_id", n.blue_deal}, {"stage", "closed_won"}});
  ASSERT_EQ(ack["t"], "ack") << ack.dump();

  const Json to_dana = next_event(dana, "overview", "leaderboard.changed");
  const Json& rows = to_dana["data"]["board"]["rows"];
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["name"], "Partner #1");  // Blue Harbor leads now, unnamed
  EXPECT_EQ(rows[0]["bar_pct"], 100);
  EXPECT_FALSE(rows[0].contains("value_minor"));
  bool dana_listed = false;
  for (const Json& r : rows) dana_listed |= r["is_viewer"] == true && r["name"] == "Acme Integrations";
  EXPECT_TRUE(dana_listed);
  expect_nothing_of_others(to_dana.dump(), n);
  // Acme's room hears nothing else of Blue Harbor's deal.
  expect_no_event(dana, "deal.stage_changed");

  const Json to_maya = next_event(maya, "overview", "leaderboard.changed");
  EXPECT_EQ(to_maya["data"]["board"]["rows"][0]["name"], "Blue Harbor Consulting");
  EXPECT_EQ(to_maya["data"]["board"]["rows"][0]["is_viewer"], true);
  EXPECT_EQ(to_maya["data"]["board"]["rows"][0]["value_minor"], 6'100'000);
  EXPECT_EQ(to_maya.dump().find("Acme"), std::string::npos);

  const Json to_priya = next_event(priya, "overview", "leaderboard.changed");
  EXPECT_EQ(to_priya["data"]["board"]["rows"][0]["name"], "Blue Harbor Consulting");
  EXPECT_EQ(to_priya["data"]["board"]["rows"][0]["value_minor"], 6'100'000);
  EXPECT_EQ(to_priya["data"]["board"]["rows"].size(), 3u);

  // A fresh snapshot agrees with the event the replica applied.
  WsClient later(port());
  log_in(later, kLeo);
  const Json fresh = subscribe(later, "overview")["state"]["revenue_board"];
  EXPECT_EQ(fresh, to_dana["data"]["board"]);
}

// [SECTION] Announcements

TEST_F(OverviewLiveTest, AnnouncementsAreTheVendorsToPostAndReachExactlyTheirAudience) {
  const Names n = look_up(port());
  const Json post = {{"title", "Price list for Q3"}, {"body", "The new price list is out."},
                     {"audience", "all"}};
  for (const char* who : {kDana, kLeo, kSam}) {
    WsClient ws(port());
    log_in(ws, who);
    const Json e = run(ws, "ann-x", "announcement.post", post);
    EXPECT_EQ(e["t"], "error") << who;
    EXPECT_EQ(e["code"], "forbidden") << who << " " << e.dump();
  }

  WsClient dana(port()), maya(port()), priya(port());
  log_in(dana, kDana);
  log_in(maya, kMaya);
  log_in(priya, kPriya);
  const Json dana_snap = subscribe(dana, "overview")["state"];
  // The demo's announcements: two for every partner and one for Acme, newest first.
  ASSERT_EQ(dana_snap["announcements"].size(), 3u);
  EXPECT_EQ(dana_snap["announcements"][0]["title"], "Gold review booked for March");
  const Json maya_snap = subscribe(maya, "overview")["state"];
  ASSERT_EQ(maya_snap["announcements"].size(), 2u);
  EXPECT_EQ(maya_snap.dump().find("Gold review"), std::string::npos);
  ASSERT_EQ(subscribe(priya, "overview")["t"], "snapshot");

  // Invalid input: one typed error per problem.
  Json bad = run(priya, "ann-bad", "announcement.post",
                 {{"title", ""}, {"body", std::string(2001, 'x')}, {"audience", "o_nobody"}});
  EXPECT_EQ(bad["code"], "validation") << bad.dump();
  ASSERT_EQ(bad["fields"].size(), 2u);
  EXPECT_EQ(bad["fields"][0]["field"], "title");
  EXPECT_EQ(bad["fields"][1]["field"], "body");
  bad = run(priya, "ann-bad2", "announcement.post",
            {{"title", "Hi"}, {"body", "There"}, {"audience", "o_nobody"}});
  ASSERT_EQ(bad["fields"].size(), 1u);
  EXPECT_EQ(bad["fields"][0]["field"], "audience");
  EXPECT_EQ(run(priya, "ann-bad3", "announcement.post", Json::array())["code"], "validation");

  // To Acme only: Acme and the vendor hear it, Blue Harbor does not.
  const Json ack = run(priya, "ann-1", "announcement.post",
                       {{"title", "Your renewal terms"}, {"body", "Details inside."},
                        {"audience", n.acme_org}});
  ASSERT_EQ(ack["t"], "ack") << ack.dump();
  const std::string id = ack["result"]["announcement_id"];
  const Json to_dana = next_event(dana, "overview", "announcement.posted");
  EXPECT_EQ(to_dana["data"]["announcement"]["id"], id);
  EXPECT_EQ(to_dana["data"]["announcement"]["author_name"], "Priya Shah");
  EXPECT_EQ(next_event(priya, "overview", "announcement.posted")["data"]["announcement"]["id"], id);
  expect_no_event(maya, "announcement.posted");

  // Resent with the same id: the same answer, applied once.
  EXPECT_EQ(run(priya, "ann-1", "announcement.post",
                {{"title", "Your renewal terms"}, {"body", "Details inside."},
                 {"audience", n.acme_org}})["result"]["announcement_id"],
            id);
  expect_no_event(dana, "announcement.posted");

  // To every partner: both hear it.
  ASSERT_EQ(run(priya, "ann-2", "announcement.post", post)["t"], "ack");
  EXPECT_EQ(next_event(dana, "overview", "announcement.posted")["data"]["announcement"]["title"],
            "Price list for Q3");
  EXPECT_EQ(next_event(maya, "overview", "announcement.posted")["data"]["announcement"]["title"],
            "Price list for Q3");

  // Fresh snapshots: Blue Harbor has the one for everybody, not Acme's.
  WsClient later(port());
  log_in(later, kMaya);
  const Json list = subscribe(later, "overview")["state"]["announcements"];
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]["title"], "Price list for Q3");
  EXPECT_EQ(list.dump().find("renewal"), std::string::npos);
  EXPECT_EQ(sql_int(db(), "SELECT COUNT(*) FROM announcements"), 5);
}

// [SECTION] Since your last visit

TEST_F(OverviewLiveTest, SinceYourLastVisitListsWhatChangedWhileAway) {
  const Names n = look_up(port());
  const std::string leo_id = [&] {
    WsClient ws(port());
    const Json w = log_in(ws, kLeo);
    const Json snap = subscribe(ws, "overview")["state"]["since"];
    // A first visit: nothing to catch up on.
    EXPECT_EQ(snap["since"], 0);
    EXPECT_EQ(snap["total"], 0);
    ws.send({{"t", "logout"}});
    EXPECT_EQ(ws.expect()["t"], "bye");
    return w["user"]["id"].get<std::string>();
  }();
  const int64_t left_at =
      sql_int(db(), "SELECT last_seen_at FROM user_visits WHERE user_id = '" + leo_id + "'");
  EXPECT_GT(left_at, 0);

  WsClient priya(port()), dana(port()), maya(port());
  log_in(priya, kPriya);
  log_in(dana, kDana);
  log_in(maya, kMaya);
  // Changes land in later seconds than the log-out and these log-ins ("since" has a one-second
  // grain).
  std::this_thread::sleep_for(1100ms);
  ASSERT_EQ(run(priya, "s-1", "deal.set_stage", {{"deal_id", n.acme_deal}, {"stage", "closed_won"}})["t"],
            "ack");
  ASSERT_EQ(run(priya, "s-2", "announcement.post",
                {{"title", "Webinar on Friday"}, {"body", "Join us."}, {"audience", "all"}})["t"],
            "ack");
  ASSERT_EQ(run(dana, "s-3", "lead.submit", lead_payload("Zephyr Robotics"))["t"], "ack");
  ASSERT_EQ(run(maya, "s-4", "lead.submit", lead_payload("Umbra Textiles"))["t"], "ack");

  WsClient leo(port());
  log_in(leo, kLeo);
  const Json since = subscribe(leo, "overview")["state"]["since"];
  EXPECT_EQ(since["since"], left_at);
  EXPECT_EQ(since["total"], 3) << since.dump();
  ASSERT_EQ(since["items"].size(), 3u) << since.dump();
  EXPECT_EQ(since["items"][0]["text"], "New lead: Zephyr Robotics");
  EXPECT_EQ(since["items"][1]["text"], "Announcement: Webinar on Friday");
  EXPECT_EQ(since["items"][2]["text"], "Deal won: Vireo ERP cloud migration");
  EXPECT_EQ(since["items"][2]["kind"], "deal_won");
  EXPECT_EQ(since.dump().find("Umbra"), std::string::npos);

  // It is per user: Dana made one of these changes herself and is not told about it.
  WsClient dana_again(port());
  log_in(dana_again, kDana);
  const Json dana_since = subscribe(dana_again, "overview")["state"]["since"];
  EXPECT_GT(dana_since["since"].get<int64_t>(), 0);
  EXPECT_EQ(dana_since["total"], 2) << dana_since.dump();
  EXPECT_EQ(dana_since.dump().find("Zephyr"), std::string::npos) << dana_since.dump();
}

TEST_F(OverviewLiveTest, ClosingTheLastConnectionRecordsTheVisit) {
  std::string id;
  int64_t at_login = 0;
  const auto last_seen = [&] {
    return sql_int(db(), "SELECT last_seen_at FROM user_visits WHERE user_id = '" + id + "'");
  };
  {
    WsClient ws(port());
    id = log_in(ws, kMaya)["user"]["id"];
    at_login = last_seen();
    ASSERT_GT(at_login, 0);
    std::this_thread::sleep_for(1100ms);
  }  // the connection closes without a log-out
  int64_t after = at_login;
  for (int i = 0; i < 60 && after == at_login; ++i) {
    std::this_thread::sleep_for(50ms);
    after = last_seen();
  }
  EXPECT_GT(after, at_login);

  // The next log-in takes that as the visit's "since".
  WsClient ws(port());
  log_in(ws, kMaya);
  EXPECT_EQ(sql_int(db(), "SELECT visit_since FROM user_visits WHERE user_id = '" + id + "'"),
            after);
  EXPECT_EQ(subscribe(ws, "overview")["state"]["since"]["since"], after);
}

}  // namespace
}  // namespace portal::testing

// The vendor's partnership administration against a real server, real SQLite and real
// WebSocket clients: a partner's personal price list set and removed by the vendor and pushed
// live to that partner only; the tier review listing who moves and a review applied one level,
// effective now, with history, audit row and a live push, stale and skipping applies refused;
// rooms switched off per partnership refused at subscribe and closed at once for connections
// that follow them, then switched on again.
#include <set>

#include "portal/rooms/deals.h"
#include "portal/rooms/overview.h"
#include "support/portal_fixture.h"
#include "support/sqlite_probe.h"

namespace portal::testing {
namespace {

inline constexpr const char* kAlex = "alex.morgan@northwind.example";  // vendor admin
inline constexpr const char* kOmar = "omar.haddad@cedar.example";      // Cedar, partner admin

class PartnershipAdminTest : public PortalTest {
 protected:
  static std::filesystem::path db() { return server_->dir.path() / "data" / "portal.db"; }
};

Json cmd(const std::string& id, const std::string& type, const Json& payload) {
  return {{"t", "cmd"}, {"id", id}, {"type", type}, {"payload", payload}};
}

// Sends a command and returns its answer; frames that arrive first are kept in `skipped`.
Json run(WsClient& ws, const std::string& id, const std::string& type, const Json& payload,
         std::vector<Json>* skipped = nullptr) {
  ws.send(cmd(id, type, payload));
  for (;;) {
    Json f = ws.expect();
    if (f.empty() || f.value("id", "") == id) return f;
    if (skipped) skipped->push_back(f);
  }
}

// The next event of `room` with `type`, skipping others; empty when none comes.
Json next_event(WsClient& ws, const std::string& room, const std::string& type) {
  for (int i = 0; i < 50; ++i) {
    std::optional<Json> f = ws.next(std::chrono::milliseconds(3000));
    if (!f) break;
    if (f->value("t", "") == "event" && (*f)["room"] == room && (*f)["type"] == type) return *f;
  }
  ADD_FAILURE() << "no " << type << " in " << room;
  return {};
}

// Every frame that arrives within `wait`.
std::vector<Json> drain(WsClient& ws, std::chrono::milliseconds wait) {
  std::vector<Json> out;
  while (auto f = ws.next(wait)) out.push_back(*f);
  return out;
}

struct Session {
  WsClient ws;
  Json welcome;
  Session(uint16_t port, const char* email) : ws(port) { welcome = log_in(ws, email); }
  std::string user_id() const { return welcome["user"]["id"]; }
  std::string org_id() const { return welcome["org"]["id"]; }
};

// Subscribes to `room` and returns its snapshot or the error, skipping other rooms' frames.
Json open_room(WsClient& ws, const std::string& room) {
  ws.send({{"t", "sub"}, {"room", room}});
  for (int i = 0; i < 100; ++i) {
    Json f = ws.expect();
    if (f.empty() || (f.value("t", "") == "error" && !f.contains("id")) ||
        (f.value("t", "") == "snapshot" && f.value("room", "") == room))
      return f;
  }
  return {};
}

// The partner's own program snapshot's single partner.
Json own_program(Session& s) {
  const Json snap = open_room(s.ws, "program");
  EXPECT_EQ(snap.value("t", ""), "snapshot") << snap.dump().substr(0, 300);
  return snap["state"]["partners"][0];
}

Json price_item(const std::string& org, const std::string& sku, int64_t list_minor,
                int32_t discount_bp, const std::string& currency = "EUR") {
  return {{"org_id", org},
          {"sku", sku},
          {"name", "Analytics Suite, 25 seats"},
          {"list_price", {{"minor", list_minor}, {"currency", currency}}},
          {"discount_bp", discount_bp}};
}

TEST_F(PartnershipAdminTest, APersonalPriceListIsSetLiveAndSeenByItsPartnerOnly) {
  Session priya(port(), kPriya), dana(port(), kDana), maya(port(), kMaya), alex(port(), kAlex);
  const std::string acme = dana.org_id();
  EXPECT_TRUE(own_program(dana)["price_items"].empty());
  const Json maya_before = own_program(maya);

  // The partner manager puts a product on Acme's list; Dana sees it arrive.
  Json a = run(priya.ws, "p-1", "pricelist.set_item", price_item(acme, "AS-25", 129'900, 1750));
  ASSERT_EQ(a["t"], "ack") << a.dump();
  EXPECT_EQ(a["result"]["partner_price"]["minor"], 107'167);  // 1,299.00 less 17.5 %
  Json ev = next_event(dana.ws, "program", "pricelist.item_set");
  EXPECT_EQ(ev["data"]["item"]["sku"], "AS-25");
  EXPECT_EQ(ev["data"]["item"]["discount_bp"], 1750);
  // The same command again is answered with the first result and changes nothing more.
  const int64_t events =
      sql_int(db(), "SELECT COUNT(*) FROM events WHERE type = 'pricelist.item_set'");
  Json again = run(priya.ws, "p-1", "pricelist.set_item", price_item(acme, "AS-25", 1, 0));
  ASSERT_EQ(again["t"], "ack") << again.dump();
  EXPECT_EQ(again["result"], a["result"]);
  EXPECT_EQ(sql_int(db(), "SELECT COUNT(*) FROM events WHERE type = 'pricelist.item_set'"), events);
  EXPECT_EQ(sql_int(db(), "SELECT list_minor FROM price_items WHERE sku = 'AS-25'"), 129'900);

  // A new price replaces the item of that SKU.
  a = run(priya.ws, "p-2", "pricelist.set_item", price_item(acme, "AS-25", 119'900, 2000));
  ASSERT_EQ(a["t"], "ack") << a.dump();
  EXPECT_EQ(a["result"]["partner_price"]["minor"], 95'920);
  next_event(dana.ws, "program", "pricelist.item_set");

  // Bad items are refused field by field.
  a = run(priya.ws, "p-3", "pricelist.set_item", price_item(acme, "AS-25", 1000, 10'001));
  EXPECT_EQ(a["code"], "validation") << a.dump();
  a = run(priya.ws, "p-4", "pricelist.set_item", price_item(acme, "AS-25", 1000, 0, "USD"));
  EXPECT_EQ(a["code"], "validation") << a.dump();
  EXPECT_EQ(a["fields"][0]["field"], "list_price");
  a = run(priya.ws, "p-5", "pricelist.set_item", price_item(acme, "bad sku", 1000, 0));
  EXPECT_EQ(a["code"], "validation") << a.dump();
  a = run(priya.ws, "p-6", "pricelist.set_item", price_item("org-nope", "AS-1", 1000, 0));
  EXPECT_EQ(a["code"], "not_found") << a.dump();

  // Partners only read their list.
  a = run(dana.ws, "d-1", "pricelist.set_item", price_item(acme, "AS-26", 1000, 0));
  EXPECT_EQ(a["code"], "forbidden") << a.dump();
  a = run(maya.ws, "m-1", "pricelist.remove_item", {{"org_id", acme}, {"sku", "AS-25"}});
  EXPECT_EQ(a["code"], "forbidden") << a.dump();

  // A fresh snapshot has the list; Blue Harbor's room carries nothing of it.
  {
    Session dana2(port(), kDana);
    const Json items = own_program(dana2)["price_items"];
    ASSERT_EQ(items.size(), 1u) << items.dump();
    EXPECT_EQ(items[0]["list_price"]["minor"], 119'900);
    Session maya2(port(), kMaya);
    const Json maya_after = own_program(maya2);
    EXPECT_EQ(maya_after.dump().find("AS-25"), std::string::npos);
    EXPECT_EQ(maya_after["price_items"], maya_before["price_items"]);
  }
  for (const Json& f : drain(maya.ws, std::chrono::milliseconds(300)))
    EXPECT_EQ(f.dump().find("AS-25"), std::string::npos) << f.dump();

  // Removed, live; removing it again is not_found.
  a = run(priya.ws, "r-1", "pricelist.remove_item", {{"org_id", acme}, {"sku", "AS-25"}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  ev = next_event(dana.ws, "program", "pricelist.item_removed");
  EXPECT_EQ(ev["data"]["sku"], "AS-25");
  a = run(priya.ws, "r-2", "pricelist.remove_item", {{"org_id", acme}, {"sku", "AS-25"}});
  EXPECT_EQ(a["code"], "not_found") << a.dump();
  EXPECT_EQ(sql_int(db(), "SELECT COUNT(*) FROM price_items"), 0);

  // Vendor staff's changes are audited.
  a = run(alex.ws, "au-1", "audit.list", {{"org_id", acme}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  std::multiset<std::string> actions;
  for (const Json& e : a["result"]["entries"]) actions.insert(e["action"].get<std::string>());
  EXPECT_EQ(actions.count("pricelist.set_item"), 2u) << a.dump();
  EXPECT_EQ(actions.count("pricelist.remove_item"), 1u) << a.dump();
}

TEST_F(PartnershipAdminTest, ATierReviewIsAppliedOneLevelFromNowWithHistoryAndAudit) {
  Session alex(port(), kAlex), priya(port(), kPriya), omar(port(), kOmar), dana(port(), kDana);
  const std::string cedar = omar.org_id();
  const Json before = own_program(omar);
  const Json partnership = before["partnership"];
  const std::string partnership_id = partnership["id"];
  ASSERT_EQ(partnership["level"], "Bronze");
  ASSERT_EQ(partnership["conditions"]["revenue_share_bp"], 800);

  // The review lists partnerships to move, each one adjacent step with its KPIs; partners may
  // not see it.
  Json a = run(priya.ws, "l-1", "tier_review.list", Json::object());
  ASSERT_EQ(a["t"], "ack") << a.dump();
  for (const Json& row : a["result"]["reviews"]) {
    EXPECT_TRUE(row["direction"] == "up" || row["direction"] == "down") << row.dump();
    EXPECT_FALSE(row["progress"].empty()) << row.dump();
    EXPECT_TRUE(row.contains("kpis")) << row.dump();
  }
  a = run(omar.ws, "l-2", "tier_review.list", Json::object());
  EXPECT_EQ(a["code"], "forbidden") << a.dump();

  // Only the vendor's admins apply; only one level at a time; never a stale review.
  const Json apply = {{"partnership_id", partnership_id},
                      {"from_level", "Bronze"},
                      {"level", "Silver"},
                      {"reason", "Q1 tier review: four qualified leads"}};
  a = run(priya.ws, "x-1", "tier_review.apply", apply);
  EXPECT_EQ(a["code"], "forbidden") << a.dump();
  Json skip = apply;
  skip["level"] = "Gold";
  a = run(alex.ws, "x-2", "tier_review.apply", skip);
  EXPECT_EQ(a["code"], "validation") << a.dump();
  EXPECT_EQ(a["fields"][0]["field"], "level");
  Json unknown = apply;
  unknown["partnership_id"] = "ps-nope";
  a = run(alex.ws, "x-3", "tier_review.apply", unknown);
  EXPECT_EQ(a["code"], "not_found") << a.dump();

  const int64_t t0 = sql_int(db(), "SELECT CAST(strftime('%s','now') AS INTEGER)");
  a = run(alex.ws, "x-4", "tier_review.apply", apply);
  ASSERT_EQ(a["t"], "ack") << a.dump();
  EXPECT_EQ(a["result"]["level"], "Silver");
  EXPECT_EQ(a["result"]["revenue_share_bp"], 1000);
  EXPECT_GE(a["result"]["effective_from"].get<int64_t>(), t0);

  // Omar's program room gets the new level and the history entries, effective now.
  Json ev = next_event(omar.ws, "program", "partnership.changed");
  EXPECT_EQ(ev["data"]["partnership"]["level"], "Silver");
  EXPECT_EQ(ev["data"]["partnership"]["conditions"]["revenue_share_bp"], 1000);
  std::set<std::string> changed;
  for (const Json& c : ev["data"]["changes"]) {
    changed.insert(c["parameter"].get<std::string>());
    EXPECT_GE(c["effective_from"].get<int64_t>(), t0) << c.dump();
    EXPECT_EQ(c["reason"], "Q1 tier review: four qualified leads");
  }
  EXPECT_EQ(changed, (std::set<std::string>{"level", "revenue_share", "mdf_accrual"}));

  // A replay is answered with the first result and applies nothing twice.
  Json replay = run(alex.ws, "x-4", "tier_review.apply", apply);
  EXPECT_EQ(replay["result"], a["result"]);
  // The same review applied again is stale: the level moved meanwhile.
  a = run(alex.ws, "x-5", "tier_review.apply", apply);
  EXPECT_EQ(a["code"], "conflict") << a.dump();

  // Never retroactive: the earlier history is untouched, the new entries start now.
  {
    Session omar2(port(), kOmar);
    const Json after = own_program(omar2);
    EXPECT_EQ(after["partnership"]["level"], "Silver");
    const Json& history = after["history"];
    ASSERT_EQ(history.size(), before["history"].size() + 3) << history.dump();
    for (size_t i = 0; i < before["history"].size(); ++i)
      EXPECT_EQ(history[i + 3], before["history"][i]);
    EXPECT_GE(history[0]["effective_from"].get<int64_t>(), t0);
  }
  EXPECT_EQ(sql_int(db(), "SELECT COUNT(*) FROM partnership_changes WHERE partnership_id = '" +
                              partnership_id + "' AND effective_from >= " + std::to_string(t0)),
            3);
  EXPECT_EQ(sql_text(db(), "SELECT level FROM partnerships WHERE id = '" + partnership_id + "'"),
            "Silver");

  // Down again one step is allowed; the audit trail shows both applies by Alex.
  Json down = apply;
  down["from_level"] = "Silver";
  down["level"] = "Bronze";
  a = run(alex.ws, "x-6", "tier_review.apply", down);
  ASSERT_EQ(a["t"], "ack") << a.dump();
  a = run(alex.ws, "au-1", "audit.list", {{"org_id", cedar}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  int applies = 0;
  for (const Json& e : a["result"]["entries"]) {
    if (e["action"] != "tier_review.apply") continue;
    ++applies;
    EXPECT_EQ(e["actor_id"], alex.user_id());
    EXPECT_EQ(e["target_id"], partnership_id);
    EXPECT_NE(e["summary"].get<std::string>().find("; level "), std::string::npos) << e.dump();
  }
  EXPECT_EQ(applies, 2) << a.dump();
  // Acme's program saw none of it.
  for (const Json& f : drain(dana.ws, std::chrono::milliseconds(300)))
    EXPECT_NE(f.value("type", ""), "partnership.changed") << f.dump();
}

// Commission is never re-priced backwards: Cedar's deal won at Bronze (8 %) keeps 8 % after
// the move to Silver (10 %), which prices only the open deal and what is won from then on. The
// partner's and the vendor's Overview follow live, and a fresh snapshot agrees with the replica
// that applied the events.
TEST_F(PartnershipAdminTest, ATierChangeRepricesOnlyWhatIsWonFromThenOn) {
  Session alex(port(), kAlex), priya(port(), kPriya), omar(port(), kOmar);
  const std::string cedar = omar.org_id();
  const Json partnership = own_program(omar)["partnership"];
  ASSERT_EQ(partnership["level"], "Bronze");

  Json overview = open_room(omar.ws, "overview");
  ASSERT_EQ(overview.value("t", ""), "snapshot") << overview.dump().substr(0, 300);
  Json state = overview["state"];
  EXPECT_EQ(state["org_id"], cedar);
  EXPECT_EQ(state["tier"], "Bronze");
  EXPECT_EQ(state["revenue_share_bp"], 800);
  // Won "Birchwood streaming analytics" (EUR 8,000, unpaid) at 8 %; open "Juniper research
  // data lake" (EUR 15,000) forecast at 8 %.
  EXPECT_EQ(state["commission_pending_minor"], 64'000);
  EXPECT_EQ(state["commission_expected_minor"], 120'000);
  ASSERT_EQ(open_room(alex.ws, "overview").value("t", ""), "snapshot");

  std::string juniper;
  const Json deals = open_room(omar.ws, "deals");
  for (const Json& d : deals["state"]["deals"])
    if (d["name"] == "Juniper research data lake") juniper = d["id"];
  ASSERT_FALSE(juniper.empty()) << deals.dump().substr(0, 300);

  Json a = run(alex.ws, "t-1", "tier_review.apply",
               {{"partnership_id", partnership["id"]},
                {"from_level", "Bronze"},
                {"level", "Silver"},
                {"reason", "Quarterly tier review"}});
  ASSERT_EQ(a["t"], "ack") << a.dump();

  // Omar's Overview: the new level and share at once; the won deal keeps its 8 %.
  Json ev = next_event(omar.ws, "overview", "partner.terms_changed");
  EXPECT_EQ(ev["data"], (Json{{"org_id", cedar}, {"tier", "Silver"}, {"revenue_share_bp", 1000}}));
  OverviewState replica = *overview_from_json(state);
  ASSERT_TRUE(apply(replica, "partner.terms_changed", ev["data"]));
  EXPECT_EQ(replica.tier, "Silver");
  EXPECT_EQ(replica.commission_pending_minor, 64'000);
  EXPECT_EQ(replica.commission_expected_minor, 150'000);
  // The Deals room re-prices the open deal and leaves the won one's commission as it was.
  DealsState deals_replica = *deals_from_json(deals["state"]);
  ev = next_event(omar.ws, "deals", "partner.terms_changed");
  ASSERT_TRUE(apply(deals_replica, "partner.terms_changed", ev["data"]));
  for (const DealRow& r : deals_replica.deals) {
    if (r.deal.name == "Juniper research data lake") {
      EXPECT_EQ(r.expected_commission_minor, 150'000);
    }
    if (r.deal.name == "Birchwood streaming analytics") {
      EXPECT_EQ(r.expected_commission_minor, 64'000);
    }
  }
  // The vendor's program-wide Overview re-prices Cedar's forecast only.
  EXPECT_EQ(next_event(alex.ws, "overview", "partner.terms_changed")["data"]["org_id"], cedar);

  // Won after the change: Juniper locks in 10 %.
  a = run(priya.ws, "w-1", "deal.set_stage", {{"deal_id", juniper}, {"stage", "closed_won"}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  ev = next_event(omar.ws, "overview", "deal.stage_changed");
  EXPECT_EQ(ev["data"]["deal"]["commission_bp"], 1000);
  ASSERT_TRUE(apply(replica, "deal.stage_changed", ev["data"]));
  EXPECT_EQ(replica.commission_pending_minor, 64'000 + 150'000);
  EXPECT_EQ(replica.commission_expected_minor, 0);

  // A new snapshot, built from the database, says the same to the cent.
  Session omar2(port(), kOmar);
  const Json fresh = open_room(omar2.ws, "overview")["state"];
  EXPECT_EQ(fresh["tier"], "Silver");
  EXPECT_EQ(fresh["revenue_share_bp"], 1000);
  EXPECT_EQ(fresh["commission_pending_minor"], replica.commission_pending_minor);
  EXPECT_EQ(fresh["commission_expected_minor"], replica.commission_expected_minor);
  EXPECT_EQ(fresh["partners"], to_json(replica)["partners"]);
  EXPECT_EQ(sql_int(db(),
                    "SELECT commission_bp FROM deals WHERE name = "
                    "'Birchwood streaming analytics'"),
            800);
  EXPECT_EQ(sql_text(db(), "SELECT tier FROM organisations WHERE id = '" + cedar + "'"), "Silver");
}

TEST_F(PartnershipAdminTest, RoomsSwitchedOffAreRefusedAndClosedAtOnce) {
  Session alex(port(), kAlex), priya(port(), kPriya), maya(port(), kMaya), dana(port(), kDana);
  const Json program = own_program(maya);
  const std::string partnership_id = program["partnership"]["id"];
  const std::vector<std::string> all_rooms = maya.welcome["rooms"];
  ASSERT_NE(std::find(all_rooms.begin(), all_rooms.end(), "leads"), all_rooms.end());
  ASSERT_EQ(open_room(maya.ws, "leads")["t"], "snapshot");
  ASSERT_EQ(open_room(dana.ws, "leads")["t"], "snapshot");

  // Only the vendor's admins choose rooms; names are checked.
  Json a = run(priya.ws, "s-1", "partnership.set_rooms",
               {{"partnership_id", partnership_id}, {"rooms", {"program"}}});
  EXPECT_EQ(a["code"], "forbidden") << a.dump();
  a = run(alex.ws, "s-2", "partnership.set_rooms",
          {{"partnership_id", partnership_id}, {"rooms", {"program", "lounge"}}});
  EXPECT_EQ(a["code"], "validation") << a.dump();

  // Blue Harbor keeps the program, projects and files; Leads and the rest go.
  a = run(alex.ws, "s-3", "partnership.set_rooms",
          {{"partnership_id", partnership_id}, {"rooms", {"program", "projects", "files"}}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  EXPECT_EQ(a["result"]["rooms"], Json({"overview", "program", "projects", "messages", "files"}));
  const Json closed = next_event(maya.ws, "leads", "room.closed");
  EXPECT_EQ(closed["seq"], 0);
  EXPECT_EQ(closed["data"]["reason"], "disabled");
  // Nor can she work in it: her commands of a switched-off room are refused, and nothing
  // was stored.
  const int64_t leads_before = sql_int(db(), "SELECT COUNT(*) FROM leads");
  a = run(maya.ws, "l-1", "lead.submit", lead_payload("Closed Room Ltd"));
  EXPECT_EQ(a["code"], "forbidden") << a.dump();
  EXPECT_NE(a.value("message", "").find("Leads"), std::string::npos) << a.dump();
  a = run(maya.ws, "r-1", "resource.search", {{"query", "brand"}});
  EXPECT_EQ(a["code"], "forbidden") << a.dump();
  EXPECT_EQ(sql_int(db(), "SELECT COUNT(*) FROM leads"), leads_before);
  // A change the vendor makes to her leads still reaches nobody of hers on Leads.
  a = run(dana.ws, "l-2", "lead.submit", lead_payload("Acme Still Works"));
  ASSERT_EQ(a["t"], "ack") << a.dump();
  for (const Json& f : drain(maya.ws, std::chrono::milliseconds(500)))
    EXPECT_NE(f.value("room", ""), "leads") << f.dump();
  // Acme's Leads room is untouched.
  for (const Json& f : drain(dana.ws, std::chrono::milliseconds(200)))
    EXPECT_NE(f.value("type", ""), "room.closed") << f.dump();

  // A fresh subscribe is refused with a typed error; always-on rooms stay open; the welcome
  // lists what is left.
  {
    Session maya2(port(), kMaya);
    const std::vector<std::string> rooms = maya2.welcome["rooms"];
    EXPECT_EQ(std::find(rooms.begin(), rooms.end(), "leads"), rooms.end());
    EXPECT_NE(std::find(rooms.begin(), rooms.end(), "program"), rooms.end());
    EXPECT_NE(std::find(rooms.begin(), rooms.end(), "overview"), rooms.end());
    Json r = open_room(maya2.ws, "leads");
    EXPECT_EQ(r["t"], "error") << r.dump();
    EXPECT_EQ(r["code"], "forbidden") << r.dump();
    r = open_room(maya2.ws, "resources");
    EXPECT_EQ(r["code"], "forbidden") << r.dump();
    EXPECT_EQ(open_room(maya2.ws, "overview")["t"], "snapshot");
    EXPECT_EQ(open_room(maya2.ws, "messages")["t"], "snapshot");
    EXPECT_EQ(open_room(maya2.ws, "projects")["t"], "snapshot");
    // The partner's program shows the rooms and the history entry of the change.
    const Json p = own_program(maya2);
    EXPECT_EQ(p["partnership"]["rooms"].size(), 5u) << p["partnership"].dump();
    EXPECT_EQ(p["history"][0]["parameter"], "rooms");
  }
  // The vendor's own view is not gated by a partner's rooms.
  ASSERT_EQ(open_room(priya.ws, "leads")["t"], "snapshot");

  // Switched on again, Leads opens as before.
  a = run(alex.ws, "s-4", "partnership.set_rooms",
          {{"partnership_id", partnership_id},
           {"rooms",
            {"leads", "deals", "accounts", "program", "resources", "projects", "brand", "files",
             "contacts", "custom"}}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  const Json snap = open_room(maya.ws, "leads");
  EXPECT_EQ(snap["t"], "snapshot") << snap.dump().substr(0, 200);
  EXPECT_EQ(sql_int(db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'partnership.set_rooms'"),
            2);
}

}  // namespace
}  // namespace portal::testing

// The Leads and Deals rooms end to end: a partner's lead qualified, converted, won and paid by
// the partner manager, every step pushed to the partner's and the vendor's rooms and to no
// other partner; duplicates, rights and resends.
#include <map>

#include "support/portal_fixture.h"

namespace portal::testing {
namespace {

class PipelineTest : public PortalTest {};

Json cmd(const std::string& id, const std::string& type, const Json& payload) {
  return {{"t", "cmd"}, {"id", id}, {"type", type}, {"payload", payload}};
}

// Sends a command and returns its answer (the ack or error; our own room events may follow).
Json run(WsClient& ws, const std::string& id, const std::string& type, const Json& payload) {
  ws.send(cmd(id, type, payload));
  for (;;) {
    Json f = ws.expect();
    if (f.value("id", "") == id) return f;
  }
}

// The next event on `ws` for `room`, skipping events of other rooms.
Json event_in(WsClient& ws, const std::string& room) {
  for (;;) {
    Json f = ws.expect();
    EXPECT_EQ(f["t"], "event") << f.dump();
    if (f["t"] != "event" || f["room"] == room) return f;
  }
}

struct Watcher {
  WsClient ws;
  std::map<std::string, int64_t> seq;
  Watcher(uint16_t port, const char* email) : ws(port) {
    log_in(ws, email);
    for (const char* room : {"overview", "leads", "deals"}) {
      const Json snap = subscribe(ws, room);
      EXPECT_EQ(snap["t"], "snapshot") << snap.dump();
      seq[room] = snap["seq"];
    }
  }
  // Expects the next three... events in order of arrival, whatever room: returns them by room.
  std::map<std::string, Json> take(size_t n) {
    std::map<std::string, Json> by_room;
    for (size_t i = 0; i < n; ++i) {
      Json e = ws.expect();
      EXPECT_EQ(e["t"], "event") << e.dump();
      const std::string room = e["room"];
      EXPECT_EQ(e["seq"], seq[room] + 1) << e.dump();
      seq[room] = e["seq"];
      by_room[room] = e;
    }
    return by_room;
  }
};

TEST_F(PipelineTest, FromSubmissionToPayoutEveryStepReachesBothSidesAndNoOtherPartner) {
  Watcher dana(port(), kDana);
  Watcher priya(port(), kPriya);
  Watcher maya(port(), kMaya);

  const Json ack = run(dana.ws, "s-1", "lead.submit", lead_payload("Quasar Shipping"));
  ASSERT_EQ(ack["t"], "ack") << ack.dump();
  const std::string lead_id = ack["result"]["lead_id"];
  auto d = dana.take(2);
  auto p = priya.take(2);
  EXPECT_EQ(d["leads"]["type"], "lead.submitted");
  EXPECT_EQ(p["leads"]["data"]["lead"]["id"], lead_id);

  // Qualify.
  Json a = run(priya.ws, "q-1", "lead.qualify", {{"lead_id", lead_id}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  EXPECT_EQ(a["result"]["stage"], "qualified");
  d = dana.take(2);
  p = priya.take(2);
  EXPECT_EQ(d["leads"]["type"], "lead.stage_changed");
  EXPECT_EQ(d["leads"]["data"]["stage"], "qualified");
  EXPECT_EQ(d["overview"]["type"], "lead.stage_changed");
  EXPECT_EQ(p["leads"]["data"]["lead_id"], lead_id);

  // Convert: the lead points at the new deal, the deal appears in both Deals rooms.
  a = run(priya.ws, "c-1", "lead.convert", {{"lead_id", lead_id}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  const std::string deal_id = a["result"]["deal_id"];
  d = dana.take(3);
  p = priya.take(3);
  EXPECT_EQ(d["leads"]["type"], "lead.converted");
  EXPECT_EQ(d["deals"]["type"], "deal.created");
  EXPECT_EQ(d["deals"]["data"]["deal"]["stage"], "qualification");
  EXPECT_EQ(d["deals"]["data"]["deal"]["value"]["minor"], 1234500);
  EXPECT_EQ(d["overview"]["type"], "deal.created");
  EXPECT_EQ(p["deals"]["data"]["deal"]["id"], deal_id);

  // A partner adds a note; both sides see it in Deals.
  a = run(dana.ws, "n-1", "deal.add_note", {{"deal_id", deal_id}, {"text", "Call booked."}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  d = dana.take(1);
  p = priya.take(1);
  EXPECT_EQ(d["deals"]["data"]["author_name"], "Dana Fischer");
  EXPECT_EQ(p["deals"]["data"]["note"]["body"], "Call booked.");

  // Won, then paid.
  a = run(priya.ws, "w-1", "deal.set_stage", {{"deal_id", deal_id}, {"stage", "closed_won"}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  // Deals, Overview, and the Overview's leaderboard (a win this quarter moves it).
  d = dana.take(3);
  p = priya.take(3);
  EXPECT_EQ(d["overview"]["type"], "leaderboard.changed");
  EXPECT_EQ(d["deals"]["data"]["from"], "qualification");
  EXPECT_GT(d["deals"]["data"]["deal"]["won_at"].get<int64_t>(), 0);
  a = run(priya.ws, "p-1", "deal.record_payout", {{"deal_id", deal_id}});
  ASSERT_EQ(a["t"], "ack") << a.dump();
  EXPECT_EQ(a["result"]["commission_paid"], true);
  d = dana.take(2);
  p = priya.take(2);
  EXPECT_EQ(d["overview"]["type"], "deal.payout_recorded");

  // Blue Harbor heard only that the leaderboard moved, anonymised and without Acme's figures.
  const Json board = maya.ws.expect();
  EXPECT_EQ(board["room"], "overview");
  EXPECT_EQ(board["type"], "leaderboard.changed");
  for (const char* secret : {"Acme", "Quasar", "1234500", deal_id.c_str()})
    EXPECT_EQ(board.dump().find(secret), std::string::npos) << secret << " in " << board.dump();
  EXPECT_EQ(maya.ws.next(300ms), std::nullopt);

  // Fresh snapshots agree with the demo figures plus this deal (15 % of 12,345.00 = 1,851.75).
  WsClient later(port());
  log_in(later, kLeo);
  const Json o = subscribe(later, "overview")["state"];
  EXPECT_EQ(o["deals_in_progress"], 3);
  EXPECT_EQ(o["commission_earned_minor"], 600000 + 185175);
  EXPECT_EQ(o["leads_open"], 6);
  const Json deals = subscribe(later, "deals")["state"]["deals"];
  EXPECT_EQ(deals[0]["id"], deal_id);
  EXPECT_EQ(deals[0]["commission_paid"], true);
  EXPECT_EQ(deals[0]["note_list"][0]["body"], "Call booked.");
  const Json leads = subscribe(later, "leads")["state"]["leads"];
  EXPECT_EQ(leads[0]["deal_id"], deal_id);
  EXPECT_EQ(leads[0]["stage"], "qualified");
}

TEST_F(PipelineTest, ADuplicateLeadIsAConflictThatNamesNoOtherPartner) {
  WsClient maya(port());
  log_in(maya, kMaya);
  Json payload = lead_payload("Brightline Logistics Ltd");  // Acme's open lead
  const Json e = run(maya, "dup-1", "lead.submit", payload);
  EXPECT_EQ(e["code"], "conflict") << e.dump();
  const std::string msg = e["message"];
  EXPECT_FALSE(msg.empty());
  EXPECT_EQ(msg.find("Acme"), std::string::npos) << msg;

  // Acme's own duplicate is named (it is theirs to see).
  WsClient dana(port());
  log_in(dana, kDana);
  const Json own = run(dana, "dup-2", "lead.submit", lead_payload("Kestrel Foods"));
  EXPECT_EQ(own["code"], "conflict");
}

TEST_F(PipelineTest, PartnersCannotMoveStagesNorReachOtherPartnersRows) {
  WsClient priya(port());
  log_in(priya, kPriya);
  const Json leads = subscribe(priya, "leads")["state"]["leads"];
  const Json deals = subscribe(priya, "deals")["state"]["deals"];
  std::string acme_lead, blue_lead, blue_deal, acme_deal;
  for (const Json& l : leads) {
    if (l["company"] == "Brightline Logistics") acme_lead = l["id"];
    if (l["company"] == "Quay Street Legal") blue_lead = l["id"];
  }
  for (const Json& d : deals) {
    if (d["name"] == "Vireo ERP cloud migration") acme_deal = d["id"];
    if (d["name"] == "Nordlys smart-meter analytics") blue_deal = d["id"];
  }
  ASSERT_FALSE(acme_lead.empty() || blue_lead.empty() || acme_deal.empty() || blue_deal.empty());

  WsClient dana(port());
  log_in(dana, kDana);
  EXPECT_EQ(run(dana, "f-1", "lead.qualify", {{"lead_id", acme_lead}})["code"], "forbidden");
  EXPECT_EQ(run(dana, "f-2", "deal.set_stage", {{"deal_id", acme_deal}, {"stage", "closed_won"}})["code"],
            "forbidden");
  EXPECT_EQ(run(dana, "f-3", "lead.qualify", {{"lead_id", blue_lead}})["code"], "not_found");
  EXPECT_EQ(run(dana, "f-4", "deal.add_note", {{"deal_id", blue_deal}, {"text", "hi"}})["code"],
            "not_found");
  EXPECT_EQ(run(dana, "f-5", "deal.record_payout", {{"deal_id", "no-such-deal"}})["code"],
            "not_found");
  // Refused moves say why.
  const Json closed = run(priya, "r-1", "deal.record_payout", {{"deal_id", acme_deal}});
  EXPECT_EQ(closed["code"], "conflict");
  EXPECT_EQ(closed["message"], "Commission is paid only on deals that are closed won.");
  const Json skip = run(priya, "r-2", "lead.set_stage", {{"lead_id", acme_lead}, {"stage", "won"}});
  EXPECT_EQ(skip["code"], "conflict");
  EXPECT_EQ(run(priya, "r-3", "lead.set_stage", {{"lead_id", acme_lead}, {"stage", "x"}})["code"],
            "validation");
}

TEST_F(PipelineTest, ResendingACommandIsAnsweredOnceAndAppliedOnce) {
  WsClient priya(port());
  log_in(priya, kPriya);
  std::string lead_id;
  const Json snap = subscribe(priya, "leads");
  for (const Json& l : snap["state"]["leads"])
    if (l["company"] == "Lumen Retail Group") lead_id = l["id"];
  const int64_t seq = subscribe(priya, "overview")["seq"];
  const Json first = run(priya, "once", "lead.qualify", {{"lead_id", lead_id}});
  ASSERT_EQ(first["t"], "ack") << first.dump();
  event_in(priya, "overview");
  priya.send(cmd("once", "lead.qualify", {{"lead_id", lead_id}}));
  EXPECT_EQ(priya.expect(), first);
  EXPECT_EQ(priya.next(300ms), std::nullopt);
  WsClient again(port());
  log_in(again, kPriya);
  EXPECT_EQ(subscribe(again, "overview")["seq"], seq + 1);
}

}  // namespace
}  // namespace portal::testing

// lead.submit end to end: acknowledged, durable, idempotent, and pushed live to exactly the
// clients that may see it.
#include "support/portal_fixture.h"

namespace portal::testing {
namespace {

class LeadSubmitTest : public PortalTest {};

TEST_F(LeadSubmitTest, ReachesTheOrganisationAndTheVendorButNoOtherPartner) {
  WsClient dana(port());
  WsClient leo(port());
  WsClient priya(port());
  WsClient maya(port());
  log_in(dana, kDana);
  log_in(leo, kLeo);
  log_in(priya, kPriya);
  log_in(maya, kMaya);
  const Json leo_snap = subscribe(leo, "overview");
  const Json priya_snap = subscribe(priya, "overview");
  ASSERT_EQ(subscribe(maya, "overview")["t"], "snapshot");

  Json payload = lead_payload("Zephyr Robotics");
  payload["website"] = "https://zephyr-robotics.example";
  dana.send(submit_frame("submit-1", payload));
  const Json ack = dana.expect();
  ASSERT_EQ(ack["t"], "ack") << ack.dump();
  EXPECT_EQ(ack["id"], "submit-1");
  const std::string lead_id = ack["result"]["lead_id"];
  EXPECT_EQ(lead_id.size(), 32u);

  const Json ev = leo.expect();
  EXPECT_EQ(ev["t"], "event");
  EXPECT_EQ(ev["room"], "overview");
  EXPECT_EQ(ev["type"], "lead.submitted");
  EXPECT_EQ(ev["seq"], leo_snap["seq"].get<int64_t>() + 1);
  EXPECT_EQ(ev["data"]["lead"]["id"], lead_id);
  EXPECT_EQ(ev["data"]["lead"]["company"], "Zephyr Robotics");
  EXPECT_EQ(ev["data"]["lead"]["stage"], "submitted");

  const Json vendor_ev = priya.expect();
  EXPECT_EQ(vendor_ev["t"], "event");
  EXPECT_EQ(vendor_ev["seq"], priya_snap["seq"].get<int64_t>() + 1);
  EXPECT_EQ(vendor_ev["data"]["lead"]["id"], lead_id);

  // Blue Harbor must not hear of Acme's lead.
  EXPECT_EQ(maya.next(500ms), std::nullopt);

  // A fresh snapshot counts the lead once.
  WsClient later(port());
  log_in(later, kLeo);
  const Json s = subscribe(later, "overview");
  EXPECT_EQ(s["seq"], ev["seq"]);
  EXPECT_EQ(s["state"]["leads_submitted"], 9);
  EXPECT_EQ(s["state"]["leads_open"], 6);
  EXPECT_EQ(s["state"]["recent_leads"][0]["company"], "Zephyr Robotics");
  // Everything Dana typed is kept: the Leads room, built from the database, has the web address.
  const Json leads = subscribe(later, "leads");
  int found = 0;
  for (const Json& l : leads["state"]["leads"]) {
    if (l["id"] != lead_id) continue;
    ++found;
    EXPECT_EQ(l["website"], "https://zephyr-robotics.example") << l.dump();
    EXPECT_EQ(l["phone"], "+49 30 1234567");
  }
  EXPECT_EQ(found, 1);
}

TEST_F(LeadSubmitTest, ResendingTheSameCommandIdGivesTheSameAckAndNoSecondLead) {
  WsClient dana(port());
  log_in(dana, kDana);
  const Json before = subscribe(dana, "overview");
  dana.send(submit_frame("same-id", lead_payload("Once Only GmbH")));
  const Json first = dana.expect();
  ASSERT_EQ(first["t"], "ack");
  EXPECT_EQ(dana.expect()["t"], "event");  // our own subscription sees it too

  dana.send(submit_frame("same-id", lead_payload("Once Only GmbH")));
  EXPECT_EQ(dana.expect(), first);
  EXPECT_EQ(dana.next(300ms), std::nullopt);  // no second event

  // Also after a reconnect (the usual reason for a resend).
  WsClient again(port());
  log_in(again, kDana);
  again.send(submit_frame("same-id", lead_payload("Once Only GmbH")));
  EXPECT_EQ(again.expect(), first);
  const Json after = subscribe(again, "overview");
  EXPECT_EQ(after["state"]["leads_submitted"], before["state"]["leads_submitted"].get<int>() + 1);
  EXPECT_EQ(after["seq"], before["seq"].get<int64_t>() + 1);
}

TEST_F(LeadSubmitTest, ValidationErrorsNameTheFields) {
  WsClient leo(port());
  log_in(leo, kLeo);
  Json payload = lead_payload("");
  payload["email"] = "not-an-email";
  leo.send(submit_frame("bad-1", payload));
  const Json e = leo.expect();
  EXPECT_EQ(e["code"], "validation");
  EXPECT_EQ(e["id"], "bad-1");
  std::vector<std::string> fields;
  for (const Json& f : e["fields"]) fields.push_back(f["field"]);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "company"), fields.end()) << e.dump();
  EXPECT_NE(std::find(fields.begin(), fields.end(), "email"), fields.end()) << e.dump();

  Json wrong_type = lead_payload("Typed Wrong Ltd");
  wrong_type["value_minor"] = "lots";
  leo.send(submit_frame("bad-2", wrong_type));
  const Json e2 = leo.expect();
  EXPECT_EQ(e2["code"], "validation");
  EXPECT_EQ(e2["fields"][0]["field"], "value_minor");

  // Nothing was stored.
  EXPECT_EQ(subscribe(leo, "overview")["state"]["leads_submitted"], 8);
}

TEST_F(LeadSubmitTest, VendorStaffCannotSubmitLeads) {
  WsClient priya(port());
  log_in(priya, kPriya);
  priya.send(submit_frame("v-1", lead_payload("Vendor Own Lead")));
  const Json e = priya.expect();
  EXPECT_EQ(e["code"], "forbidden");
  EXPECT_EQ(e["id"], "v-1");
}

TEST_F(LeadSubmitTest, ResubscribingWithAfterReplaysMissedEvents) {
  std::string token;
  int64_t seq = 0;
  {
    WsClient leo(port());
    token = log_in(leo, kLeo)["token"];
    seq = subscribe(leo, "overview")["seq"];
  }
  WsClient dana(port());
  log_in(dana, kDana);
  for (const char* id : {"missed-1", "missed-2"}) {
    dana.send(submit_frame(id, lead_payload(std::string("Missed ") + id)));
    ASSERT_EQ(dana.expect()["t"], "ack");
  }

  WsClient leo(port());
  leo.send({{"t", "resume"}, {"v", kProtocolVersion}, {"token", token}});
  ASSERT_EQ(leo.expect()["t"], "welcome");
  leo.send({{"t", "sub"}, {"room", "overview"}, {"after", seq}});
  const Json first = leo.expect();
  const Json second = leo.expect();
  EXPECT_EQ(first["t"], "event") << first.dump();
  EXPECT_EQ(first["seq"], seq + 1);
  EXPECT_EQ(first["data"]["lead"]["company"], "Missed missed-1");
  EXPECT_EQ(second["seq"], seq + 2);
  EXPECT_EQ(second["data"]["lead"]["company"], "Missed missed-2");
  // The replay says where it ends; nothing else follows.
  EXPECT_EQ(leo.expect(), Json({{"t", "caught_up"}, {"room", "overview"}, {"seq", seq + 2}}));
  EXPECT_EQ(leo.next(300ms), std::nullopt);

  // Live events follow the replay without a gap.
  dana.send(submit_frame("live-1", lead_payload("Live After Replay")));
  ASSERT_EQ(dana.expect()["t"], "ack");
  EXPECT_EQ(leo.expect()["seq"], seq + 3);

  // Up to date: nothing to replay, and the server says so. From the future: a fresh snapshot.
  WsClient check(port());
  check.send({{"t", "resume"}, {"v", kProtocolVersion}, {"token", token}});
  ASSERT_EQ(check.expect()["t"], "welcome");
  check.send({{"t", "sub"}, {"room", "overview"}, {"after", seq + 3}});
  EXPECT_EQ(check.expect(), Json({{"t", "caught_up"}, {"room", "overview"}, {"seq", seq + 3}}));
  EXPECT_EQ(check.next(300ms), std::nullopt);
  check.send({{"t", "sub"}, {"room", "overview"}, {"after", seq + 100}});
  const Json snap = check.expect();
  EXPECT_EQ(snap["t"], "snapshot");
  EXPECT_EQ(snap["seq"], seq + 3);
}

}  // namespace
}  // namespace portal::testing

// The content rooms end to end on a real server with real WebSocket clients: Resources, Brand
// guidelines, Contacts, Custom rooms, Cases and the knowledge base. Each command works for the
// right role and is forbidden or not found for the others; a partner of organisation B never
// receives a frame or a search hit about A's case, contact or a resource targeted at A (checked
// on the wire: a sentinel command's ack is the next frame B gets); events reach subscribers
// live; an idempotent resend returns the first result and publishes nothing.
#include "support/portal_fixture.h"

namespace portal::testing {
namespace {

class ContentTest : public PortalTest {};

constexpr const char* kAlex = "alex.morgan@northwind.example";  // vendor admin
constexpr const char* kSam = "sam.lee@northwind.example";       // support staff

Json cmd(const std::string& id, const std::string& type, const Json& payload) {
  return {{"t", "cmd"}, {"id", id}, {"type", type}, {"payload", payload}};
}

// Sends a command and returns its answer; every other frame before it goes to `skipped`.
Json run(WsClient& ws, const std::string& id, const std::string& type, const Json& payload,
         std::vector<Json>* skipped = nullptr) {
  ws.send(cmd(id, type, payload));
  for (;;) {
    Json f = ws.expect();
    if (f.value("id", "") == id) return f;
    if (skipped != nullptr) skipped->push_back(f);
  }
}

// Asserts that `ws` has received nothing: a search sent now is answered by the very next frame.
void expect_nothing_received(WsClient& ws, const std::string& sentinel_id) {
  ws.send(cmd(sentinel_id, "kb.search", {{"query", "sentinel"}}));
  const Json f = ws.expect();
  EXPECT_EQ(f.value("id", ""), sentinel_id) << "unexpected frame: " << f.dump();
  EXPECT_EQ(f.value("t", ""), "ack") << f.dump();
}

Json next_event(WsClient& ws, const std::string& room) {
  Json e = ws.expect();
  EXPECT_EQ(e["t"], "event") << e.dump();
  EXPECT_EQ(e["room"], room) << e.dump();
  return e;
}

const Json* find_by(const Json& list, const char* field, const std::string& value) {
  for (const Json& j : list)
    if (j.value(field, "") == value) return &j;
  return nullptr;
}

// A logged-in connection holding a room's snapshot.
struct Watcher {
  WsClient ws;
  Json welcome;
  Json snapshot;
  Watcher(uint16_t port, const char* email, const std::string& room) : ws(port) {
    welcome = log_in(ws, email);
    snapshot = subscribe(ws, room);
    EXPECT_EQ(snapshot["t"], "snapshot") << snapshot.dump();
  }
  const Json& state() const { return snapshot["state"]; }
};

Json resource_payload(const std::string& title, const Json& audience) {
  return {{"category", "sales_tool"},
          {"title", title},
          {"description", "Talk track and objection handling."},
          {"file_id", "file-0001"},
          {"tags", {"sales"}},
          {"audience", audience}};
}

// [SECTION] Snapshots

TEST_F(ContentTest, DemoSnapshotsHoldOnlyWhatEachPartnerMaySee) {
  Watcher dana(port(), kDana, "resources");
  Watcher maya(port(), kMaya, "resources");
  Watcher priya(port(), kPriya, "resources");
  EXPECT_EQ(priya.state()["resources"].size(), 6u);
  // Acme (a reseller) sees the resources for all, for resellers and its own plan.
  EXPECT_NE(find_by(dana.state()["resources"], "title", "Acme: joint business plan 2026"), nullptr);
  EXPECT_NE(find_by(dana.state()["resources"], "title",
                    "Competitive battlecard: Northwind vs. legacy on-premise"),
            nullptr);
  EXPECT_EQ(find_by(maya.state()["resources"], "title", "Acme: joint business plan 2026"), nullptr);
  for (const Json& r : maya.state()["resources"])
    EXPECT_NE(r["audience"].value("id", ""), dana.welcome["user"].value("org_id", "?"));

  Watcher dana_cases(port(), kDana, "cases");
  Watcher maya_cases(port(), kMaya, "cases");
  Watcher sam_cases(port(), kSam, "cases");
  EXPECT_EQ(dana_cases.state()["cases"].size(), 2u);
  EXPECT_EQ(maya_cases.state()["cases"].size(), 1u);
  EXPECT_EQ(sam_cases.state()["cases"].size(), 3u);
  EXPECT_EQ(dana_cases.state()["articles"].size(), 3u);  // the draft is the vendor's only
  EXPECT_EQ(sam_cases.state()["articles"].size(), 4u);
  const Json* sso = find_by(dana_cases.state()["cases"], "subject",
                            "SSO login fails for one customer tenant");
  ASSERT_NE(sso, nullptr);
  EXPECT_EQ((*sso)["comments"].size(), 1u);
  EXPECT_EQ((*sso)["comments"][0]["from_vendor"], true);

  Watcher dana_contacts(port(), kDana, "contacts");
  Watcher maya_contacts(port(), kMaya, "contacts");
  EXPECT_EQ(dana_contacts.state()["contacts"].size(), 5u);  // 3 of the vendor, 2 of Acme
  EXPECT_EQ(maya_contacts.state()["contacts"].size(), 4u);
  EXPECT_EQ(find_by(maya_contacts.state()["contacts"], "name", "Dana Fischer"), nullptr);
  EXPECT_EQ(dana_contacts.state()["contacts"][0]["org_id"],
            dana_contacts.state()["vendor_org"]);  // the vendor's team first

  Watcher dana_custom(port(), kDana, "custom");
  Watcher maya_custom(port(), kMaya, "custom");
  Watcher alex_custom(port(), kAlex, "custom");
  EXPECT_EQ(dana_custom.state()["rooms"].size(), 2u);
  EXPECT_EQ(maya_custom.state()["rooms"].size(), 1u);
  EXPECT_EQ(alex_custom.state()["rooms"].size(), 3u);  // the unpublished draft too

  Watcher dana_brand(port(), kDana, "brand");
  Watcher maya_brand(port(), kMaya, "brand");
  EXPECT_EQ(dana_brand.state()["assets"].size(), 6u);
  EXPECT_EQ(maya_brand.state()["assets"].size(), 5u);
}

// [SECTION] Resources and brand assets

TEST_F(ContentTest, AResourceForOnePartnerReachesItAndTheVendorButNoOtherPartner) {
  Watcher dana(port(), kDana, "resources");
  Watcher maya(port(), kMaya, "resources");
  Watcher priya(port(), kPriya, "resources");
  const std::string acme = dana.welcome["user"]["org_id"];
  const int64_t dana_seq = dana.snapshot["seq"];

  const Json payload = resource_payload("Acme renewal playbook", {{"kind", "partner"}, {"id", acme}});
  const Json ack = run(priya.ws, "res-1", "resource.publish", payload);
  ASSERT_EQ(ack["t"], "ack") << ack.dump();
  const std::string id = ack["result"]["id"];
  EXPECT_GE(id.size(), 16u);  // unguessable

  const Json e = next_event(dana.ws, "resources");
  EXPECT_EQ(e["type"], "resource.published");
  EXPECT_EQ(e["seq"], dana_seq + 1);
  EXPECT_EQ(e["data"]["resource"]["title"], "Acme renewal playbook");
  EXPECT_EQ(next_event(priya.ws, "resources")["data"]["resource"]["id"], id);
  expect_nothing_received(maya.ws, "sentinel-1");

  // Maya's search does not find it; Dana's does.
  const Json maya_hits = run(maya.ws, "s-1", "resource.search", {{"query", "renewal playbook"}});
  ASSERT_EQ(maya_hits["t"], "ack") << maya_hits.dump();
  EXPECT_TRUE(maya_hits["result"]["resources"].empty()) << maya_hits.dump();
  const Json dana_hits = run(dana.ws, "s-2", "resource.search", {{"query", "renewal"}});
  ASSERT_EQ(dana_hits["result"]["resources"].size(), 1u) << dana_hits.dump();
  EXPECT_EQ(dana_hits["result"]["resources"][0]["id"], id);

  // The same command again: the first result, and nothing published twice.
  const Json again = run(priya.ws, "res-1", "resource.publish", payload);
  EXPECT_EQ(again["result"], ack["result"]);
  expect_nothing_received(dana.ws, "sentinel-2");

  // Widened to every partner: Maya gets it now; archived: both lose it.
  Json update = resource_payload("Renewal playbook", {{"kind", "all"}});
  update["id"] = id;
  ASSERT_EQ(run(priya.ws, "res-2", "resource.update", update)["t"], "ack");
  EXPECT_EQ(next_event(maya.ws, "resources")["type"], "resource.updated");
  EXPECT_EQ(next_event(dana.ws, "resources")["data"]["resource"]["title"], "Renewal playbook");
  ASSERT_EQ(run(priya.ws, "res-3", "resource.archive", {{"id", id}})["t"], "ack");
  for (WsClient* ws : {&dana.ws, &maya.ws}) {
    const Json removed = next_event(*ws, "resources");
    EXPECT_EQ(removed["type"], "resource.removed");
    EXPECT_EQ(removed["data"]["id"], id);
  }
  const Json gone = run(dana.ws, "s-3", "resource.search", {{"query", "renewal"}});
  EXPECT_TRUE(gone["result"]["resources"].empty());
}

TEST_F(ContentTest, PartnersCannotPublishAndBadFieldsAreNamed) {
  WsClient dana(port());
  log_in(dana, kDana);
  const Json refused = run(dana, "p-1", "resource.publish",
                           resource_payload("Mine", {{"kind", "all"}}));
  EXPECT_EQ(refused["t"], "error");
  EXPECT_EQ(refused["code"], "forbidden");
  EXPECT_EQ(run(dana, "p-2", "brand.publish", resource_payload("Logo", {{"kind", "all"}}))["code"],
            "forbidden");
  EXPECT_EQ(run(dana, "p-3", "kb.save", {{"title", "Tip"}, {"body", "Text"}})["code"], "forbidden");

  WsClient priya(port());
  log_in(priya, kPriya);
  Json bad = resource_payload("", {{"kind", "partner"}, {"id", "no-such-org"}});
  bad["category"] = "poster";
  const Json invalid = run(priya, "p-4", "resource.publish", bad);
  EXPECT_EQ(invalid["code"], "validation") << invalid.dump();
  EXPECT_EQ(invalid["fields"][0]["field"], "audience") << invalid.dump();
  Json bad_category = resource_payload("Poster", {{"kind", "all"}});
  bad_category["category"] = "poster";
  const Json category = run(priya, "p-5", "resource.publish", bad_category);
  EXPECT_EQ(category["fields"][0]["field"], "category") << category.dump();
  const Json empty_query = run(priya, "p-6", "resource.search", {{"query", "  "}});
  EXPECT_EQ(empty_query["code"], "validation");
  // A brand asset for every partner reaches a partner's Brand room live.
  WsClient maya(port());
  log_in(maya, kMaya);
  ASSERT_EQ(subscribe(maya, "brand")["t"], "snapshot");
  Json logo = resource_payload("Northwind logo, monochrome", {{"kind", "all"}});
  logo["category"] = "logo";
  ASSERT_EQ(run(priya, "p-7", "brand.publish", logo)["t"], "ack");
  const Json e = next_event(maya, "brand");
  EXPECT_EQ(e["type"], "brand.published");
  EXPECT_EQ(e["data"]["asset"]["category"], "logo");
}

// [SECTION] Contacts

TEST_F(ContentTest, PartnerAdminsEditTheirOwnContactsOnly) {
  Watcher dana(port(), kDana, "contacts");
  Watcher maya(port(), kMaya, "contacts");
  Watcher priya(port(), kPriya, "contacts");
  const Json contact = {{"name", "Jana Novak"},
                        {"role", "Marketing lead"},
                        {"contact_for", "Co-marketing and events"},
                        {"email", "jana.novak@acme.example"},
                        {"preferred", "email"}};
  const Json ack = run(dana.ws, "c-1", "contact.save", contact);
  ASSERT_EQ(ack["t"], "ack") << ack.dump();
  EXPECT_EQ(next_event(dana.ws, "contacts")["data"]["contact"]["name"], "Jana Novak");
  EXPECT_EQ(next_event(priya.ws, "contacts")["type"], "contact.saved");
  expect_nothing_received(maya.ws, "sentinel-c1");

  WsClient leo(port());
  log_in(leo, kLeo);
  EXPECT_EQ(run(leo, "c-2", "contact.save", contact)["code"], "forbidden");
  EXPECT_EQ(run(priya.ws, "c-3", "contact.save", contact)["code"], "forbidden");

  // Maya cannot change or remove Acme's contact, nor the vendor's.
  const std::string jana = ack["result"]["id"];
  Json takeover = contact;
  takeover["id"] = jana;
  EXPECT_EQ(run(maya.ws, "c-4", "contact.save", takeover)["code"], "not_found");
  EXPECT_EQ(run(maya.ws, "c-5", "contact.remove", {{"id", jana}})["code"], "not_found");
  const Json* priya_contact = find_by(dana.state()["contacts"], "name", "Priya Shah");
  ASSERT_NE(priya_contact, nullptr);
  EXPECT_EQ(run(maya.ws, "c-6", "contact.remove", {{"id", (*priya_contact)["id"]}})["code"],
            "forbidden");

  // The vendor admin's change to the vendor's team reaches every partner.
  WsClient alex(port());
  log_in(alex, kAlex);
  Json moved = *priya_contact;
  moved["role"] = "Senior partner manager";
  const Json vendor_ack = run(alex, "c-7", "contact.save", moved);
  ASSERT_EQ(vendor_ack["t"], "ack") << vendor_ack.dump();
  for (WsClient* ws : {&dana.ws, &maya.ws, &priya.ws}) {
    const Json e = next_event(*ws, "contacts");
    EXPECT_EQ(e["data"]["contact"]["role"], "Senior partner manager");
  }
  // Bad fields are named one by one.
  const Json invalid = run(dana.ws, "c-8", "contact.save",
                           {{"name", "X"}, {"role", "Y"}, {"email", "nope"}, {"preferred", "fax"}});
  EXPECT_EQ(invalid["code"], "validation");
  EXPECT_EQ(invalid["fields"][0]["field"], "preferred") << invalid.dump();
}

// [SECTION] Cases

TEST_F(ContentTest, ACaseIsOpenedWorkedAndSeenOnlyByItsPartnerAndTheVendor) {
  Watcher leo(port(), kLeo, "cases");
  Watcher maya(port(), kMaya, "cases");
  Watcher sam(port(), kSam, "cases");
  const Json open = {{"subject", "Invoices show the wrong VAT rate"},
                     {"description", "Since February, invoices for Austrian customers use 19%."},
                     {"priority", "high"}};
  const Json ack = run(leo.ws, "k-1", "case.open", open);
  ASSERT_EQ(ack["t"], "ack") << ack.dump();
  const std::string case_id = ack["result"]["id"];
  EXPECT_EQ(next_event(leo.ws, "cases")["data"]["case"]["status"], "open");
  EXPECT_EQ(next_event(sam.ws, "cases")["data"]["case"]["subject"],
            "Invoices show the wrong VAT rate");
  expect_nothing_received(maya.ws, "sentinel-k1");

  // Resent after a lost ack: the same case, opened once.
  EXPECT_EQ(run(leo.ws, "k-1", "case.open", open)["result"]["id"], case_id);
  expect_nothing_received(sam.ws, "sentinel-k2");

  // Another partner learns nothing; a partner user may not triage; staff can.
  EXPECT_EQ(run(maya.ws, "k-2", "case.comment", {{"case_id", case_id}, {"body", "Hi"}})["code"],
            "not_found");
  EXPECT_EQ(run(maya.ws, "k-3", "case.update", {{"case_id", case_id}, {"status", "closed"}})["code"],
            "not_found");
  EXPECT_EQ(run(leo.ws, "k-4", "case.update", {{"case_id", case_id}, {"status", "closed"}})["code"],
            "forbidden");
  EXPECT_EQ(run(sam.ws, "k-5", "case.open", open)["code"], "forbidden");

  const std::string sam_id = sam.welcome["user"]["id"];
  const Json triage = run(sam.ws, "k-6", "case.update",
                          {{"case_id", case_id}, {"status", "in_progress"}, {"assignee_id", sam_id}});
  ASSERT_EQ(triage["t"], "ack") << triage.dump();
  const Json updated = next_event(leo.ws, "cases");
  EXPECT_EQ(updated["type"], "case.updated");
  EXPECT_EQ(updated["data"]["case"]["assignee_id"], sam_id);
  next_event(sam.ws, "cases");
  // Only the vendor's staff can be assignees.
  const std::string leo_id = leo.welcome["user"]["id"];
  const Json wrong = run(sam.ws, "k-7", "case.update", {{"case_id", case_id}, {"assignee_id", leo_id}});
  EXPECT_EQ(wrong["fields"][0]["field"], "assignee_id") << wrong.dump();

  ASSERT_EQ(run(sam.ws, "k-8", "case.comment",
                {{"case_id", case_id}, {"body", "Fixed in the next billing run."}})["t"],
            "ack");
  const Json reply = next_event(leo.ws, "cases");
  EXPECT_EQ(reply["type"], "case.commented");
  EXPECT_EQ(reply["data"]["comment"]["from_vendor"], true);
  EXPECT_EQ(reply["data"]["comment"]["author_name"], sam.welcome["user"]["name"]);
  next_event(sam.ws, "cases");
  ASSERT_EQ(run(leo.ws, "k-9", "case.comment", {{"case_id", case_id}, {"body", "Thanks!"}})["t"],
            "ack");
  EXPECT_EQ(run(leo.ws, "k-10", "case.comment", {{"case_id", case_id}, {"body", ""}})["code"],
            "validation");
  expect_nothing_received(maya.ws, "sentinel-k3");

  // A fresh snapshot has the case with both comments, most recently updated first.
  WsClient later(port());
  log_in(later, kDana);
  const Json state = subscribe(later, "cases")["state"];
  ASSERT_EQ(state["cases"][0]["id"], case_id);
  EXPECT_EQ(state["cases"][0]["comments"].size(), 2u);
  EXPECT_EQ(state["cases"][0]["status"], "in_progress");
}

// [SECTION] Knowledge base

TEST_F(ContentTest, KnowledgeBaseDraftsStayWithTheVendorUntilPublished) {
  Watcher dana(port(), kDana, "cases");
  Watcher sam(port(), kSam, "cases");
  const Json hidden = run(dana.ws, "q-1", "kb.search", {{"query", "private offer"}});
  ASSERT_EQ(hidden["t"], "ack");
  EXPECT_TRUE(hidden["result"]["articles"].empty()) << hidden.dump();
  const Json staff = run(sam.ws, "q-2", "kb.search", {{"query", "private offer"}});
  ASSERT_EQ(staff["result"]["articles"].size(), 1u) << staff.dump();

  Json article = {{"title", "Exporting commission statements"},
                  {"body", "Partner program > Commission > Export as CSV."},
                  {"category", "Billing"},
                  {"published", false}};
  const Json ack = run(sam.ws, "q-3", "kb.save", article);
  ASSERT_EQ(ack["t"], "ack") << ack.dump();
  EXPECT_EQ(next_event(sam.ws, "cases")["type"], "kb.saved");
  expect_nothing_received(dana.ws, "sentinel-q1");

  article["id"] = ack["result"]["id"];
  article["published"] = true;
  ASSERT_EQ(run(sam.ws, "q-4", "kb.save", article)["t"], "ack");
  EXPECT_EQ(next_event(dana.ws, "cases")["data"]["article"]["title"],
            "Exporting commission statements");
  const Json found = run(dana.ws, "q-5", "kb.search", {{"query", "commission export"}});
  EXPECT_EQ(found["result"]["articles"].size(), 1u) << found.dump();
}

// [SECTION] Custom rooms

TEST_F(ContentTest, CustomRoomsReachTheirPartnershipsOnly) {
  Watcher dana(port(), kDana, "custom");
  Watcher maya(port(), kMaya, "custom");
  Watcher alex(port(), kAlex, "custom");
  const Json* retail = find_by(alex.state()["rooms"], "slug", "retail-campaigns");
  ASSERT_NE(retail, nullptr);
  const Json acme_partnerships = (*retail)["partnership_ids"];
  ASSERT_EQ(acme_partnerships.size(), 1u);

  const Json room = {{"title", "Acme support hub"},
                     {"slug", "acme-support"},
                     {"template", "support_hub"},
                     {"partnership_ids", acme_partnerships},
                     {"published", true}};
  WsClient priya(port());
  log_in(priya, kPriya);
  EXPECT_EQ(run(priya, "r-1", "custom_room.save", room)["code"], "forbidden");
  const Json ack = run(alex.ws, "r-2", "custom_room.save", room);
  ASSERT_EQ(ack["t"], "ack") << ack.dump();
  const Json e = next_event(dana.ws, "custom");
  EXPECT_EQ(e["type"], "custom_room.saved");
  EXPECT_FALSE(e["data"]["room"]["sections"].empty());  // the template's sections
  next_event(alex.ws, "custom");
  expect_nothing_received(maya.ws, "sentinel-r1");

  Json taken = room;
  taken["title"] = "Another";
  const Json conflict = run(alex.ws, "r-3", "custom_room.save", taken);
  EXPECT_EQ(conflict["code"], "conflict") << conflict.dump();

  Json unpublished = room;
  unpublished["id"] = ack["result"]["id"];
  unpublished["published"] = false;
  ASSERT_EQ(run(alex.ws, "r-4", "custom_room.save", unpublished)["t"], "ack");
  const Json removed = next_event(dana.ws, "custom");
  EXPECT_EQ(removed["type"], "custom_room.removed");
  EXPECT_EQ(removed["data"]["id"], ack["result"]["id"]);
}

}  // namespace
}  // namespace portal::testing

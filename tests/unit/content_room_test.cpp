// The content rooms' states: snapshots survive their codec, each event changes a state the way
// the server's snapshot after the same change looks, and malformed events or repeats change
// nothing. Also the audience rule and the command payload readers.
#include <gtest/gtest.h>

#include "portal/protocol/content_commands.h"
#include "portal/protocol/model_codecs.h"
#include "portal/rooms/content.h"

namespace portal {
namespace {

ResourceEntry resource(const Id& id, UnixTime at, Audience audience = {}) {
  Resource r;
  r.id = id;
  r.category = ResourceCategory::SalesTool;
  r.title = "Battlecard " + id;
  r.description = "How we win against the incumbent.";
  r.file_id = "file-" + id;
  r.tags = {"sales", "competition"};
  r.published_at = r.updated_at = at;
  return {r, audience};
}

TEST(ContentRooms, AudienceReachesExactlyItsPartners) {
  const Audience all{AudienceKind::AllPartners, {}};
  const Audience resellers{AudienceKind::PartnerType, "type-reseller"};
  const Audience acme{AudienceKind::Partner, "org-acme"};
  EXPECT_TRUE(reaches(all, "org-acme", ""));
  EXPECT_TRUE(reaches(resellers, "org-acme", "type-reseller"));
  EXPECT_FALSE(reaches(resellers, "org-blue", "type-consultant"));
  EXPECT_FALSE(reaches(resellers, "org-new", ""));  // no partnership yet, no type
  EXPECT_TRUE(reaches(acme, "org-acme", "type-reseller"));
  EXPECT_FALSE(reaches(acme, "org-blue", "type-reseller"));
  EXPECT_EQ(audience_from_json(to_json(resellers)), resellers);
  EXPECT_EQ(audience_from_json(Json{{"kind", "partner"}}), std::nullopt);  // no id
  EXPECT_EQ(audience_from_json(Json{{"kind", "everyone"}}), std::nullopt);
}

TEST(ContentRooms, ResourcesApplyKeepsNewestFirstAndRemoves) {
  ResourcesState s = make_resources_state({resource("a", 100), resource("b", 300)});
  EXPECT_EQ(s.resources[0].resource.id, "b");
  ASSERT_TRUE(apply(s, "resource.published", {{"resource", to_json(resource("c", 200))}}));
  EXPECT_EQ(s, make_resources_state({resource("a", 100), resource("b", 300),
                                     resource("c", 200)}));
  EXPECT_EQ(s.resources[1].resource.id, "c");
  // A repeat changes nothing.
  EXPECT_FALSE(apply(s, "resource.published", {{"resource", to_json(resource("c", 200))}}));
  ResourceEntry changed = resource("a", 100, {AudienceKind::Partner, "org-acme"});
  changed.resource.title = "Battlecard 2026";
  ASSERT_TRUE(apply(s, "resource.updated", {{"resource", to_json(changed)}}));
  EXPECT_EQ(find_resource(s, "a")->resource.title, "Battlecard 2026");
  EXPECT_EQ(find_resource(s, "a")->audience.id, "org-acme");
  ASSERT_TRUE(apply(s, "resource.removed", {{"id", "b"}}));
  EXPECT_EQ(find_resource(s, "b"), nullptr);
  EXPECT_FALSE(apply(s, "resource.removed", {{"id", "b"}}));
  EXPECT_FALSE(apply(s, "resource.published", {{"resource", {{"id", "x"}}}}));
  EXPECT_FALSE(apply(s, "brand.published", {{"asset", to_json(resource("d", 1))}}));
  EXPECT_EQ(resources_from_json(to_json(s)), s);
}

TEST(ContentRooms, BrandAssetsRoundTripAndApply) {
  BrandAsset logo;
  logo.id = "logo";
  logo.category = BrandCategory::Logo;
  logo.title = "Northwind logo, colour";
  logo.file_id = "file-logo";
  logo.published_at = logo.updated_at = 50;
  BrandState s;
  ASSERT_TRUE(apply(s, "brand.published", {{"asset", to_json(BrandEntry{logo, {}})}}));
  EXPECT_EQ(brand_from_json(to_json(s)), s);
  ASSERT_TRUE(apply(s, "brand.removed", {{"id", "logo"}}));
  EXPECT_TRUE(s.assets.empty());
}

Contact contact(const Id& id, const Id& org, const std::string& name) {
  Contact c;
  c.id = id;
  c.org_id = org;
  c.name = name;
  c.role = "Partner manager";
  c.email = id + "@example.com";
  return c;
}

TEST(ContentRooms, ContactsListTheVendorsTeamFirstThenByName) {
  ContactsState s = make_contacts_state(
      "org-v", {contact("1", "org-acme", "Anna"), contact("2", "org-v", "Zoe")});
  EXPECT_EQ(s.contacts[0].id, "2");  // the vendor's team first
  ASSERT_TRUE(apply(s, "contact.saved", {{"contact", to_json(contact("3", "org-v", "Ben"))}}));
  EXPECT_EQ(s.contacts[0].id, "3");
  Contact renamed = contact("1", "org-acme", "Anna Berg");
  ASSERT_TRUE(apply(s, "contact.saved", {{"contact", to_json(renamed)}}));
  EXPECT_EQ(find_contact(s, "1")->name, "Anna Berg");
  ASSERT_TRUE(apply(s, "contact.removed", {{"id", "2"}}));
  EXPECT_EQ(s, make_contacts_state("org-v", {renamed, contact("3", "org-v", "Ben")}));
  EXPECT_EQ(contacts_from_json(to_json(s)), s);
}

TEST(ContentRooms, CustomRoomsByTitle) {
  CustomRoom r;
  r.id = "r1";
  r.title = "Training portal";
  r.slug = "training-portal";
  r.kind = RoomTemplate::TrainingPortal;
  r.sections = template_sections(r.kind);
  r.published = true;
  CustomRoomsState s;
  ASSERT_TRUE(apply(s, "custom_room.saved", {{"room", to_json(r)}}));
  CustomRoom c = r;
  c.id = "r0";
  c.title = "Campaign centre";
  c.slug = "campaigns";
  ASSERT_TRUE(apply(s, "custom_room.saved", {{"room", to_json(c)}}));
  EXPECT_EQ(s.rooms[0].id, "r0");
  EXPECT_EQ(custom_rooms_from_json(to_json(s)), s);
  ASSERT_TRUE(apply(s, "custom_room.removed", {{"id", "r1"}}));
  EXPECT_EQ(s.rooms.size(), 1u);
}

SupportCase support_case(const Id& id, UnixTime at) {
  SupportCase c;
  c.id = id;
  c.org_id = "org-acme";
  c.subject = "SSO login fails";
  c.description = "Since Monday our users cannot log in with SSO.";
  c.opened_by = "u1";
  c.opened_at = c.updated_at = at;
  return c;
}

TEST(ContentRooms, CasesOpenCommentAndUpdate) {
  CasesState s;
  ASSERT_TRUE(apply(s, "case.opened", {{"case", to_json(support_case("c1", 100))}}));
  ASSERT_TRUE(apply(s, "case.opened", {{"case", to_json(support_case("c2", 200))}}));
  EXPECT_FALSE(apply(s, "case.opened", {{"case", to_json(support_case("c2", 200))}}));
  EXPECT_EQ(s.cases[0].support_case.id, "c2");
  const CaseComment reply{"m1", "c1", "u9", "Sam Lee", true, "Looking into it.", 300};
  ASSERT_TRUE(apply(s, "case.commented", {{"comment", to_json(reply)}}));
  EXPECT_FALSE(apply(s, "case.commented", {{"comment", to_json(reply)}}));  // a repeat
  EXPECT_EQ(s.cases[0].support_case.id, "c1");  // most recently updated first
  EXPECT_EQ(s.cases[0].comments.size(), 1u);
  SupportCase resolved = s.cases[0].support_case;
  resolved.status = CaseStatus::Resolved;
  resolved.resolved_at = resolved.updated_at = 400;
  ASSERT_TRUE(apply(s, "case.updated", {{"case", to_json(resolved)}}));
  EXPECT_EQ(find_case(s, "c1")->support_case.status, CaseStatus::Resolved);
  EXPECT_FALSE(apply(s, "case.updated", {{"case", to_json(support_case("nope", 1))}}));
  const CaseComment stray{"m2", "nope", "u9", "Sam Lee", true, "?", 500};
  EXPECT_FALSE(apply(s, "case.commented", {{"comment", to_json(stray)}}));
  EXPECT_EQ(cases_from_json(to_json(s)), s);
}

TEST(ContentRooms, KnowledgeBaseArticlesSavedAndRemoved) {
  KbArticle a;
  a.id = "kb1";
  a.title = "Configuring SSO";
  a.body = "Open Settings, then Identity.";
  a.published = true;
  CasesState s;
  ASSERT_TRUE(apply(s, "kb.saved", {{"article", to_json(a)}}));
  EXPECT_FALSE(apply(s, "kb.saved", {{"article", to_json(a)}}));
  a.title = "Configuring single sign-on";
  ASSERT_TRUE(apply(s, "kb.saved", {{"article", to_json(a)}}));
  EXPECT_EQ(find_article(s, "kb1")->title, "Configuring single sign-on");
  ASSERT_TRUE(apply(s, "kb.removed", {{"id", "kb1"}}));
  EXPECT_EQ(find_article(s, "kb1"), nullptr);
}

TEST(ContentCommands, ReadersGiveOneErrorPerBadField) {
  auto bad = catalogue_request_from_json(
      {{"category", 5}, {"title", "Deck"}, {"tags", "x"}, {"audience", {{"kind", "all"}}}},
      false);
  ASSERT_TRUE(std::holds_alternative<std::vector<FieldError>>(bad));
  const auto& fields = std::get<std::vector<FieldError>>(bad);
  ASSERT_EQ(fields.size(), 3u);  // category mistyped, file_id missing, tags not a list
  EXPECT_EQ(fields[0].field, "category");
  EXPECT_EQ(fields[1].field, "file_id");
  EXPECT_EQ(fields[2].field, "tags");

  auto no_audience = catalogue_request_from_json(
      {{"category", "sales_tool"}, {"title", "Deck"}, {"file_id", "f1"}}, false);
  ASSERT_TRUE(std::holds_alternative<std::vector<FieldError>>(no_audience));
  EXPECT_EQ(std::get<std::vector<FieldError>>(no_audience)[0].field, "audience");

  auto update = case_update_from_json({{"case_id", "c1"}});
  ASSERT_TRUE(std::holds_alternative<std::vector<FieldError>>(update));
  auto priority = case_update_from_json({{"case_id", "c1"}, {"priority", "soon"}});
  ASSERT_TRUE(std::holds_alternative<std::vector<FieldError>>(priority));
  EXPECT_EQ(std::get<std::vector<FieldError>>(priority)[0].field, "priority");

  auto room = custom_room_request_from_json(
      {{"title", "Hub"}, {"slug", "hub"}, {"template", "support_hub"},
       {"sections", {{{"title", "FAQ"}, {"kind", "poll"}}}}});
  ASSERT_TRUE(std::holds_alternative<std::vector<FieldError>>(room));
  EXPECT_EQ(std::get<std::vector<FieldError>>(room)[0].field, "sections[0].kind");

  EXPECT_FALSE(validate_case_comment("").empty());
  EXPECT_FALSE(validate_case_comment(std::string(kMaxCaseComment + 1, 'a')).empty());
  EXPECT_TRUE(validate_case_comment("Thanks, that fixed it.").empty());
  EXPECT_TRUE(is_content_command("case.open"));
  EXPECT_FALSE(is_content_command("case.delete"));
}

}  // namespace
}  // namespace portal

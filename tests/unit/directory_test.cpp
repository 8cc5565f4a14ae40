// Contacts, custom rooms, support (cases and knowledge base) and audit (trail and notifications).
#include <gtest/gtest.h>

#include "entity_cases.h"

namespace portal {
namespace {

using testing::expect_round_trip;
using testing::expect_validation;
using testing::InvalidCase;

constexpr UnixTime kJun2026 = 1'780'272'000;

Contact mara() {
  return Contact{"ct-1",
                 "org-vendor",
                 "u-mara",
                 "Mara Lind",
                 "Partner manager",
                 "Deals, tier questions, MDF",
                 "mara.lind@vendor.example",
                 "+46 8 123 456",
                 ContactChannel::Chat};
}

CustomRoom training_portal() {
  return CustomRoom{"cr-1",
                    "Training portal",
                    "training-portal",
                    RoomTemplate::TrainingPortal,
                    template_sections(RoomTemplate::TrainingPortal),
                    {"ps-acme"},
                    true,
                    kJun2026};
}

SupportCase sso_case() {
  return SupportCase{"cs-1",
                     "org-acme",
                     "SSO login fails",
                     "Users get error 403 after login.",
                     CasePriority::High,
                     CaseStatus::Resolved,
                     "u-jonas",
                     "u-sam",
                     "c-9",
                     kJun2026,
                     kJun2026 + 3600,
                     kJun2026 + 7200};
}

KbArticle article() {
  return KbArticle{"kb-1",         "Configuring SSO", "Open Settings, then Identity ...",
                   "Integrations", {"sso", "saml"},   true,
                   "u-sam",        kJun2026};
}

TEST(CustomRooms, TemplatesAndVisibility) {
  const auto sections = template_sections(RoomTemplate::SupportHub);
  ASSERT_EQ(sections.size(), 3u);
  EXPECT_EQ(sections[1].kind, SectionKind::Faq);
  for (RoomTemplate t :
       {RoomTemplate::Blank, RoomTemplate::TrainingPortal, RoomTemplate::CampaignCentre,
        RoomTemplate::SupportHub, RoomTemplate::AnalyticsDashboard, RoomTemplate::VerticalPage}) {
    CustomRoom r = training_portal();
    r.kind = t;
    r.sections = template_sections(t);
    EXPECT_TRUE(validate_custom_room(r).empty()) << to_string(t);
  }
  CustomRoom r = training_portal();
  EXPECT_TRUE(is_shown_to(r, "ps-acme"));
  EXPECT_FALSE(is_shown_to(r, "ps-globex"));
  r.partnership_ids.clear();
  EXPECT_TRUE(is_shown_to(r, "ps-globex"));
  r.published = false;
  EXPECT_FALSE(is_shown_to(r, "ps-acme"));
}

TEST(Support, OpenStatusesAndKbSearch) {
  EXPECT_TRUE(is_open(CaseStatus::WaitingOnPartner));
  EXPECT_FALSE(is_open(CaseStatus::Resolved));
  EXPECT_TRUE(matches_search(article(), "saml identity"));
  EXPECT_TRUE(matches_search(article(), "INTEGRATIONS"));
  EXPECT_FALSE(matches_search(article(), "billing"));
  KbArticle draft = article();
  draft.published = false;
  EXPECT_FALSE(matches_search(draft, ""));
}

TEST(Notifications, UnreadPerUser) {
  const Notification ns[] = {
      {"n1", "u-jonas", NotificationKind::DealWon, "Deal won", "", "deals/d-42", 1, 0, false},
      {"n2", "u-jonas", NotificationKind::Message, "New message", "", "messages/c-1", 2, 5, false},
      {"n3", "u-dana", NotificationKind::Message, "New message", "", "messages/c-1", 3, 0, true}};
  EXPECT_EQ(unread_notifications(ns, "u-jonas"), 1);
  EXPECT_EQ(unread_notifications(ns, "u-dana"), 1);
  EXPECT_EQ(notification_kind_label(NotificationKind::TierChange), "Tier change");
}

TEST(DirectoryValidation, Contact) {
  expect_validation(
      mara(), validate_contact,
      {InvalidCase<Contact>{"no org", [](auto& c) { c.org_id = ""; }, "org_id"},
       {"bad user", [](auto& c) { c.user_id = "a b"; }, "user_id"},
       {"no name", [](auto& c) { c.name = ""; }, "name"},
       {"no role", [](auto& c) { c.role = ""; }, "role"},
       {"long contact for", [](auto& c) { c.contact_for = std::string(kMaxTitle + 1, 'x'); },
        "contact_for"},
       {"bad email", [](auto& c) { c.email = "mara"; }, "email"},
       {"bad phone", [](auto& c) { c.phone = "call me"; }, "phone"},
       {"phone preferred, none given",
        [](auto& c) {
          c.preferred = ContactChannel::Phone;
          c.phone = "";
        },
        "phone"},
       {"chat without portal user", [](auto& c) { c.user_id = ""; }, "preferred"}});
}

TEST(DirectoryValidation, CustomRoom) {
  expect_validation(training_portal(), validate_custom_room,
                    {InvalidCase<CustomRoom>{"no title", [](auto& r) { r.title = ""; }, "title"},
                     {"upper-case slug", [](auto& r) { r.slug = "Training"; }, "slug"},
                     {"empty slug", [](auto& r) { r.slug = ""; }, "slug"},
                     {"no sections", [](auto& r) { r.sections.clear(); }, "sections"},
                     {"untitled section", [](auto& r) { r.sections[1].title = ""; }, "sections"},
                     {"item twice",
                      [](auto& r) {
                        r.sections[0].item_ids = {"x", "x"};
                      },
                      "sections"},
                     {"partnership twice", [](auto& r) { r.partnership_ids.push_back("ps-acme"); },
                      "partnership_ids"},
                     {"negative date", [](auto& r) { r.updated_at = -1; }, "updated_at"}});
}

TEST(DirectoryValidation, SupportCase) {
  expect_validation(
      sso_case(), validate_support_case,
      {InvalidCase<SupportCase>{"no org", [](auto& c) { c.org_id = ""; }, "org_id"},
       {"no subject", [](auto& c) { c.subject = ""; }, "subject"},
       {"no description", [](auto& c) { c.description = ""; }, "description"},
       {"bad opener", [](auto& c) { c.opened_by = "a b"; }, "opened_by"},
       {"bad assignee", [](auto& c) { c.assignee_id = "a b"; }, "assignee_id"},
       {"bad conversation", [](auto& c) { c.conversation_id = "a b"; }, "conversation_id"},
       {"negative opened", [](auto& c) { c.opened_at = -1; }, "opened_at"},
       {"updated before opened", [](auto& c) { c.updated_at = 5; }, "updated_at"},
       {"resolved without date", [](auto& c) { c.resolved_at = 0; }, "resolved_at"},
       {"open with resolution date", [](auto& c) { c.status = CaseStatus::InProgress; },
        "resolved_at"}});
}

TEST(DirectoryValidation, KbArticle) {
  expect_validation(
      article(), validate_kb_article,
      {InvalidCase<KbArticle>{"no title", [](auto& a) { a.title = ""; }, "title"},
       {"no body", [](auto& a) { a.body = ""; }, "body"},
       {"long category", [](auto& a) { a.category = std::string(kMaxName + 1, 'c'); }, "category"},
       {"tag twice", [](auto& a) { a.tags.push_back("sso"); }, "tags"},
       {"bad author", [](auto& a) { a.author_id = "a b"; }, "author_id"},
       {"negative date", [](auto& a) { a.updated_at = -1; }, "updated_at"}});
}

TEST(DirectoryValidation, AuditEntry) {
  const AuditEntry good{"au-1",
                        kJun2026,
                        "u-admin",
                        "org-vendor",
                        "partnership.level_changed",
                        "partnership",
                        "ps-acme",
                        "Level Silver -> Gold after the Q2 review"};
  expect_validation(good, validate_audit_entry,
                    {InvalidCase<AuditEntry>{"no date", [](auto& a) { a.at = 0; }, "at"},
                     {"no actor", [](auto& a) { a.actor_id = ""; }, "actor_id"},
                     {"no actor org", [](auto& a) { a.actor_org_id = ""; }, "actor_org_id"},
                     {"bad action", [](auto& a) { a.action = "Level Changed"; }, "action"},
                     {"no target kind", [](auto& a) { a.target_kind = ""; }, "target_kind"},
                     {"bad target", [](auto& a) { a.target_id = "a b"; }, "target_id"},
                     {"no summary", [](auto& a) { a.summary = ""; }, "summary"}});
}

TEST(DirectoryValidation, Notification) {
  const Notification good{"n-1",
                          "u-jonas",
                          NotificationKind::DealWon,
                          "Deal won: Globex rollout",
                          "Commission €6,750.00 expected.",
                          "deals/d-42",
                          kJun2026,
                          0,
                          false};
  expect_validation(
      good, validate_notification,
      {InvalidCase<Notification>{"no user", [](auto& n) { n.user_id = ""; }, "user_id"},
       {"no title", [](auto& n) { n.title = ""; }, "title"},
       {"long body", [](auto& n) { n.body = std::string(kMaxDescription + 1, 'b'); }, "body"},
       {"external link", [](auto& n) { n.link = "https://evil.example"; }, "link"},
       {"negative date", [](auto& n) { n.created_at = -1; }, "created_at"},
       {"read before created", [](auto& n) { n.read_at = 5; }, "read_at"}});
}

TEST(DirectoryCodecs, RoundTrip) {
  expect_round_trip(mara(), contact_from_json);
  expect_round_trip(training_portal(), custom_room_from_json);
  expect_round_trip(sso_case(), support_case_from_json);
  expect_round_trip(article(), kb_article_from_json);
  expect_round_trip(AuditEntry{"a", 1, "u", "o", "x.y", "k", "t", "s"}, audit_entry_from_json);
  expect_round_trip(Notification{"n", "u", NotificationKind::Mention, "t", "b", "l", 1, 2, true},
                    notification_from_json);
  EXPECT_EQ(to_json(training_portal())["sections"][0]["kind"], "text");
}

}  // namespace
}  // namespace portal

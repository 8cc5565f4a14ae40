// The invitation payloads the browser and the server share: the roles a form offers (the same
// rule the server's check applies), the create payload both ways, the list query and its ack.
#include <gtest/gtest.h>

#include <algorithm>

#include "portal/protocol/invitation_commands.h"

namespace portal {
namespace {

TEST(Invitations, TheRolesOfferedAreExactlyTheOnesTheCheckAccepts) {
  EXPECT_EQ(invitable_roles(OrgKind::Partner),
            (std::vector<Role>{Role::PartnerAdmin, Role::PartnerUser}));
  EXPECT_EQ(invitable_roles(OrgKind::Vendor),
            (std::vector<Role>{Role::VendorAdmin, Role::PartnerManager, Role::SupportStaff}));
  for (OrgKind kind : {OrgKind::Partner, OrgKind::Vendor}) {
    const std::vector<Role> offered = invitable_roles(kind);
    for (Role r : {Role::VendorAdmin, Role::PartnerManager, Role::SupportStaff, Role::PartnerAdmin,
                   Role::PartnerUser, Role::Kiosk}) {
      InvitationCreateRequest req{"", "nina@acme.example", "Nina Novak", r};
      const bool accepted = validate_invitation_request(req, kind).empty();
      EXPECT_EQ(accepted, std::find(offered.begin(), offered.end(), r) != offered.end())
          << to_string(r);
    }
  }
}

TEST(Invitations, TheCreatePayloadReadsBackAsSent) {
  InvitationCreateRequest sent{"", "nina@acme.example", "Nina Novak", Role::PartnerAdmin};
  Json j = to_json(sent);
  EXPECT_FALSE(j.contains("org_id"));  // a partner admin's own organisation
  auto back = invitation_create_from_json(j);
  ASSERT_TRUE(std::holds_alternative<InvitationCreateRequest>(back));
  EXPECT_EQ(std::get<InvitationCreateRequest>(back).email, sent.email);
  EXPECT_EQ(std::get<InvitationCreateRequest>(back).role, Role::PartnerAdmin);
  sent.org_id = "org-1";
  back = invitation_create_from_json(to_json(sent));
  ASSERT_TRUE(std::holds_alternative<InvitationCreateRequest>(back));
  EXPECT_EQ(std::get<InvitationCreateRequest>(back).org_id, "org-1");
}

TEST(Invitations, TheListQueryTakesAnOptionalOrganisation) {
  auto empty = invitation_list_from_json(Json::object());
  ASSERT_TRUE(std::holds_alternative<InvitationListRequest>(empty));
  EXPECT_TRUE(std::get<InvitationListRequest>(empty).org_id.empty());
  EXPECT_TRUE(std::holds_alternative<InvitationListRequest>(invitation_list_from_json(Json())));
  auto named = invitation_list_from_json({{"org_id", "org-7"}});
  ASSERT_TRUE(std::holds_alternative<InvitationListRequest>(named));
  EXPECT_EQ(std::get<InvitationListRequest>(named).org_id, "org-7");
  for (const Json& bad : {Json{{"org_id", 7}}, Json{{"org_id", std::string(200, 'x')}},
                          Json::array()}) {
    auto r = invitation_list_from_json(bad);
    ASSERT_TRUE(std::holds_alternative<std::vector<FieldError>>(r)) << bad.dump();
    EXPECT_EQ(std::get<std::vector<FieldError>>(r).front().field, "org_id");
  }
}

TEST(Invitations, TheListAckReadsBackAndCarriesNoToken) {
  const std::vector<OpenInvitation> sent = {
      {"inv-2", "nina@acme.example", "Nina Novak", Role::PartnerUser, 1779000100, 1779604900},
      {"inv-1", "omar@acme.example", "Omar Ode", Role::PartnerAdmin, 1779000000, 1779604800}};
  Json rows = Json::array();
  for (const OpenInvitation& i : sent) rows.push_back(to_json(i));
  const Json ack = {{"org_id", "org-1"}, {"invitations", rows}};
  EXPECT_EQ(ack.dump().find("token"), std::string::npos);
  auto back = open_invitations_from_json(ack);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, sent);
  EXPECT_FALSE(open_invitations_from_json(Json::object()).has_value());
  Json broken = ack;
  broken["invitations"][0]["role"] = "emperor";
  EXPECT_FALSE(open_invitations_from_json(broken).has_value());
}

}  // namespace
}  // namespace portal

#include "portal/rules/permissions.h"

#include <gtest/gtest.h>

namespace portal {
namespace {

constexpr std::array<Role, 6> kRoles = {Role::VendorAdmin,  Role::PartnerManager,
                                        Role::SupportStaff, Role::PartnerAdmin,
                                        Role::PartnerUser,  Role::Kiosk};

TEST(Permissions, PartnerProgramIsReadOnlyToPartners) {
  for (Role r : {Role::PartnerAdmin, Role::PartnerUser}) {
    EXPECT_TRUE(may(r, RoomKind::Program, Action::Read));
    for (Action a : {Action::Create, Action::Update, Action::Delete, Action::Administer})
      EXPECT_FALSE(may(r, RoomKind::Program, a)) << to_string(r);
  }
  EXPECT_TRUE(may(Role::VendorAdmin, RoomKind::Program, Action::Update));
}

TEST(Permissions, KioskOnlyReadsAndNeverSeesMessages) {
  for (RoomKind k : kAllRooms) {
    for (Action a : {Action::Create, Action::Update, Action::Delete, Action::Administer})
      EXPECT_FALSE(may(Role::Kiosk, k, a)) << to_string(k);
  }
  EXPECT_TRUE(may(Role::Kiosk, RoomKind::Overview, Action::Read));
  EXPECT_FALSE(may(Role::Kiosk, RoomKind::Messages, Action::Read));
}

TEST(Permissions, OnlyVendorAdminAdministers) {
  for (Role r : kRoles)
    for (RoomKind k : kAllRooms)
      EXPECT_EQ(may(r, k, Action::Administer), r == Role::VendorAdmin)
          << to_string(r) << " " << to_string(k);
}

TEST(Permissions, EveryoneStartsAtTheOverview) {
  for (Role r : kRoles) {
    auto rooms = visible_rooms(r);
    ASSERT_FALSE(rooms.empty());
    EXPECT_EQ(rooms.front(), RoomKind::Overview);
  }
}

TEST(Permissions, PartnersReadOnlyTheirOwnOrganisation) {
  const Id vendor = "v", acme = "acme", blue = "blue";
  for (Role r : {Role::PartnerAdmin, Role::PartnerUser, Role::Kiosk}) {
    Actor a{"u", acme, r};
    EXPECT_TRUE(may_read_org(a, acme, vendor));
    EXPECT_FALSE(may_read_org(a, blue, vendor)) << to_string(r);
    EXPECT_FALSE(may_read_org(a, vendor, vendor)) << to_string(r);
  }
  for (Role r : {Role::VendorAdmin, Role::PartnerManager, Role::SupportStaff}) {
    EXPECT_TRUE(may_read_org(Actor{"u", vendor, r}, blue, vendor));
    // A vendor role claimed by a user of a partner organisation grants nothing beyond it.
    EXPECT_FALSE(may_read_org(Actor{"u", acme, r}, blue, vendor));
  }
}

TEST(Permissions, OnlyPartnerPeopleSubmitLeads) {
  for (Role r : kRoles)
    EXPECT_EQ(may_submit_lead(Actor{"u", "o", r}),
              r == Role::PartnerAdmin || r == Role::PartnerUser)
        << to_string(r);
}

TEST(Permissions, OnlyVendorAdminsAndPartnerManagersChangeAPartnersProgram) {
  const Id vendor = "org-vendor";
  for (Role r : kRoles) {
    const bool manages = r == Role::VendorAdmin || r == Role::PartnerManager;
    EXPECT_EQ(may_manage_program(Actor{"u", vendor, r}, vendor), manages) << to_string(r);
    // Partners read their program and never change it, whatever role they claim.
    EXPECT_FALSE(may_manage_program(Actor{"u", "org-acme", r}, vendor)) << to_string(r);
  }
}

TEST(Permissions, OnlyTheVendorsStaffSearchThePartners) {
  const Id vendor = "org-vendor";
  for (Role r : kRoles) {
    const bool staff =
        r == Role::VendorAdmin || r == Role::PartnerManager || r == Role::SupportStaff;
    EXPECT_EQ(may_search_partners(Actor{"u", vendor, r}, vendor), staff) << to_string(r);
    // A partner never lists the other partners, whatever role it claims.
    EXPECT_FALSE(may_search_partners(Actor{"u", "org-acme", r}, vendor)) << to_string(r);
  }
}

TEST(Permissions, PartnerProgramOpensForItsPartnerAndVendorStaffOnly) {
  const Id vendor = "org-vendor";
  for (Role r : kRoles) {
    if (!may(r, RoomKind::Program, Action::Read)) {
      EXPECT_FALSE(may_open_partner_program(Actor{"u", "org-acme", r}, "org-acme", vendor));
      continue;
    }
    // Vendor staff open any partner's program; a partner its own and never another's.
    EXPECT_EQ(may_open_partner_program(Actor{"u", vendor, r}, "org-acme", vendor),
              is_vendor_staff(r))
        << to_string(r);
    EXPECT_TRUE(may_open_partner_program(Actor{"u", "org-acme", r}, "org-acme", vendor))
        << to_string(r);
    EXPECT_FALSE(may_open_partner_program(Actor{"u", "org-acme", r}, "org-blue", vendor))
        << to_string(r);
  }
}

TEST(Roles, WireNamesRoundTrip) {
  for (Role r : kRoles) EXPECT_EQ(role_from_string(to_string(r)), r);
  EXPECT_FALSE(role_from_string("root").has_value());
  for (RoomKind k : kAllRooms) EXPECT_EQ(room_from_string(to_string(k)), k);
  EXPECT_FALSE(room_from_string("admin").has_value());
}

}  // namespace
}  // namespace portal

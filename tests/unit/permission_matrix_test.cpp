// The full matrix of role x room x action, written out from SPEC.md "People and rights", checked
// against permissions.h's may(). A change to either the rules or this table fails here loudly:
// the table is the reviewed statement of who may do what.
#include <array>
#include <string>

#include <gtest/gtest.h>

#include "portal/rules/invitation_rights.h"
#include "portal/rules/partnership_admin.h"
#include "portal/rules/permissions.h"

namespace portal {
namespace {

// One letter per action the role may take in the room: R(ead) C(reate) U(pdate) D(elete)
// A(dminister); '-' where it may not.
struct RoleRow {
  Role role;
  std::array<const char*, 12> rooms;  // in kAllRooms order
};

// clang-format off
//   Overview Leads    Deals    Accounts Program  Resources Projects Messages Brand    Files    Contacts Custom
constexpr std::array<RoleRow, 6> kMatrix = {{
  // Vendor admin: everything, including administration.
  {Role::VendorAdmin,
   {"RCUDA", "RCUDA", "RCUDA", "RCUDA", "RCUDA", "RCUDA", "RCUDA", "RCUDA", "RCUDA", "RCUDA", "RCUDA", "RCUDA"}},
  // Partner manager: works the partners' rooms and maintains the program; no administration.
  {Role::PartnerManager,
   {"RCUD-", "RCUD-", "RCUD-", "RCUD-", "RCUD-", "RCUD-", "RCUD-", "RCUD-", "RCUD-", "RCUD-", "RCUD-", "RCUD-"}},
  // Support staff: live message rooms; reads the rest.
  {Role::SupportStaff,
   {"R----", "R----", "R----", "R----", "R----", "R----", "R----", "RCUD-", "R----", "R----", "R----", "R----"}},
  // Partner admin: all of its organisation's data and its team's contacts; the program and the
  // vendor's material are read-only.
  {Role::PartnerAdmin,
   {"R----", "RCUD-", "RCUD-", "RCUD-", "R----", "R----", "RCUD-", "RCUD-", "R----", "RCUD-", "RCUD-", "R----"}},
  // Partner user: submits leads, follows deals, works accounts and projects, messages; deletes
  // only its own messages.
  {Role::PartnerUser,
   {"R----", "RCU--", "RCU--", "RCU--", "R----", "R----", "RCU--", "RCUD-", "R----", "RCU--", "R----", "R----"}},
  // Kiosk: a read-only demo that never shows conversations.
  {Role::Kiosk,
   {"R----", "R----", "R----", "R----", "R----", "R----", "R----", "-----", "R----", "R----", "R----", "R----"}},
}};
// clang-format on

constexpr std::array<Action, 5> kActions = {Action::Read, Action::Create, Action::Update,
                                            Action::Delete, Action::Administer};
constexpr const char* kLetters = "RCUDA";

TEST(PermissionMatrix, EveryRoleRoomAndActionMatchesTheSpecTable) {
  static_assert(kAllRooms.size() == 12, "a new room needs its column in kMatrix");
  int checked = 0;
  for (const RoleRow& row : kMatrix) {
    for (size_t r = 0; r < kAllRooms.size(); ++r) {
      const std::string cell = row.rooms[r];
      ASSERT_EQ(cell.size(), kActions.size());
      for (size_t a = 0; a < kActions.size(); ++a) {
        const bool expected = cell[a] == kLetters[a];
        ASSERT_TRUE(expected || cell[a] == '-') << "bad table cell " << cell;
        EXPECT_EQ(may(row.role, kAllRooms[r], kActions[a]), expected)
            << to_string(row.role) << " x " << to_string(kAllRooms[r]) << " x " << kLetters[a];
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 6 * 12 * 5);
}

TEST(PermissionMatrix, CoversEveryRole) {
  for (Role r : {Role::VendorAdmin, Role::PartnerManager, Role::SupportStaff, Role::PartnerAdmin,
                 Role::PartnerUser, Role::Kiosk}) {
    int rows = 0;
    for (const RoleRow& row : kMatrix) rows += row.role == r;
    EXPECT_EQ(rows, 1) << to_string(r);
  }
}

// Projects across organisations: who may start, work in and review what, for the vendor, the
// partner itself and another partner.
TEST(PermissionMatrix, ProjectsByRoleAndOrganisation) {
  const Id vendor = "org-vendor", acme = "org-acme", blue = "org-blue";
  struct Case {
    Role role;
    Id org;
    bool run, work, review;
  };
  const Case cases[] = {
      {Role::VendorAdmin, vendor, true, true, true},
      {Role::PartnerManager, vendor, true, true, true},
      {Role::SupportStaff, vendor, false, false, false},
      {Role::PartnerAdmin, acme, true, true, false},
      {Role::PartnerUser, acme, false, true, false},
      {Role::Kiosk, acme, false, false, false},
      // Another partner's people, whatever their role, never touch Acme's project.
      {Role::PartnerAdmin, blue, false, false, false},
      {Role::PartnerUser, blue, false, false, false},
      // A vendor role claimed by a partner's user grants nothing beyond that partner.
      {Role::VendorAdmin, blue, false, false, false},
      {Role::PartnerManager, blue, false, false, false},
  };
  for (const Case& c : cases) {
    const Actor a{"u", c.org, c.role};
    const std::string who = std::string(to_string(c.role)) + "@" + c.org;
    EXPECT_EQ(may_run_project(a, acme, vendor), c.run) << who;
    EXPECT_EQ(may_work_project(a, acme, vendor), c.work) << who;
    EXPECT_EQ(may_review_deliverable(a, vendor), c.review) << who;
  }
  // No project is run with the vendor itself or with no organisation.
  EXPECT_FALSE(may_run_project(Actor{"u", vendor, Role::VendorAdmin}, vendor, vendor));
  EXPECT_FALSE(may_work_project(Actor{"u", vendor, Role::VendorAdmin}, "", vendor));
}

TEST(PermissionMatrix, OnlyTheVendorsAdminsReadTheAuditTrail) {
  const Id vendor = "org-vendor";
  for (Role r : {Role::VendorAdmin, Role::PartnerManager, Role::SupportStaff, Role::PartnerAdmin,
                 Role::PartnerUser, Role::Kiosk}) {
    EXPECT_EQ(may_read_audit(Actor{"u", vendor, r}, vendor), r == Role::VendorAdmin)
        << to_string(r);
    EXPECT_FALSE(may_read_audit(Actor{"u", "org-acme", r}, vendor)) << to_string(r);
  }
  EXPECT_FALSE(may_read_audit(Actor{"u", "", Role::VendorAdmin}, ""));
}

// Partnership administration: price lists by the vendor's admins and partner managers; levels
// and rooms by the vendor's admins only; nothing of it by any partner role, nor by a vendor role
// claimed by a partner's user.
TEST(PermissionMatrix, PartnershipAdministrationByRoleAndOrganisation) {
  const Id vendor = "org-vendor", acme = "org-acme";
  struct Case {
    Role role;
    Id org;
    bool price_list, review, apply, rooms;
  };
  const Case cases[] = {
      {Role::VendorAdmin, vendor, true, true, true, true},
      {Role::PartnerManager, vendor, true, true, false, false},
      {Role::SupportStaff, vendor, false, false, false, false},
      {Role::PartnerAdmin, acme, false, false, false, false},
      {Role::PartnerUser, acme, false, false, false, false},
      {Role::Kiosk, acme, false, false, false, false},
      {Role::VendorAdmin, acme, false, false, false, false},
      {Role::PartnerManager, acme, false, false, false, false},
  };
  for (const Case& c : cases) {
    const Actor a{"u", c.org, c.role};
    const std::string who = std::string(to_string(c.role)) + "@" + c.org;
    EXPECT_EQ(may_edit_price_list(a, vendor), c.price_list) << who;
    EXPECT_EQ(may_review_tiers(a, vendor), c.review) << who;
    EXPECT_EQ(may_apply_tier_review(a, vendor), c.apply) << who;
    EXPECT_EQ(may_set_partnership_rooms(a, vendor), c.rooms) << who;
  }
}

// Invitations (SPEC "Vendor administration"; partner admins manage their own org's users).
TEST(PermissionMatrix, InvitationsByRoleAndOrganisation) {
  const Id vendor = "org-vendor", acme = "org-acme", blue = "org-blue";
  struct Case {
    Role role;
    Id org;  // the actor's organisation
    bool acme, blue, vendor;
  };
  const Case cases[] = {
      {Role::VendorAdmin, vendor, true, true, true},
      {Role::PartnerManager, vendor, false, false, false},
      {Role::SupportStaff, vendor, false, false, false},
      {Role::PartnerAdmin, acme, true, false, false},
      {Role::PartnerUser, acme, false, false, false},
      {Role::Kiosk, acme, false, false, false},
      // A vendor role held in a partner organisation grants nothing beyond it.
      {Role::VendorAdmin, acme, false, false, false},
  };
  for (const Case& c : cases) {
    const Actor a{"u", c.org, c.role};
    const std::string who = std::string(to_string(c.role)) + "@" + c.org;
    EXPECT_EQ(may_invite(a, acme, vendor), c.acme) << who;
    EXPECT_EQ(may_invite(a, blue, vendor), c.blue) << who;
    EXPECT_EQ(may_invite(a, vendor, vendor), c.vendor) << who;
    EXPECT_FALSE(may_invite(a, "", vendor)) << who;
  }
}

}  // namespace
}  // namespace portal

// The content rooms' permission decisions as a table: every role of the vendor's own staff, of a
// partner, the same vendor roles held by a user of a partner organisation (they grant nothing
// beyond that partner), and the kiosk (read-only).
#include <gtest/gtest.h>

#include "portal/rules/permissions.h"

namespace portal {
namespace {

const Id kVendor = "org-vendor";
const Id kAcme = "org-acme";
const Id kBlue = "org-blue";

struct Row {
  const char* who;
  Actor actor;
  bool publish;          // resources, brand assets, KB articles
  bool vendor_contacts;  // edit the vendor's contacts
  bool own_contacts;     // edit the contacts of its own organisation (Acme for partners)
  bool define_rooms;
  bool open_case;
  bool comment_acme;     // comment on an Acme case
  bool triage;
};

const Row kTable[] = {
    {"vendor admin", {"u1", kVendor, Role::VendorAdmin}, true, true, true, true, false, true, true},
    {"partner manager", {"u2", kVendor, Role::PartnerManager}, true, false, false, false, false,
     true, true},
    {"support staff", {"u3", kVendor, Role::SupportStaff}, true, false, false, false, false, true,
     true},
    {"partner admin", {"u4", kAcme, Role::PartnerAdmin}, false, false, true, false, true, true,
     false},
    {"partner user", {"u5", kAcme, Role::PartnerUser}, false, false, false, false, true, true,
     false},
    {"kiosk", {"u6", kAcme, Role::Kiosk}, false, false, false, false, false, false, false},
    // Vendor roles held by users of a partner organisation: nothing beyond that partner.
    {"vendor admin role at Acme", {"u7", kAcme, Role::VendorAdmin}, false, false, false, false,
     false, false, false},
    {"support role at Acme", {"u8", kAcme, Role::SupportStaff}, false, false, false, false, false,
     false, false},
};

TEST(ContentPermissions, MatrixForEveryRole) {
  for (const Row& r : kTable) {
    SCOPED_TRACE(r.who);
    EXPECT_EQ(may_publish_content(r.actor, kVendor), r.publish);
    EXPECT_EQ(may_edit_contacts(r.actor, kVendor, kVendor), r.vendor_contacts);
    if (r.actor.org_id != kVendor)
      EXPECT_EQ(may_edit_contacts(r.actor, r.actor.org_id, kVendor), r.own_contacts);
    EXPECT_EQ(may_define_custom_rooms(r.actor, kVendor), r.define_rooms);
    EXPECT_EQ(may_open_case(r.actor), r.open_case);
    EXPECT_EQ(may_comment_case(r.actor, kAcme, kVendor), r.comment_acme);
    EXPECT_EQ(may_triage_case(r.actor, kVendor), r.triage);
  }
}

TEST(ContentPermissions, APartnerNeverTouchesAnotherPartnersContactsOrCases) {
  for (Role role : {Role::PartnerAdmin, Role::PartnerUser, Role::Kiosk, Role::VendorAdmin}) {
    const Actor acme{"u", kAcme, role};
    EXPECT_FALSE(may_edit_contacts(acme, kBlue, kVendor)) << to_string(role);
    EXPECT_FALSE(may_comment_case(acme, kBlue, kVendor)) << to_string(role);
  }
}

TEST(ContentPermissions, VendorAdminEditsOnlyTheVendorsContactsNotAPartners) {
  const Actor admin{"u1", kVendor, Role::VendorAdmin};
  EXPECT_TRUE(may_edit_contacts(admin, kVendor, kVendor));
  EXPECT_FALSE(may_edit_contacts(admin, kAcme, kVendor));
}

TEST(ContentPermissions, NothingIsAllowedWithoutAKnownVendor) {
  const Actor admin{"u1", kVendor, Role::VendorAdmin};
  EXPECT_FALSE(may_publish_content(admin, ""));
  EXPECT_FALSE(may_define_custom_rooms(admin, ""));
  EXPECT_FALSE(may_triage_case(admin, ""));
  EXPECT_FALSE(may_comment_case(admin, "", kVendor));
}

TEST(ContentPermissions, ResourcesBrandAndCustomAreReadOnlyToPartnersAndKiosks) {
  for (Role role : {Role::PartnerAdmin, Role::PartnerUser, Role::Kiosk})
    for (RoomKind room : {RoomKind::Resources, RoomKind::Brand, RoomKind::Custom}) {
      EXPECT_TRUE(may(role, room, Action::Read));
      EXPECT_FALSE(may(role, room, Action::Create));
      EXPECT_FALSE(may(role, room, Action::Update));
    }
}

}  // namespace
}  // namespace portal

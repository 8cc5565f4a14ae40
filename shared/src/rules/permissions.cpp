#include "portal/rules/permissions.h"

namespace portal {

namespace {

// The rooms holding a partner's own working data: its people create and change things there.
bool is_partner_work_room(RoomKind room) {
  switch (room) {
    case RoomKind::Leads:
    case RoomKind::Deals:
    case RoomKind::Accounts:
    case RoomKind::Projects:
    case RoomKind::Messages:
    case RoomKind::Files:
      return true;
    default:
      return false;
  }
}

}  // namespace

// SPEC.md "People and rights", room by room. Per-organisation limits (a partner only its own
// data, vendor staff only as staff of the vendor) are the may_* functions below.
bool may(Role role, RoomKind room, Action action) {
  if (action == Action::Read) return role != Role::Kiosk || room != RoomKind::Messages;
  switch (role) {
    case Role::VendorAdmin:
      // Everything: program set-up, partnerships, rooms, users, licences.
      return true;
    case Role::PartnerManager:
      // Works the leads, deals, projects and messages of their partners and maintains the
      // program and its material; administration stays with the vendor admin.
      return action != Action::Administer;
    case Role::SupportStaff:
      // Live support rooms and the message rooms they are added to; everything else they read.
      return room == RoomKind::Messages && action != Action::Administer;
    case Role::PartnerAdmin:
      // Its own organisation's data and its team's directory entries; the program and the
      // vendor's material are read-only to partners.
      return action != Action::Administer &&
             (is_partner_work_room(room) || room == RoomKind::Contacts);
    case Role::PartnerUser:
      // Submits leads, follows deals, works projects and accounts, messages; deletes only its
      // own messages.
      if (action == Action::Administer || !is_partner_work_room(room)) return false;
      return action != Action::Delete || room == RoomKind::Messages;
    case Role::Kiosk:
      return false;
  }
  return false;
}

std::vector<RoomKind> visible_rooms(Role role) {
  std::vector<RoomKind> rooms;
  for (RoomKind k : kAllRooms) {
    if (!may(role, k, Action::Read)) continue;
    rooms.push_back(k);
  }
  return rooms;
}

bool may_read_org(const Actor& a, const Id& owner_org, const Id& vendor_org) {
  return is_vendor_actor(a, vendor_org) || a.org_id == owner_org;
}

bool is_vendor_actor(const Actor& a, const Id& vendor_org) {
  return is_vendor_staff(a.role) && a.org_id == vendor_org;
}

bool may_search_partners(const Actor& a, const Id& vendor_org) {
  return is_vendor_actor(a, vendor_org);
}

bool may_submit_lead(const Actor& a) {
  return a.role == Role::PartnerAdmin || a.role == Role::PartnerUser;
}

bool may_work_accounts(const Actor& a, const Id& org, const Id& vendor_org) {
  if (a.role == Role::VendorAdmin || a.role == Role::PartnerManager)
    return a.org_id == vendor_org && !org.empty() && org != vendor_org;
  return may_submit_lead(a) && !org.empty() && a.org_id == org;
}

bool may_manage_program(const Actor& a, const Id& vendor_org) {
  return is_vendor_actor(a, vendor_org) &&
         (a.role == Role::VendorAdmin || a.role == Role::PartnerManager);
}

bool may_open_partner_program(const Actor& a, const Id& org, const Id& vendor_org) {
  return may(a.role, RoomKind::Program, Action::Read) && may_read_org(a, org, vendor_org);
}

bool may_post_announcement(const Actor& a, const Id& vendor_org) {
  return is_vendor_actor(a, vendor_org) &&
         (a.role == Role::VendorAdmin || a.role == Role::PartnerManager);
}

bool may_run_project(const Actor& a, const Id& org, const Id& vendor_org) {
  if (org.empty() || org == vendor_org) return false;
  if (a.role == Role::VendorAdmin || a.role == Role::PartnerManager) return a.org_id == vendor_org;
  return a.role == Role::PartnerAdmin && a.org_id == org;
}

bool may_work_project(const Actor& a, const Id& org, const Id& vendor_org) {
  return may_run_project(a, org, vendor_org) ||
         (a.role == Role::PartnerUser && !org.empty() && a.org_id == org);
}

bool may_review_deliverable(const Actor& a, const Id& vendor_org) {
  return is_vendor_actor(a, vendor_org) &&
         (a.role == Role::VendorAdmin || a.role == Role::PartnerManager);
}

bool may_read_audit(const Actor& a, const Id& vendor_org) {
  return a.role == Role::VendorAdmin && a.org_id == vendor_org && !vendor_org.empty();
}

bool may_see_conversation(const Actor& a, const Conversation& c) {
  if (a.role == Role::Kiosk || a.user_id.empty()) return false;
  if (is_member(c, a.user_id)) return true;
  return c.kind == ConversationKind::Topic && !c.org_id.empty() && a.org_id == c.org_id;
}

bool may_read_upload(const Actor& a, const Id& owner_org, const Id& vendor_org,
                     const Conversation* attached_to) {
  if (a.user_id.empty()) return false;
  if (!owner_org.empty() && may_read_org(a, owner_org, vendor_org)) return true;
  return attached_to != nullptr && may_see_conversation(a, *attached_to);
}

bool may_write_files(const Actor& a, const Id& org, const Id& vendor_org) {
  if (a.user_id.empty() || org.empty()) return false;
  if (a.role == Role::PartnerAdmin || a.role == Role::PartnerUser)
    return a.org_id == org && org != vendor_org;
  if (a.role == Role::VendorAdmin || a.role == Role::PartnerManager)
    return a.org_id == vendor_org && org != vendor_org;
  return false;
}

bool may_change_message(const Actor& a, const Message& m) {
  return a.role != Role::Kiosk && !a.user_id.empty() && m.author_id == a.user_id && !m.deleted;
}

// [SECTION] Content

bool may_publish_content(const Actor& a, const Id& vendor_org) {
  return !vendor_org.empty() && is_vendor_actor(a, vendor_org);
}

bool may_edit_contacts(const Actor& a, const Id& contact_org, const Id& vendor_org) {
  if (contact_org.empty() || vendor_org.empty() || a.org_id != contact_org) return false;
  if (contact_org == vendor_org) return a.role == Role::VendorAdmin;
  return a.role == Role::PartnerAdmin;
}

bool may_define_custom_rooms(const Actor& a, const Id& vendor_org) {
  return !vendor_org.empty() && is_vendor_actor(a, vendor_org) && a.role == Role::VendorAdmin;
}

bool may_open_case(const Actor& a) { return may_submit_lead(a) && !a.org_id.empty(); }

bool may_comment_case(const Actor& a, const Id& case_org, const Id& vendor_org) {
  if (case_org.empty()) return false;
  if (may_triage_case(a, vendor_org)) return case_org != vendor_org;
  return may_open_case(a) && a.org_id == case_org;
}

bool may_triage_case(const Actor& a, const Id& vendor_org) {
  return !vendor_org.empty() && is_vendor_actor(a, vendor_org);
}

}  // namespace portal

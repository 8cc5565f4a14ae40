#include "portal/rules/permissions.h"

namespace portal {

bool may(Role role, RoomKind room, Action action) {
  if (role == Role::Kiosk) return action == Action::Read && room != RoomKind::Messages;
  if (action == Action::Administer) return role == Role::VendorAdmin;
  switch (room) {
    case RoomKind::Program:
      // The partner program is read-only to partners.
      return action == Action::Read || is_vendor_staff(role);
    case RoomKind::Brand:
    case RoomKind::Resources:
    case RoomKind::Custom:
      // Vendor-published material: partners read it, vendor staff maintain it.
      return action == Action::Read || is_vendor_staff(role);
    default:
      return true;
  }
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

bool may_post_announcement(const Actor& a, const Id& vendor_org) {
  return is_vendor_actor(a, vendor_org) &&
         (a.role == Role::VendorAdmin || a.role == Role::PartnerManager);
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

}  // namespace portal

#include "portal/rules/invitation_rights.h"

namespace portal {

bool may_invite(const Actor& a, const Id& org, const Id& vendor_org) {
  if (org.empty()) return false;
  if (a.role == Role::VendorAdmin && is_vendor_actor(a, vendor_org)) return true;
  return a.role == Role::PartnerAdmin && a.org_id == org && a.org_id != vendor_org;
}

}  // namespace portal

#include "portal/model/role.h"

#include <array>
#include <utility>

namespace portal {
namespace {

struct RoleNames {
  Role role;
  std::string_view wire;
  std::string_view label;
};

constexpr std::array<RoleNames, 6> kRoles = {{
    {Role::VendorAdmin, "vendor_admin", "Vendor admin"},
    {Role::PartnerManager, "partner_manager", "Partner manager"},
    {Role::SupportStaff, "support_staff", "Support"},
    {Role::PartnerAdmin, "partner_admin", "Partner admin"},
    {Role::PartnerUser, "partner_user", "Partner user"},
    {Role::Kiosk, "kiosk", "Kiosk"},
}};

}  // namespace

std::string_view to_string(Role r) { return kRoles[static_cast<size_t>(r)].wire; }

std::optional<Role> role_from_string(std::string_view s) {
  for (const auto& r : kRoles)
    if (r.wire == s) return r.role;
  return std::nullopt;
}

std::string_view role_label(Role r) { return kRoles[static_cast<size_t>(r)].label; }

bool is_vendor_staff(Role r) {
  return r == Role::VendorAdmin || r == Role::PartnerManager || r == Role::SupportStaff;
}

}  // namespace portal

// Who a user is to the program. See ../shared/SPEC.md "People and rights".
#pragma once
#include <optional>
#include <string_view>

namespace portal {

enum class Role { VendorAdmin, PartnerManager, SupportStaff, PartnerAdmin, PartnerUser, Kiosk };

// Wire names: "vendor_admin", "partner_manager", "support_staff", "partner_admin",
// "partner_user", "kiosk".
std::string_view to_string(Role r);
std::optional<Role> role_from_string(std::string_view s);
// Human label: "Vendor admin", "Partner manager", ...
std::string_view role_label(Role r);
// True for the vendor's own staff (admin, partner manager, support).
bool is_vendor_staff(Role r);

}  // namespace portal

// Who may invite people into an organisation (and revoke those invitations). Kept beside
// permissions.h; the server enforces it, the client only hides what would be refused.
#pragma once
#include "portal/rules/permissions.h"

namespace portal {

// The vendor's admins into any organisation; a partner admin into its own only. Nobody else.
bool may_invite(const Actor& a, const Id& org, const Id& vendor_org);

}  // namespace portal

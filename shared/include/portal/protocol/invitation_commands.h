// Invitations: a vendor admin (any organisation) or a partner admin (their own) invites someone
// by e-mail; the mail carries a one-time link "<public url>/#/invite/<token>", and the invitee
// sets a password over HTTP (POST /api/invitations/accept). The payload readers and the checks
// are shared so the browser checks a form with the same code the server enforces.
// docs/protocol.md shows every payload with an example.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "portal/model/entities.h"
#include "portal/protocol/frames.h"
#include "portal/rules/entity_validation.h"
#include "portal/rules/validation.h"

namespace portal {

// [SECTION] Commands
//   invitation.create   {"org_id"? (vendor admin: required), "email", "name", "role"}
//                       -> ack {"invitation_id", "expires_at"}
//   invitation.revoke   {"invitation_id"} -> ack {"invitation_id", "revoked": true}
//   invitation.list     {"org_id"? (vendor admin: default own)} -> ack {"org_id",
//                       "invitations": [OpenInvitation]}, the open ones, newest first. A query
//                       with the rights of create; it never carries a token.
// Both changes leave an audit row naming who invited which e-mail as which role.
inline constexpr std::string_view kCmdInvitationCreate = "invitation.create";
inline constexpr std::string_view kCmdInvitationRevoke = "invitation.revoke";
inline constexpr std::string_view kCmdInvitationList = "invitation.list";

struct InvitationCreateRequest {
  Id org_id;  // empty = the actor's own organisation
  std::string email;
  std::string name;
  Role role = Role::PartnerUser;
};
std::variant<InvitationCreateRequest, std::vector<FieldError>> invitation_create_from_json(
    const Json& payload);
// The payload the browser sends ("org_id" only when set).
Json to_json(const InvitationCreateRequest& r);

struct InvitationRevokeRequest {
  Id invitation_id;
};
std::variant<InvitationRevokeRequest, std::vector<FieldError>> invitation_revoke_from_json(
    const Json& payload);

struct InvitationListRequest {
  Id org_id;  // empty = the actor's own organisation
};
std::variant<InvitationListRequest, std::vector<FieldError>> invitation_list_from_json(
    const Json& payload);

// An invitation not used, revoked or expired, as invitation.list shows it.
struct OpenInvitation {
  Id id;
  std::string email;
  std::string name;
  Role role = Role::PartnerUser;
  UnixTime created_at = 0;
  UnixTime expires_at = 0;
  friend bool operator==(const OpenInvitation&, const OpenInvitation&) = default;
};
// {"invitation_id", "email", "name", "role", "created_at", "expires_at"}.
Json to_json(const OpenInvitation& i);
// The ack of invitation.list; nullopt when it is not one.
std::optional<std::vector<OpenInvitation>> open_invitations_from_json(const Json& result);

// The roles a person can be invited into an organisation of `kind` as, in the order a form
// offers them: partner admin and user for a partner; admin, partner manager and support for the
// vendor. Never a kiosk.
std::vector<Role> invitable_roles(OrgKind kind);

// The invitee's name and e-mail, and whether `role` fits an organisation of `kind` (vendor
// roles for the vendor, partner roles for partners; never a kiosk). The stored invitation is
// checked by validate_invitation (rules/entity_validation.h) as well; its link works for
// kInvitationLifetime (model/program.h).
std::vector<FieldError> validate_invitation_request(const InvitationCreateRequest& r,
                                                    OrgKind kind);

// [SECTION] HTTP (the invitee has no session yet)
//   GET  /api/invitations/<token>   -> 200 {"org_name", "email"}
//   POST /api/invitations/accept    {"token", "password", "name"}
//        -> 201 {"token", "expires_at", "user", "org"} (a session, as a log-in gives)
//   Unknown token -> 404 not_found; used, revoked or expired -> 410 with code "gone".
struct InvitationAcceptRequest {
  std::string token;
  std::string password;
  std::string name;
};
std::variant<InvitationAcceptRequest, std::vector<FieldError>> invitation_accept_from_json(
    const Json& payload);
// A new password: 8 to 256 bytes of UTF-8 (the rules of log-in and portal-admin).
std::vector<FieldError> validate_new_password(std::string_view password);
// The accept form: the password and a display name of 1 to kMaxName bytes.
std::vector<FieldError> validate_invitation_accept(const InvitationAcceptRequest& r);
// Invitation tokens are 32 random bytes in base64url without padding: 43 characters.
inline constexpr size_t kInvitationTokenChars = 43;

}  // namespace portal

#include "portal/protocol/invitation_commands.h"

#include "protocol/json_fields.h"

namespace portal {
namespace {

using Errors = std::vector<FieldError>;

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Text field `name` of `j` into `out`; one error when it is missing (and required) or no text.
void read_text(const Json& j, const char* name, std::string& out, const char* what, bool required,
               Errors& errors) {
  const Json* f = detail::field(j, name);
  if (f == nullptr || f->is_null()) {
    if (required) errors.push_back({name, std::string("Enter ") + what + "."});
    return;
  }
  if (auto s = detail::get_string(j, name))
    out = *s;
  else
    errors.push_back({name, std::string("The ") + what + " must be text."});
}

void check_name(std::string_view name, Errors& errors) {
  if (blank(name))
    errors.push_back({"name", "Enter the person's name."});
  else if (name.size() > kMaxName)
    errors.push_back({"name", "Use at most " + std::to_string(kMaxName) + " characters."});
  else if (!is_valid_utf8(name))
    errors.push_back({"name", "The name is not valid text."});
}

// Whether `role` is one an organisation of `kind` invites people as (one rule for the form's
// choices and the server's check).
bool fits(Role role, OrgKind kind) {
  return role != Role::Kiosk && is_vendor_staff(role) == (kind == OrgKind::Vendor);
}

}  // namespace

std::variant<InvitationCreateRequest, std::vector<FieldError>> invitation_create_from_json(
    const Json& payload) {
  if (!payload.is_object()) return Errors{{"email", "Send the invitation as an object."}};
  Errors errors;
  InvitationCreateRequest r;
  read_text(payload, "org_id", r.org_id, "organisation", false, errors);
  read_text(payload, "email", r.email, "the e-mail address", true, errors);
  read_text(payload, "name", r.name, "the person's name", true, errors);
  std::string role;
  read_text(payload, "role", role, "a role", true, errors);
  if (!role.empty()) {
    if (auto parsed = role_from_string(role))
      r.role = *parsed;
    else
      errors.push_back({"role", "Choose one of the portal's roles."});
  }
  if (!errors.empty()) return errors;
  return r;
}

Json to_json(const InvitationCreateRequest& r) {
  Json j = {{"email", r.email}, {"name", r.name}, {"role", to_string(r.role)}};
  if (!r.org_id.empty()) j["org_id"] = r.org_id;
  return j;
}

std::variant<InvitationRevokeRequest, std::vector<FieldError>> invitation_revoke_from_json(
    const Json& payload) {
  Errors errors;
  InvitationRevokeRequest r;
  if (!payload.is_object()) return Errors{{"invitation_id", "Name the invitation by its id."}};
  read_text(payload, "invitation_id", r.invitation_id, "the invitation", true, errors);
  if (errors.empty() && (r.invitation_id.empty() || r.invitation_id.size() > kMaxIdBytes))
    errors.push_back({"invitation_id", "Name the invitation by its id."});
  if (!errors.empty()) return errors;
  return r;
}

std::variant<InvitationListRequest, std::vector<FieldError>> invitation_list_from_json(
    const Json& payload) {
  InvitationListRequest r;
  if (payload.is_null()) return r;
  if (!payload.is_object()) return Errors{{"org_id", "Send the query as an object."}};
  Errors errors;
  read_text(payload, "org_id", r.org_id, "organisation", false, errors);
  if (errors.empty() && r.org_id.size() > kMaxIdBytes)
    errors.push_back({"org_id", "That is not an organisation id."});
  if (!errors.empty()) return errors;
  return r;
}

Json to_json(const OpenInvitation& i) {
  return {{"invitation_id", i.id},     {"email", i.email},
          {"name", i.name},            {"role", to_string(i.role)},
          {"created_at", i.created_at}, {"expires_at", i.expires_at}};
}

std::optional<std::vector<OpenInvitation>> open_invitations_from_json(const Json& result) {
  const Json* list = detail::field(result, "invitations");
  if (list == nullptr || !list->is_array()) return std::nullopt;
  std::vector<OpenInvitation> out;
  for (const Json& j : *list) {
    OpenInvitation i;
    auto id = detail::get_string(j, "invitation_id");
    auto email = detail::get_string(j, "email");
    auto name = detail::get_string(j, "name");
    auto role = detail::get_string(j, "role");
    auto created = detail::get_int(j, "created_at");
    auto expires = detail::get_int(j, "expires_at");
    if (!id || !email || !name || !role || !created || !expires) return std::nullopt;
    auto parsed_role = role_from_string(*role);
    if (!parsed_role) return std::nullopt;
    i.id = std::move(*id);
    i.email = std::move(*email);
    i.name = std::move(*name);
    i.role = *parsed_role;
    i.created_at = *created;
    i.expires_at = *expires;
    out.push_back(std::move(i));
  }
  return out;
}

std::vector<Role> invitable_roles(OrgKind kind) {
  std::vector<Role> out;
  for (Role r : {Role::PartnerAdmin, Role::PartnerUser, Role::VendorAdmin, Role::PartnerManager,
                 Role::SupportStaff, Role::Kiosk})
    if (fits(r, kind)) out.push_back(r);
  return out;
}

std::vector<FieldError> validate_invitation_request(const InvitationCreateRequest& r,
                                                    OrgKind kind) {
  Errors errors;
  if (r.email.size() > kMaxEmail || !is_valid_email(r.email))
    errors.push_back({"email", "Enter an e-mail address like name@company.com."});
  check_name(r.name, errors);
  if (r.role == Role::Kiosk)
    errors.push_back({"role", "A kiosk is set up by the vendor, not invited."});
  else if (!fits(r.role, kind))
    errors.push_back({"role", kind == OrgKind::Vendor
                                  ? "Vendor staff are vendor admins, partner managers or support."
                                  : "A partner's people are partner admins or partner users."});
  return errors;
}

std::variant<InvitationAcceptRequest, std::vector<FieldError>> invitation_accept_from_json(
    const Json& payload) {
  if (!payload.is_object()) return Errors{{"token", "Send {\"token\", \"password\", \"name\"}."}};
  Errors errors;
  InvitationAcceptRequest r;
  read_text(payload, "token", r.token, "the invitation's token", true, errors);
  read_text(payload, "password", r.password, "a password", true, errors);
  read_text(payload, "name", r.name, "your name", true, errors);
  if (!errors.empty()) return errors;
  return r;
}

std::vector<FieldError> validate_new_password(std::string_view password) {
  Errors errors;
  if (password.size() < kMinPassword)
    errors.push_back({"password", "Use at least " + std::to_string(kMinPassword) + " characters."});
  else if (password.size() > kMaxPassword)
    errors.push_back({"password", "Use at most " + std::to_string(kMaxPassword) + " characters."});
  else if (!is_valid_utf8(password))
    errors.push_back({"password", "The password is not valid text."});
  return errors;
}

std::vector<FieldError> validate_invitation_accept(const InvitationAcceptRequest& r) {
  Errors errors = validate_new_password(r.password);
  check_name(r.name, errors);
  if (r.token.size() != kInvitationTokenChars)
    errors.push_back({"token", "This invitation link is not complete. Open it from the e-mail again."});
  return errors;
}

}  // namespace portal

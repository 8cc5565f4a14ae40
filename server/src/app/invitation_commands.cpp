// invitation.create, invitation.revoke and the invitation.list query over the WebSocket, and the
// invitee's side over HTTP (GET /api/invitations/<token>, POST /api/invitations/accept), which
// needs no session. A partner admin invites into their own organisation only; another
// organisation's ids are answered "not_found", never "forbidden". Both changes leave an audit
// row, whoever makes them (store/audit_scope.h).
#include <variant>

#include "app/clock.h"
#include "app/invitations.h"
#include "app/portal_service.h"
#include "auth/tokens.h"
#include "portal/rules/invitation_rights.h"
#include "store/audit_scope.h"
#include "store/outbox_scope.h"

namespace portal::server {
namespace {

constexpr UnixTime kSessionLifetime = 7 * 24 * 3600;  // as a log-in's (portal_service.cpp)

// An organisation's open invitations are bounded by its licences; this only caps an answer.
constexpr size_t kMaxListedInvitations = 500;

const char* kNoOrg = "That organisation does not exist.";
const char* kNoInvitation = "That invitation does not exist.";

Error refusal(ErrorCode code, std::string message) { return Error{code, std::move(message), {}}; }

// A 410 carries the code "gone" (the link existed and no longer works), which is an HTTP-only
// code: the WebSocket protocol's ErrorCode has no use for it.
HttpAnswer error_answer(int status, const Error& e) {
  Json fields = Json::array();
  for (const FieldError& f : e.fields) fields.push_back({{"field", f.field}, {"message", f.message}});
  return {status, {{"error",
                    {{"code", status == 410 ? std::string("gone") : std::string(to_string(e.code))},
                     {"message", e.message},
                     {"fields", std::move(fields)}}}}};
}

// The answer to a token that does not lead to an open invitation.
HttpAnswer closed_answer(InvitationStatus s) {
  switch (s) {
    case InvitationStatus::Used:
      return error_answer(410, refusal(ErrorCode::NotFound,
                                       "This invitation was used already. Log in with the "
                                       "password you set."));
    case InvitationStatus::Revoked:
      return error_answer(410, refusal(ErrorCode::NotFound,
                                       "This invitation was withdrawn. Ask the person who "
                                       "invited you for a new one."));
    case InvitationStatus::Expired:
      return error_answer(410, refusal(ErrorCode::NotFound,
                                       "This invitation has expired. Ask the person who invited "
                                       "you for a new one."));
    default:
      return error_answer(404, refusal(ErrorCode::NotFound,
                                       "This invitation link is not known. Check that you "
                                       "opened the whole link from the e-mail."));
  }
}

// The audit row's words: who invited which e-mail as which role (never the link).
std::string audit_summary(const std::string& actor_name, std::string_view verb,
                          const std::string& email, Role role) {
  return actor_name + " " + std::string(verb) + " " + email + " as " +
         std::string(role_label(role));
}

InvitationStatus status_of(const InvitationRecord& i, UnixTime now) {
  if (i.used_at != 0) return InvitationStatus::Used;
  if (i.revoked_at != 0) return InvitationStatus::Revoked;
  if (i.expires_at <= now) return InvitationStatus::Expired;
  return InvitationStatus::Open;
}

}  // namespace

bool is_invitation_command(std::string_view type) {
  return type == kCmdInvitationCreate || type == kCmdInvitationRevoke ||
         type == kCmdInvitationList;
}

void PortalService::on_invitation_command(Client& client, const Identity& who,
                                          const CommandFrame& f) {
  auto refuse = [&](Error e) {
    client.send(error_frame(e.code, std::move(e.message), f.id, std::move(e.fields)));
  };
  if (f.type == kCmdInvitationList) return on_invitation_list(client, who, f);
  std::lock_guard lock(publish_mutex_);
  const Actor actor = who.actor();
  const CommandKey key{actor.user_id, f.id, f.type};
  if (auto recorded = store_.command_result(key))
    return ack_and_publish(client, f.id, CommandOutcome{std::move(*recorded), {}, true});
  const std::optional<Organisation> vendor = store_.vendor_org();
  const Id vendor_org = vendor ? vendor->id : Id();
  const UnixTime now = unix_now();

  if (f.type == kCmdInvitationCreate) {
    auto parsed = invitation_create_from_json(f.payload);
    if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed))
      return refuse(Error{ErrorCode::Validation, "Please check the highlighted fields.", *fields});
    InvitationCreateRequest& req = std::get<InvitationCreateRequest>(parsed);
    const bool vendor_admin = actor.role == Role::VendorAdmin && is_vendor_actor(actor, vendor_org);
    if (req.org_id.empty()) {
      if (vendor_admin)
        return refuse(Error{ErrorCode::Validation, "Please check the highlighted fields.",
                            {{"org_id", "Choose the organisation to invite into."}}});
      req.org_id = actor.org_id;
    }
    if (!vendor_admin && req.org_id != actor.org_id) return refuse(refusal(ErrorCode::NotFound, kNoOrg));
    if (!may_invite(actor, req.org_id, vendor_org))
      return refuse(refusal(ErrorCode::Forbidden,
                            "Only your organisation's administrator invites people."));
    std::optional<Organisation> org =
        req.org_id.size() <= kMaxIdBytes ? store_.find_org(req.org_id) : std::nullopt;
    if (!org) return refuse(refusal(ErrorCode::NotFound, kNoOrg));
    auto planned = plan_invitation(store_, req, *org, actor.user_id, who.user.name, mail_, now);
    if (auto* e = std::get_if<Error>(&planned)) return refuse(std::move(*e));
    InvitationPlan& plan = std::get<InvitationPlan>(planned);
    OutboxScope::add_mail(std::move(plan.mail));
    AuditScope audit(AuditContext{actor.user_id, actor.org_id, f.type, org->id,
                                  audit_summary(who.user.name, "invited", req.email, req.role)});
    ack_and_publish(client, f.id,
                    store_.apply_invitation_change(key, plan.change, {}, plan.result, now));
    if (mail_wake_) after_commit(mail_wake_);
    return;
  }

  // invitation.revoke
  auto parsed = invitation_revoke_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed))
    return refuse(Error{ErrorCode::Validation, "Please check the highlighted fields.", *fields});
  const Id& id = std::get<InvitationRevokeRequest>(parsed).invitation_id;
  std::optional<InvitationRecord> inv = store_.find_invitation(id);
  if (!inv || !may_invite(actor, inv->org_id, vendor_org))
    return refuse(refusal(ErrorCode::NotFound, kNoInvitation));
  if (inv->used_at != 0)
    return refuse(refusal(ErrorCode::Conflict,
                          "This invitation was accepted already; the person is a user now."));
  InvitationChange change;
  change.revoked = inv->id;
  AuditScope audit(AuditContext{
      actor.user_id, actor.org_id, f.type, inv->org_id,
      audit_summary(who.user.name, "withdrew the invitation of", inv->email, inv->role)});
  ack_and_publish(client, f.id,
                  store_.apply_invitation_change(
                      key, change, {}, {{"invitation_id", inv->id}, {"revoked", true}}, now));
}

void PortalService::on_invitation_list(Client& client, const Identity& who,
                                       const CommandFrame& f) {
  // A query: it changes nothing, so it is neither recorded nor audited.
  const Actor actor = who.actor();
  auto parsed = invitation_list_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) {
    client.send(error_frame(ErrorCode::Validation, "Please check the highlighted fields.", f.id,
                            std::move(*fields)));
    return;
  }
  Id org_id = std::get<InvitationListRequest>(parsed).org_id;
  if (org_id.empty()) org_id = actor.org_id;
  const std::optional<Organisation> vendor = store_.vendor_org();
  const Id vendor_org = vendor ? vendor->id : Id();
  // The rights of invitation.create: another organisation's people are nobody's business but
  // the vendor admins', and to anyone else it looks like no organisation at all.
  if (org_id != actor.org_id && !(actor.role == Role::VendorAdmin &&
                                  is_vendor_actor(actor, vendor_org))) {
    client.send(error_frame(ErrorCode::NotFound, kNoOrg, f.id));
    return;
  }
  if (!may_invite(actor, org_id, vendor_org)) {
    client.send(error_frame(ErrorCode::Forbidden,
                            "Only your organisation's administrator sees its invitations.", f.id));
    return;
  }
  if (!store_.find_org(org_id)) {
    client.send(error_frame(ErrorCode::NotFound, kNoOrg, f.id));
    return;
  }
  Json rows = Json::array();
  for (const InvitationRecord& r : store_.open_invitations(org_id, unix_now(), kMaxListedInvitations))
    rows.push_back(to_json(OpenInvitation{r.id, r.email, r.name, r.role, r.created_at, r.expires_at}));
  client.send(AckFrame{f.id, {{"org_id", org_id}, {"invitations", std::move(rows)}}});
}

HttpAnswer PortalService::invitation_preview(std::string_view token) {
  if (token.empty() || token.size() > 256) return closed_answer(InvitationStatus::Unknown);
  std::optional<InvitationRecord> inv = store_.find_invitation_by_token(hash_token(token));
  if (!inv) return closed_answer(InvitationStatus::Unknown);
  if (const InvitationStatus s = status_of(*inv, unix_now()); s != InvitationStatus::Open)
    return closed_answer(s);
  std::optional<Organisation> org = store_.find_org(inv->org_id);
  if (!org) return closed_answer(InvitationStatus::Unknown);
  // Only what the invitee needs to recognise the invitation: not who else is in the org.
  return {200, {{"org_name", org->name}, {"email", inv->email}}};
}

HttpAnswer PortalService::accept_invitation(std::string_view body) {
  Json payload = Json::parse(body, nullptr, false);
  auto parsed = invitation_accept_from_json(payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed))
    return error_answer(400, Error{ErrorCode::Validation, "Please check the highlighted fields.",
                                   *fields});
  InvitationAcceptRequest& req = std::get<InvitationAcceptRequest>(parsed);
  if (auto fields = validate_invitation_accept(req); !fields.empty()) {
    // A malformed token is simply not one we know.
    if (fields.size() == 1 && fields.front().field == "token")
      return closed_answer(InvitationStatus::Unknown);
    return error_answer(400, Error{ErrorCode::Validation, "Please check the highlighted fields.",
                                   std::move(fields)});
  }
  const std::string token_hash = hash_token(req.token);
  // Answer a closed invitation before spending a password hash on it.
  std::optional<InvitationRecord> inv = store_.find_invitation_by_token(token_hash);
  if (!inv) return closed_answer(InvitationStatus::Unknown);
  if (const InvitationStatus s = status_of(*inv, unix_now()); s != InvitationStatus::Open)
    return closed_answer(s);
  std::optional<std::string> hash = hasher_.hash(req.password);
  if (!hash)
    return error_answer(503, refusal(ErrorCode::Unavailable,
                                     "The server is busy. Please try again in a moment."));
  UserRecord record;
  record.user.id = new_id();
  record.user.name = req.name;
  record.password_hash = *hash;
  const UnixTime now = unix_now();
  auto accepted = store_.accept_invitation(token_hash, record, now);
  if (auto* r = std::get_if<InvitationRefusal>(&accepted)) {
    if (r->state == InvitationStatus::Open) return error_answer(409, refusal(ErrorCode::Conflict, r->message));
    return closed_answer(r->state);
  }
  const User& user = std::get<User>(accepted);
  std::optional<Organisation> org = store_.find_org(user.org_id);
  // The same session a log-in makes (on_login): the browser resumes it over the WebSocket.
  const std::string token = new_session_token();
  const UnixTime expires_at = now + kSessionLifetime;
  store_.create_session(hash_token(token), user.id, expires_at);
  store_.begin_visit(user.id, now);
  store_.sync();
  return {201, {{"token", token},
                {"expires_at", expires_at},
                {"user", to_json(user)},
                {"org", org ? to_json(*org) : Json::object()}}};
}

}  // namespace portal::server

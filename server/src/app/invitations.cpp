#include "app/invitations.h"

#include "auth/tokens.h"
#include "portal/model/program.h"
#include "portal/rules/entity_validation.h"

namespace portal::server {

std::variant<InvitationPlan, Error> plan_invitation(Store& store,
                                                    const InvitationCreateRequest& req,
                                                    const Organisation& org,
                                                    const Id& inviter_id,
                                                    const std::string& inviter_name,
                                                    const MailSettings& settings, UnixTime now) {
  if (auto fields = validate_invitation_request(req, org.kind); !fields.empty())
    return Error{ErrorCode::Validation, "Please check the highlighted fields.", std::move(fields)};
  if (const std::optional<UserRecord> existing = store.find_user_by_email(req.email)) {
    // Only the organisation's own users may be named: for anyone else's, the answer must not
    // tell a partner admin that the address has an account elsewhere.
    if (existing->user.org_id == org.id)
      return Error{ErrorCode::Conflict,
                   "There is already a portal user with the e-mail " + req.email +
                       " in your organisation.",
                   {{"email", "This person has a portal account already."}}};
    return Error{ErrorCode::Conflict, "This e-mail address cannot be invited.",
                 {{"email", "This address cannot be invited."}}};
  }
  // An open invitation to the same e-mail is replaced (sqlite_mail.cpp): its seat is this one's.
  const SeatUse seats = store.seat_use(org.id, now, req.email);
  const LicenceCheck licence =
      may_add_user(org.name, static_cast<int32_t>(seats.users + seats.pending_invitations),
                   static_cast<int32_t>(seats.seats));
  if (!licence.allowed) return Error{ErrorCode::Conflict, licence.refusal, {}};

  const std::string token = new_session_token();  // 32 random bytes, base64url
  Invitation model;  // the shared model's checks (rules/entity_validation.h)
  model.id = new_id();
  model.org_id = org.id;
  model.email = req.email;
  model.role = req.role;
  model.token_hash = hash_token(token);
  model.invited_by = inviter_id;
  model.created_at = now;
  model.expires_at = now + kInvitationLifetime;
  if (auto fields = validate_invitation(model); !fields.empty())
    return Error{ErrorCode::Validation, "Please check the highlighted fields.", std::move(fields)};

  InvitationPlan plan;
  InvitationRecord& rec = plan.change.created.emplace();
  rec.id = model.id;
  rec.org_id = org.id;
  rec.email = req.email;
  rec.name = req.name;
  rec.role = req.role;
  rec.invited_by = inviter_id;
  rec.created_at = now;
  rec.expires_at = model.expires_at;
  plan.change.token_hash = model.token_hash;
  plan.mail = invitation_mail(settings, req.email, req.name, org.name, inviter_name, token,
                              model.expires_at, now);
  plan.result = {{"invitation_id", rec.id}, {"expires_at", rec.expires_at}};
  return plan;
}

}  // namespace portal::server

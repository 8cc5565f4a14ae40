// Invitations, shared by the invitation.create command (invitation_commands.cpp) and
// `portal-admin invite`: the checks, the one-time token (only its hash is stored) and the mail,
// which the store writes with the invitation in one transaction (store/outbox_scope.h).
#pragma once
#include <string>
#include <variant>

#include "app/mail_text.h"
#include "portal/protocol/errors.h"
#include "portal/protocol/frames.h"
#include "portal/protocol/invitation_commands.h"
#include "store/store.h"

namespace portal::server {

struct InvitationPlan {
  InvitationChange change;
  OutboxMail mail;
  Json result;  // {"invitation_id", "expires_at"}: never the token
};

// Checks `req` for organisation `org` (fields, an e-mail that is no user yet, a free licence
// seat counting open invitations) and makes the invitation and its mail.
std::variant<InvitationPlan, Error> plan_invitation(Store& store,
                                                    const InvitationCreateRequest& req,
                                                    const Organisation& org,
                                                    const Id& inviter_id,
                                                    const std::string& inviter_name,
                                                    const MailSettings& settings, UnixTime now);

}  // namespace portal::server

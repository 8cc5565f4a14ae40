// The App's Team & invitations actions: the open invitations of an organisation (asked with
// invitation.list whenever the list is stale), the "Invite someone" form checked with the shared
// validate_invitation_request before it is sent, revoking after a confirmation, and the answers
// to all three. Whether the user may do any of it is the shared may_invite.
#include <algorithm>

#include "app.h"
#include "portal/rooms/deals.h"
#include "portal/rules/invitation_rights.h"

namespace portal::client {
bool App::may_invite_here() const {
  if (!session_) return false;
  const WelcomeFrame& w = *session_;
  const Actor actor{w.user.id, w.user.org_id, w.user.role};
  // Only vendor staff know the vendor's id, and only there does it matter (rule of may_invite).
  const Id vendor_org = w.org.kind == OrgKind::Vendor ? w.org.id : Id();
  return may_invite(actor, invitations_org(), vendor_org);
}

Id App::invitations_org() const {
  if (!session_) return {};
  return invitations_.org_id.empty() ? session_->user.org_id : invitations_.org_id;
}

std::string App::invitations_org_name() const {
  if (!session_) return {};
  if (invitations_.org_id.empty()) return session_->org.name;
  if (const DealsState* d = replica_.deals())
    if (const RoomPartner* p = find_partner(d->partners, invitations_.org_id)) return p->name;
  return "this partner";
}

OrgKind App::invitations_org_kind() const {
  // A vendor admin's pick other than their own is always a partner.
  if (!session_ || !invitations_.org_id.empty()) return OrgKind::Partner;
  return session_->org.kind;
}

void App::show_invitations_of(const Id& org_id) {
  if (org_id == invitations_.org_id) return;
  invitations_.org_id = org_id;
  invitations_.invitations.clear();
  invitations_.list_error.clear();
  invitations_.stale = true;
  mark_dirty();
}

void App::refresh_invitations() {
  InvitationsUi& ui = invitations_;
  const Id org = invitations_org();
  if (ui.listed_org != org) ui.stale = true;
  if (!ui.stale || !ui.list_pending.empty() || !may_invite_here()) return;
  Json payload = Json::object();
  if (!ui.org_id.empty()) payload["org_id"] = ui.org_id;
  CommandFrame cmd{new_command_id(), std::string(kCmdInvitationList), std::move(payload)};
  ui.list_pending = cmd.id;
  ui.stale = false;
  ui.listed_org = org;
  send_command(std::move(cmd));
}

void App::open_invite_form() {
  InvitationsUi& f = invitations_;
  if (!f.pending_id.empty()) return;
  f.email[0] = '\0';
  f.name[0] = '\0';
  f.errors.clear();
  f.error.clear();
  // A partner's people are users more often than admins; the vendor's, partner managers.
  const std::vector<Role> roles = invitable_roles(invitations_org_kind());
  const bool partner = invitations_org_kind() == OrgKind::Partner;
  const Role preferred = partner ? Role::PartnerUser : Role::PartnerManager;
  f.role = std::find(roles.begin(), roles.end(), preferred) != roles.end() ? preferred : roles.front();
  f.request_open = true;
  f.focus_first = true;
  mark_dirty();
}

void App::submit_invitation() {
  InvitationsUi& f = invitations_;
  if (!f.pending_id.empty() || !session_) return;
  f.error.clear();
  InvitationCreateRequest req;
  // A vendor admin names the organisation always (the server asks for it); a partner admin's
  // is their own.
  req.org_id = is_vendor() ? invitations_org() : Id();
  req.email = f.email;
  req.name = f.name;
  req.role = f.role;
  f.errors = validate_invitation_request(req, invitations_org_kind());
  if (!f.errors.empty()) return;
  CommandFrame cmd{new_command_id(), std::string(kCmdInvitationCreate), to_json(req)};
  f.pending_id = cmd.id;
  send_command(std::move(cmd));
}

void App::ask_revoke(const OpenInvitation& inv) {
  if (!invitations_.revoke_pending.empty()) return;
  invitations_.confirming = inv;
  invitations_.confirm_request_open = true;
  mark_dirty();
}

void App::revoke_invitation() {
  InvitationsUi& ui = invitations_;
  if (!ui.revoke_pending.empty() || ui.confirming.id.empty()) return;
  CommandFrame cmd{new_command_id(), std::string(kCmdInvitationRevoke),
                   Json{{"invitation_id", ui.confirming.id}}};
  ui.revoke_pending = cmd.id;
  send_command(std::move(cmd));
}

bool App::on_invitation_answer(const std::string& id, const AckFrame* ack, const Error* error) {
  InvitationsUi& ui = invitations_;
  if (id.empty()) return false;
  if (id == ui.list_pending) {
    ui.list_pending.clear();
    auto list = ack ? open_invitations_from_json(ack->result) : std::nullopt;
    if (list) {
      ui.invitations = std::move(*list);
      ui.list_error.clear();
    } else {
      ui.list_error = error && !error->message.empty() ? error->message
                                                       : "The invitations could not be loaded.";
    }
    mark_dirty();
    return true;
  }
  if (id == ui.pending_id) {
    ui.pending_id.clear();
    if (!error) {
      show_toast(std::string("Invitation sent to ") + ui.email);
      ui.request_close = true;
      ui.stale = true;
    } else if (!error->fields.empty()) {
      // The server's typed error names the fields (an e-mail that is a user already): shown
      // under them, like the browser's own checks.
      ui.errors = error->fields;
    } else {
      ui.error = error->message.empty() ? "The invitation could not be sent." : error->message;
    }
    mark_dirty();
    return true;
  }
  if (id == ui.revoke_pending) {
    ui.revoke_pending.clear();
    ui.confirm_request_close = true;
    if (!error)
      show_toast("Invitation to " + ui.confirming.email + " revoked");
    else
      show_toast(error->message.empty() ? "The invitation could not be revoked." : error->message,
                 true);
    ui.stale = true;  // either way, the list shows what the server holds now
    mark_dirty();
    return true;
  }
  return false;
}

}  // namespace portal::client

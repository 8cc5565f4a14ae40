#include "app/portal_service.h"

#include <cstdio>

#include "app/clock.h"
#include "app/files_builder.h"
#include "auth/tokens.h"
#include "store/audit_scope.h"
#include "store/store_error.h"
#include "store/outbox_scope.h"
#include "portal/protocol/admin_commands.h"
#include "portal/protocol/content_commands.h"
#include "portal/protocol/messaging_commands.h"
#include "portal/rules/partnership_admin.h"
#include "portal/rules/validation.h"

namespace portal::server {
namespace {

constexpr UnixTime kSessionLifetime = 7 * 24 * 3600;

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};

std::vector<std::string> room_names(Role role) {
  std::vector<std::string> names;
  for (RoomKind r : visible_rooms(role)) names.emplace_back(to_string(r));
  return names;
}

const char* kReloadMessage =
    "This version of the app is out of date. Reload the page to get the current one.";

}  // namespace

ServerFrame error_frame(ErrorCode code, std::string message, std::optional<std::string> id,
                        std::vector<FieldError> fields) {
  return ErrorFrame{std::move(id), Error{code, std::move(message), std::move(fields)}};
}

void PortalService::refuse(Client& client, ErrorCode code, std::string message) {
  client.send(error_frame(code, std::move(message)));
}

void PortalService::handle_text(Client& client, std::string_view text,
                                std::function<void()> done) {
  if (text.size() > kMaxFrameBytes) {
    refuse(client, ErrorCode::TooLarge,
           "That message is too large (the limit is " + std::to_string(kMaxFrameBytes / 1024) +
               " KiB).");
    return done();
  }
  auto decoded = decode_client_frame(text);
  if (auto* error = std::get_if<Error>(&decoded)) {
    client.send(ErrorFrame{std::nullopt, std::move(*error)});
    return done();
  }
  const ClientFrame& frame = std::get<ClientFrame>(decoded);
  if (const auto* login = std::get_if<LoginFrame>(&frame))
    return on_login(client, *login, std::move(done));
  try {
    dispatch(client, frame);
  } catch (const CommandConflict&) {
    const auto* cmd = std::get_if<CommandFrame>(&frame);
    client.send(error_frame(ErrorCode::Conflict,
                            "This command id was already used for another command. Send the "
                            "command again under a new id.",
                            cmd ? std::optional<std::string>(cmd->id) : std::nullopt));
  } catch (const std::exception& e) {
    // A storage failure ends this frame's work, not the connection or the server.
    std::fprintf(stderr, "portal-server: frame failed: %s\n", e.what());
    const auto* cmd = std::get_if<CommandFrame>(&frame);
    client.send(error_frame(ErrorCode::Internal,
                            "Something went wrong on the server. Please try again.",
                            cmd ? std::optional<std::string>(cmd->id) : std::nullopt));
  }
  done();
}

void PortalService::dispatch(Client& client, const ClientFrame& frame) {
  // Log-in (handle_text), resume and ping are the only frames a connection may send before it
  // has a user.
  if (auto* f = std::get_if<ResumeFrame>(&frame)) return on_resume(client, *f);
  if (auto* f = std::get_if<PingFrame>(&frame)) return on_ping(client, *f);

  const std::optional<Identity> who = client.identity();
  if (!who) {
    const auto* cmd = std::get_if<CommandFrame>(&frame);
    client.send(error_frame(ErrorCode::Unauthenticated, "Please log in first.",
                            cmd ? std::optional<std::string>(cmd->id) : std::nullopt));
    return;
  }
  std::visit(overloaded{
                 [&](const LogoutFrame&) { on_logout(client, *who); },
                 [&](const SubscribeFrame& f) { on_subscribe(client, *who, f); },
                 [&](const UnsubscribeFrame& f) { on_unsubscribe(client, *who, f); },
                 [&](const CommandFrame& f) { on_command(client, *who, f); },
                 [](const auto&) {},
             },
             frame);
}

void PortalService::on_ping(Client& client, const PingFrame& f) { client.send(PongFrame{f.n}); }

void PortalService::on_login(Client& client, const LoginFrame& f, std::function<void()> done) {
  if (f.version != kProtocolVersion) {
    refuse(client, ErrorCode::VersionMismatch, kReloadMessage);
    return done();
  }
  auto fields = validate_login(f.email, f.password);
  if (!fields.empty()) {
    client.send(error_frame(ErrorCode::Validation, "Please check the highlighted fields.",
                            std::nullopt, std::move(fields)));
    return done();
  }
  using Verdict = LoginThrottle::Verdict;
  const Verdict verdict = throttle_.check(f.email, client.address(), LoginThrottle::Clock::now());
  if (verdict.kind == Verdict::Kind::kAccountFromAddress) {
    refuse(client, ErrorCode::RateLimited,
           "Too many failed log-ins for this e-mail from your network. Please wait a few "
           "minutes and try again.");
    return done();
  }
  if (verdict.kind == Verdict::Kind::kAddress) {
    refuse(client, ErrorCode::RateLimited,
           "Too many failed log-ins from your network. Please wait a few minutes and try again.");
    return done();
  }
  // The password check runs on the hash queue's threads, never on the worker pool, so signed-in
  // users' pings and commands do not wait behind strangers' log-ins. The connection reads its
  // next frame only once `done` has run: one log-in at a time per connection.
  auto shared_done = std::make_shared<std::function<void()>>(std::move(done));
  const HashQueue::Admission admitted = logins_.submit(
      client.address(), verdict.not_before,
      [this, c = client.shared_from_this(), f, shared_done] {
        try {
          finish_login(*c, f);
        } catch (const std::exception& e) {
          std::fprintf(stderr, "portal-server: log-in failed: %s\n", e.what());
          c->send(error_frame(ErrorCode::Internal,
                              "Something went wrong on the server. Please try again."));
        }
        (*shared_done)();
      });
  if (admitted == HashQueue::Admission::kQueued) return;
  refuse(client, ErrorCode::RateLimited,
         admitted == HashQueue::Admission::kAddressBusy
             ? "Too many log-ins from your network at once. Please try again in a few seconds."
             : "The server is busy logging people in. Please try again in a few seconds.");
  (*shared_done)();
}

void PortalService::finish_login(Client& client, const LoginFrame& f) {
  std::optional<UserRecord> record = store_.find_user_by_email(f.email);
  bool ok = false;
  if (record) {
    ok = hasher_.verify(record->password_hash, f.password);
  } else {
    hasher_.verify_dummy(f.password);
  }
  if (!ok) {
    throttle_.record_failure(f.email, client.address(), LoginThrottle::Clock::now());
    return refuse(client, ErrorCode::BadCredentials, "E-mail or password is not right.");
  }
  throttle_.record_success(f.email, client.address());

  std::optional<Organisation> org = store_.find_org(record->user.org_id);
  if (!org) return refuse(client, ErrorCode::Internal, "Your organisation could not be found.");
  const std::string token = new_session_token();
  const std::string token_hash = hash_token(token);
  const UnixTime expires_at = unix_now() + kSessionLifetime;
  store_.create_session(token_hash, record->user.id, expires_at);
  // A log-in starts a visit: "since your last visit" lists what changed after the last one.
  store_.begin_visit(record->user.id, unix_now());
  welcome(client, Identity{record->user, *org, token_hash}, token, expires_at);
}

void PortalService::on_resume(Client& client, const ResumeFrame& f) {
  if (f.version != kProtocolVersion) {
    return refuse(client, ErrorCode::VersionMismatch, kReloadMessage);
  }
  const char* expired = "Your session has ended. Please log in again.";
  if (f.token.empty() || f.token.size() > 256) {
    return refuse(client, ErrorCode::SessionExpired, expired);
  }
  const std::string token_hash = hash_token(f.token);
  const UnixTime now = unix_now();
  const UnixTime expires_at = now + kSessionLifetime;
  std::optional<Id> user_id = store_.refresh_session(token_hash, now, expires_at);
  std::optional<User> user = user_id ? store_.find_user(*user_id) : std::nullopt;
  std::optional<Organisation> org = user ? store_.find_org(user->org_id) : std::nullopt;
  if (!org) return refuse(client, ErrorCode::SessionExpired, expired);
  welcome(client, Identity{*user, *org, token_hash}, f.token, expires_at);
}

void PortalService::welcome(Client& client, Identity identity, const std::string& token,
                            UnixTime expires_at) {
  // A new identity on a connection starts from no rooms: the old user's rooms must not leak.
  drop_subscriptions(client);
  WelcomeFrame w;
  w.token = token;
  w.expires_at = expires_at;
  w.user = identity.user;
  w.org = identity.org;
  w.rooms = room_names(identity.user.role);
  // A partner's navigation shows only the rooms its partnership has switched on.
  if (identity.org.kind == OrgKind::Partner) {
    if (const std::optional<Partnership> p = store_.partnership_of(identity.org.id)) {
      std::erase_if(w.rooms, [&](const std::string& room) {
        const std::optional<RoomKind> kind = room_from_string(room);
        return kind && !room_enabled(p->rooms, *kind);
      });
    }
  }
  if (const std::optional<Identity> before = client.identity())
    sessions_.remove(before->token_hash, &client);
  sessions_.add(identity.token_hash, client.shared_from_this());
  client.set_identity(std::move(identity));
  client.send(w);
}

void PortalService::on_logout(Client& client, const Identity& who) {
  store_.delete_session(who.token_hash);
  store_.touch_visit(who.user.id, unix_now());
  drop_subscriptions(client);
  client.set_identity(std::nullopt);
  client.send(ByeFrame{"logged_out"});
  // The user's other tabs with this session end now too; this one stays open for a new log-in.
  end_session(who.token_hash, "logged_out", &client);
}

void PortalService::end_session(const std::string& token_hash, const std::string& reason,
                                const Client* except) {
  for (const std::shared_ptr<Client>& other : sessions_.take(token_hash)) {
    if (other.get() == except) continue;
    // Identity first: a subscription on its way on another thread then finds no user
    // (Client::begin_subscription) and frames still to come are refused as unauthenticated.
    other->set_identity(std::nullopt);
    drop_subscriptions(*other);
    other->end(reason);
  }
}

void PortalService::sweep_sessions() {
  for (const std::string& token_hash : store_.ended_sessions(sessions_.tokens(), unix_now()))
    end_session(token_hash, "session_expired");
}

void PortalService::on_command(Client& client, const Identity& who, const CommandFrame& f) {
  if (f.id.empty() || f.id.size() > kMaxCommandIdBytes) {
    client.send(error_frame(ErrorCode::BadFrame,
                            "A command needs an id of 1 to " +
                                std::to_string(kMaxCommandIdBytes) + " characters."));
    return;
  }
  // A vendor staff member's change to a partner's data or to the program leaves an audit row,
  // which the store writes in the command's own transaction (store/audit_scope.h). Messages
  // and a user's own notifications are conversation, not administration.
  std::optional<AuditScope> audit;
  if (who.org.kind == OrgKind::Vendor && is_vendor_staff(who.user.role) &&
      !is_messaging_command(f.type) && !is_notification_command(f.type))
    audit.emplace(AuditContext{who.user.id, who.org.id, f.type, {}, {}});
  // A partner works only in the rooms its partnership includes, on every path.
  if (const std::optional<RoomKind> room = command_room(f.type);
      room && room_switched_off(who, std::string(to_string(*room)))) {
    client.send(error_frame(ErrorCode::Forbidden,
                            "Your partnership does not include the " +
                                std::string(room_label(*room)) + " room.",
                            f.id));
    return;
  }
  // The mails and digests a command causes are written in its transaction (outbox_scope.h).
  OutboxScope outbox;
  if (is_invitation_command(f.type)) return on_invitation_command(client, who, f);
  if (f.type == kCmdLeadSubmit) return on_lead_submit(client, who, f);
  if (f.type.starts_with("lead.") || f.type.starts_with("deal."))
    return on_pipeline_command(client, who, f);
  if (f.type.starts_with("account.")) return on_account_command(client, who, f);
  if (is_program_command(f.type)) return on_program_command(client, who, f);
  if (f.type.starts_with("announcement.") || f.type == kCmdPartnersSearch)
    return on_announcement_command(client, who, f);
  if (is_content_command(f.type)) return on_content_command(client, who, f);
  if (is_messaging_command(f.type)) return on_messages_command(client, who, f);
  if (is_project_command(f.type)) return on_project_command(client, who, f);
  if (is_notification_command(f.type)) return on_notification_command(client, who, f);
  if (is_files_command(f.type)) return on_files_command(client, who, f);
  if (is_partnership_admin_command(f.type)) return on_partnership_command(client, who, f);
  client.send(error_frame(ErrorCode::UnknownType,
                          "The server does not know the command \"" + f.type.substr(0, 64) + "\".",
                          f.id));
}

void PortalService::on_disconnect(Client& client) {
  if (const std::optional<Identity> who = client.identity())
    sessions_.remove(who->token_hash, &client);
  drop_subscriptions(client);
}

void PortalService::on_user_seen(const Id& user_id) {
  // Every closing connection marks the user as seen; the last one to close sets the value the
  // next log-in compares with.
  try {
    store_.touch_visit(user_id, unix_now());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "portal-server: could not record a visit: %s\n", e.what());
  }
}

void PortalService::drop_subscriptions(Client& client) {
  for (const std::string& key : client.end_all_subscriptions()) {
    bus_.unsubscribe(key, &client);
    leave_presence(client, key);
  }
}

}  // namespace portal::server

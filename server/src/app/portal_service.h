// The protocol's application side: takes one decoded client frame at a time and answers it,
// reading and writing through the Store and fanning events out through the Bus. It knows
// nothing of sockets. Its calls block (SQLite, argon2), so the network layer runs them on a
// worker pool rather than on the I/O threads.
#pragma once
#include <functional>
#include <mutex>
#include <string_view>

#include "app/client.h"
#include "app/durable_queue.h"
#include "app/live_sessions.h"
#include "app/mail_text.h"
#include "app/presence_board.h"
#include "auth/hash_queue.h"
#include "auth/login_throttle.h"
#include "auth/passwords.h"
#include "bus/bus.h"
#include "portal/protocol/frames.h"
#include "store/store.h"

namespace portal::server {

// An HTTP answer of the service: status code and JSON body.
struct HttpAnswer {
  int status = 200;
  Json body;
};

class PortalService {
 public:
  PortalService(Store& store, Bus& bus, PasswordHasher& hasher, LoginThrottle& throttle,
                HashQueue& logins)
      : store_(store),
        bus_(bus),
        hasher_(hasher),
        throttle_(throttle),
        logins_(logins),
        durable_([&store] { store.sync(); }) {}

  // Records that `d.user_id` downloaded a version of a file of `org` and publishes the event to
  // the Files rooms (files_commands.cpp). Blocks on SQLite.
  void record_download(const DownloadRecord& d, const Id& org);
  // What mails say and link to, and how to tell the mailer that one is queued.
  void set_mail(MailSettings settings, std::function<void()> wake) {
    mail_ = std::move(settings);
    mail_wake_ = std::move(wake);
  }
  // Has the user a live connection now (online or away)? The mailer asks before a digest.
  bool connected(const Id& user) const { return presence_.status(user) != Presence::Offline; }
  // The invitee's side (invitation_commands.cpp; blocks on SQLite and argon2):
  // GET /api/invitations/<token> and POST /api/invitations/accept.
  HttpAnswer invitation_preview(std::string_view token);
  HttpAnswer accept_invitation(std::string_view body);
  // Handles one text frame. Every frame gets an answer or a typed error; nothing throws.
  // `done` runs once the frame's work is over: before handle_text returns for most frames,
  // later and on another thread for a log-in, whose password check waits in the hash queue.
  void handle_text(Client& client, std::string_view text, std::function<void()> done);
  // Ends the sessions that ended in the store meanwhile (expired, or a password reset by
  // portal-admin): their live connections are told `session_expired` and closed. Blocks on
  // SQLite; the server runs it on the worker pool now and then.
  void sweep_sessions();
  // Sends the acks and events still waiting for their sync, then stops doing so. The server
  // calls it once its I/O has stopped, before the sockets' io_context goes away.
  void stop() { durable_.stop(); }
  // Runs `fn` after a sync failed (the disk refused the commits): see DurableQueue::on_failure.
  void on_storage_failure(std::function<void()> fn) { durable_.on_failure(std::move(fn)); }
  // A frame the network layer refused before it got here (binary, over the size limit).
  void refuse(Client& client, ErrorCode code, std::string message);
  // The connection is gone: stop delivering room events to it.
  void on_disconnect(Client& client);
  // A connection of this user closed: records when they were last seen (blocks on SQLite, so
  // the network layer runs it on the worker pool).
  void on_user_seen(const Id& user_id);

 private:
  void dispatch(Client& client, const ClientFrame& frame);

  // Checks the frame and the throttle, then queues the password check (finish_login) on the
  // hash queue; runs `done` when the log-in is over, whatever its outcome.
  void on_login(Client& client, const LoginFrame& f, std::function<void()> done);
  void finish_login(Client& client, const LoginFrame& f);
  void on_resume(Client& client, const ResumeFrame& f);
  void on_logout(Client& client, const Identity& who);
  void on_ping(Client& client, const PingFrame& f);
  // Refuses a room the partner's partnership has switched off, then subscribes (subscribe_room).
  void on_subscribe(Client& client, const Identity& who, const SubscribeFrame& f);
  void subscribe_room(Client& client, const Identity& who, const SubscribeFrame& f);
  void on_unsubscribe(Client& client, const Identity& who, const UnsubscribeFrame& f);
  void on_command(Client& client, const Identity& who, const CommandFrame& f);
  void on_lead_submit(Client& client, const Identity& who, const CommandFrame& f);
  // lead.qualify/reject/set_stage/convert, deal.set_stage/add_note/record_payout
  // (pipeline_commands.cpp).
  void on_pipeline_command(Client& client, const Identity& who, const CommandFrame& f);
  // account.add, account.task_set_status, account.add_task (account_commands.cpp).
  void on_account_command(Client& client, const Identity& who, const CommandFrame& f);
  // mdf.record, training.set_progress, activity.add (program_commands.cpp).
  void on_program_command(Client& client, const Identity& who, const CommandFrame& f);
  // announcement.post (announcement_commands.cpp).
  void on_announcement_command(Client& client, const Identity& who, const CommandFrame& f);
  // project.*, task.*, post.add, deliverable.* (project_commands.cpp).
  void on_project_command(Client& client, const Identity& who, const CommandFrame& f);
  // pricelist.*, tier_review.*, partnership.set_rooms (partnership_commands.cpp).
  void on_partnership_command(Client& client, const Identity& who, const CommandFrame& f);
  // Is `room` (a wire name) switched off for the partner of `who`? Vendor staff and rooms that
  // are always on never are (rules/partnership_admin.h). Reads the partnership from the store.
  bool room_switched_off(const Identity& who, const std::string& room);
  // notification.read/read_all and the audit.list query (notification_commands.cpp), and the
  // user's own notifications room; the subscribe handlers return false for other rooms.
  void on_notification_command(Client& client, const Identity& who, const CommandFrame& f);
  bool on_notifications_subscribe(Client& client, const Identity& who, const SubscribeFrame& f);
  bool on_notifications_unsubscribe(Client& client, const Identity& who,
                                    const UnsubscribeFrame& f);
  // invitation.create, invitation.revoke (invitation_commands.cpp).
  void on_invitation_command(Client& client, const Identity& who, const CommandFrame& f);
  // invitation.list: the open invitations of an organisation, answered in the ack.
  void on_invitation_list(Client& client, const Identity& who, const CommandFrame& f);
  // folder.create, file.add, file.add_version, file.comment (files_commands.cpp).
  void on_files_command(Client& client, const Identity& who, const CommandFrame& f);
  // The Messages rooms (messages_commands.cpp, messages_subscriptions.cpp). The subscribe and
  // unsubscribe handlers return false when the room is not one of theirs.
  void on_messages_command(Client& client, const Identity& who, const CommandFrame& f);
  bool on_messages_subscribe(Client& client, const Identity& who, const SubscribeFrame& f);
  bool on_messages_unsubscribe(Client& client, const Identity& who, const UnsubscribeFrame& f);
  // The content rooms: resources, brand, contacts, custom rooms, cases and KB
  // (content_commands.cpp, content_subscriptions.cpp). Subscribe and unsubscribe return false
  // when the room is not one of theirs.
  void on_content_command(Client& client, const Identity& who, const CommandFrame& f);
  bool on_content_subscribe(Client& client, const Identity& who, const SubscribeFrame& f);
  bool on_content_unsubscribe(Client& client, const Identity& who, const UnsubscribeFrame& f);
  // One partner's full program by name, "program:<org id>" (program_subscriptions.cpp); false
  // when the room is not such a name.
  bool on_program_subscribe(Client& client, const Identity& who, const SubscribeFrame& f);
  bool on_program_unsubscribe(Client& client, const Identity& who, const UnsubscribeFrame& f);
  // The connection no longer follows `room_key`: when that was its conversation list, it no
  // longer counts as online.
  // Safe on an I/O thread: it reads nothing from the store.
  void leave_presence(Client& client, const std::string& room_key);
  // Reads who shares a conversation with the user, for their presence announcements.
  void remember_audience(const Id& user, const Id& org);
  void publish_presence(const Id& user, Presence status);
  // Acks a stored (or replayed) command and hands its events to the bus once the commit is on
  // disk (durable_); the caller holds publish_mutex_, which keeps the order of the commits.
  void ack_and_publish(Client& client, const std::string& command_id, CommandOutcome outcome);
  // Runs `fn` once everything committed so far is durable; same locking as ack_and_publish.
  void after_commit(std::function<void()> fn) { durable_.after_sync(std::move(fn)); }

  // Subscribing, the steps every room shares (subscriptions.cpp). follow_room() puts the client
  // on the room's bus before anything is read, so an event committed meanwhile is either in
  // what is read next or held back by the client, never lost (duplicates are dropped by seq).
  // replay_missed() sends the events after the client's `f.after` from the log and returns
  // true; false when there is no `after` or the log no longer reaches back that far (more than
  // kMaxReplay events: a snapshot is then cheaper), and the caller sends send_snapshot().
  void follow_room(Client& client, const std::string& key, std::string wire_name = {});
  bool replay_missed(Client& client, const std::string& key, const SubscribeFrame& f);
  void send_snapshot(Client& client, const std::string& key, const SnapshotFrame& snapshot);

  // Sends the welcome for a logged-in or resumed session and switches the client to it.
  void welcome(Client& client, Identity identity, const std::string& token, UnixTime expires_at);
  void drop_subscriptions(Client& client);
  // Every live connection of the session, but `except`, loses its user and rooms and is closed
  // with a bye of `reason`.
  void end_session(const std::string& token_hash, const std::string& reason,
                   const Client* except = nullptr);

  Store& store_;
  Bus& bus_;
  PasswordHasher& hasher_;
  LoginThrottle& throttle_;
  HashQueue& logins_;
  LiveSessions sessions_;
  // Held from commit to publish so the events of one room reach the bus in sequence order.
  std::mutex publish_mutex_;
  PresenceBoard presence_;
  MailSettings mail_;
  std::function<void()> mail_wake_;
  // Group commit: acks and events wait here for the sync that covers their commit. Declared
  // last so it is destroyed (and drained) first.
  DurableQueue durable_;
};

// True for the Partner program room's commands (program_commands.cpp).
bool is_program_command(std::string_view type);

// True for the Projects room's commands (project_commands.cpp).
bool is_project_command(std::string_view type);
// True for invitation.create and invitation.revoke (invitation_commands.cpp).
bool is_invitation_command(std::string_view type);
// True for notification.read/read_all and audit.list (notification_commands.cpp).
bool is_notification_command(std::string_view type);

// `f` encoded once, to be sent to any number of connections.
SharedFrame share(const ServerFrame& f);

// A typed error frame, optionally answering the command `id`.
ServerFrame error_frame(ErrorCode code, std::string message,
                        std::optional<std::string> id = std::nullopt,
                        std::vector<FieldError> fields = {});

}  // namespace portal::server

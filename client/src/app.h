// The application: which screen is up, the session, the forms, and the glue between the
// connection, the replica and the UI. One instance lives on the heap for the page's life.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "connection.h"
#include "messages_ui.h"
#include "portal/model/room_kind.h"
#include "portal/protocol/frames.h"
#include "portal/protocol/invitation_commands.h"
#include "portal/model/accounts.h"
#include "portal/model/task_status.h"
#include "portal/rooms/overview_parts.h"
#include "portal/rules/validation.h"
#include "replica.h"

namespace portal::client {

enum class Screen { Connecting, Login, Invite, App };

inline constexpr const char* kSessionEndedMessage = "Your session has ended. Please log in again.";
enum class LinkStatus { Online, Reconnecting, Offline };

struct LoginForm {
  char email[kMaxEmail + 2] = {};
  char password[kMaxPassword + 2] = {};
  std::vector<FieldError> field_errors;  // from portal::validate_login or the server
  std::string error;                     // shown in red above the fields
  bool busy = false;                     // a log-in frame is out, no answer yet
  bool focus_email = false;              // put the caret in "E-mail" on the next frame
};

// The invitation screen (#/invite/<token>, ui/invite_screen.cpp): the invitee sets a password.
struct InviteForm {
  enum class Stage { Loading, Ready, Closed };
  Stage stage = Stage::Loading;
  std::string token;
  std::string org_name;  // from GET /api/invitations/<token>
  std::string email;
  char name[kMaxName + 2] = {};
  char password[kMaxPassword + 2] = {};
  char repeat[kMaxPassword + 2] = {};
  std::vector<FieldError> field_errors;
  std::string error;  // a refusal for the whole form; with Closed, why the link does not work
  bool busy = false;  // a request is out
  int request_seq = 0;  // the page's answer counter this form waits for (invite.cpp)
  bool focus_name = true;
};

struct LeadForm {
  bool open = false;
  bool request_open = false;   // OpenPopup on the next frame
  bool request_close = false;  // CloseCurrentPopup on the next frame
  bool focus_first = false;
  char company[kMaxName + 2] = {};
  char contact[kMaxName + 2] = {};
  char email[kMaxEmail + 2] = {};
  char phone[kMaxPhone + 2] = {};
  char value[32] = {};
  char notes[kMaxNotes + 2] = {};
  std::vector<FieldError> errors;
  std::string error;       // a refusal that belongs to no field (e.g. a duplicate lead)
  std::string pending_id;  // the lead.submit command waiting for its ack
  void reset();
};

// What the Leads and Deals rooms remember between frames.
struct PipelineUi {
  int lead_stage_filter = -1;  // -1 = every stage, else a LeadStage
  std::string partner_filter;  // vendor staff: an organisation id, "" = every partner
  std::string selected_lead;
  std::string selected_deal;
  bool deals_as_table = false;  // the board otherwise
  int deals_sort_column = 0;
  bool deals_sort_descending = false;
  char note[kMaxNotes + 2] = {};
  std::string note_pending;  // the deal.add_note command waiting for its ack
};

// The "Add account" modal (ui/account_form.cpp).
struct AccountForm {
  bool open = false;
  bool request_open = false;
  bool request_close = false;
  bool focus_first = false;
  char name[kMaxName + 2] = {};
  char website[256] = {};
  char lifetime[32] = {};
  char plan_name[kMaxName + 2] = {};
  char plan_value[32] = {};
  bool plan_cppo_eligible = true;
  std::string org_id;  // vendor staff: the partner the account is for
  std::vector<FieldError> errors;
  std::string error;       // a refusal that belongs to no field
  std::string pending_id;  // the account.add command waiting for its ack
  void reset();
};

// What the Customer accounts room remembers between frames (ui/accounts_room.cpp).
struct AccountsUi {
  char search[128] = {};
  bool open_tasks_only = false;
  std::string partner_filter;  // vendor staff: an organisation id, "" = every partner
  int sort_column = 2;         // savings opportunity
  bool sort_descending = true;
  std::string selected;        // account id
  // The side panel's plans and tasks (account.detail): the account asked for, the command
  // waiting for its answer, and a refusal to show instead.
  std::string detail_for;
  std::string detail_pending;
  std::string detail_error;
  int new_task_kind = 3;       // the side panel's "Add task" choice (an AccountTaskKind)
  // Task ticks sent: the status asked for is shown until the room's event brings it (or, after
  // the ack, for at most a moment when something else came instead).
  struct PendingTask {
    std::string task_id;
    TaskStatus status = TaskStatus::Done;
    std::string command_id;  // cleared by the ack
    double acked_at_ms = 0;
  };
  std::vector<PendingTask> pending_tasks;
  // The filtered, sorted row order and the inputs it was computed from (rebuilt only when
  // they change, so a steady frame neither sorts nor allocates).
  std::vector<int> rows;
  uint64_t rows_key = 0;
};

// What the Partner program room remembers between frames: the partner shown (vendor staff
// pick one), and the vendor's forms for the program commands.
enum class ProgramForm { None, Mdf, Activity };
struct ProgramUi {
  std::string partner;  // vendor staff: the partner opened ("program:<org>"); "" = the summary
  ProgramForm form = ProgramForm::None;
  bool mdf_debit = false;
  char mdf_amount[32] = {};
  char mdf_description[kMaxName + 2] = {};
  char activity_title[kMaxName + 2] = {};
  int activity_kind = 0;  // an ActivityKind
  char activity_start[16] = {};
  char activity_end[16] = {};
  char activity_budget[32] = {};
  char activity_mdf[32] = {};
  std::vector<FieldError> errors;  // from the shared validation or the server
  std::string error;               // a refusal that belongs to no field (an overdraft)
  std::string pending;             // the command waiting for its ack
  std::string pending_label;       // what the toast says once it is acked
  void reset_forms();
};

// What the Overview remembers between frames: the vendor's "Post announcement" form and the
// leaderboard tab.
struct OverviewUi {
  bool open = false;
  bool request_open = false;   // OpenPopup on the next frame
  bool request_close = false;  // CloseCurrentPopup on the next frame
  bool focus_first = false;
  char title[kMaxAnnouncementTitle + 2] = {};
  char body[kMaxAnnouncementBody + 2] = {};
  std::string audience = "all";  // "all" or a partner organisation id
  std::vector<FieldError> errors;
  std::string error;       // a refusal that belongs to no field
  std::string pending_id;  // the announcement.post command waiting for its ack
  PartnerSearchUi audience_search;                       // the audience picker's
  std::string audience_name;                             // the chosen partner's name
  LeaderboardMetric board = LeaderboardMetric::Revenue;  // the leaderboard tab shown
};

// The Contacts room's "Team & invitations" (ui/contacts_room.cpp, invitations_actions.cpp):
// the open invitations of an organisation, the "Invite someone" modal and the revoke question.
struct InvitationsUi {
  bool team_tab = false;  // the Contacts room shows "Team & invitations" (else the directory)
  std::string org_id;     // vendor admins: whose invitations are shown ("" = their own)
  // The list (invitation.list): the organisation it is for, whether it is current, the query
  // waiting for its answer, and a refusal to show instead.
  std::vector<OpenInvitation> invitations;
  std::string listed_org;
  bool stale = true;
  std::string list_pending;
  std::string list_error;
  // The revoke question: the invitation asked about, and the command waiting for its ack.
  bool confirm_open = false;
  bool confirm_request_open = false;
  bool confirm_request_close = false;
  bool confirm_focus = false;
  OpenInvitation confirming;
  std::string revoke_pending;
  // The "Invite someone" modal.
  bool open = false;
  bool request_open = false;
  bool request_close = false;
  bool focus_first = false;
  char email[kMaxEmail + 2] = {};
  char name[kMaxName + 2] = {};
  Role role = Role::PartnerUser;
  std::vector<FieldError> errors;  // from validate_invitation_request or the server
  std::string error;               // a refusal that belongs to no field (no licence left)
  std::string pending_id;          // the invitation.create command waiting for its ack
};

// In-app notifications for partners: a lead changed stage, a deal was won.
struct Notification {
  std::string text;
  double at_ms = 0;
};

struct Toast {
  std::string text;
  bool is_error = false;
  double until_ms = 0;
};

class App final : public Connection::Listener {
 public:
  App();
  void start();

  // [SECTION] Frame pacing
  // Runs timers and reports whether a frame should be drawn now.
  bool wants_frame(double now_ms);
  // Draws one ImGui frame of the current screen (between NewFrame and Render).
  void draw();
  // Called after a frame was rendered.
  void frame_done();
  // Ask for `frames` more frames (input, a message, a resize...).
  void mark_dirty(int frames = 3);
  bool idle() const;
  int64_t frames_rendered() const { return frames_rendered_; }
  double now_ms() const { return now_ms_; }

  // [SECTION] Actions (called by the UI)
  void submit_login();
  // The invitation screen (invite.cpp): opens it for #/invite/<token>, fetches what the link is
  // for, sends the form and, once accepted, resumes the new session like a log-in.
  bool open_invite_from_location();
  void submit_invite();
  void poll_invite();
  // Leaves the invitation screen for the log-in screen.
  void show_login();
  InviteForm& invite_form() { return invite_; }
  const InviteForm& invite_form() const { return invite_; }
  void logout();
  void select_room(const std::string& room);
  void open_lead_form();
  void submit_lead();
  void close_lead_form();
  void show_toast(std::string text, bool is_error = false);
  // Sends a Leads/Deals command (lead.qualify, deal.set_stage, ...) with its payload.
  void pipeline_command(std::string_view type, Json payload);
  // Sends the note typed in the deal panel for the selected deal.
  void add_deal_note();
  // [SECTION] Customer accounts (accounts_actions.cpp)
  void open_account_form();
  void submit_account();
  // Adds a task of `kind` (its label is the title) to an account.
  void add_account_task(const std::string& account_id, AccountTaskKind kind);
  // Ticks (Done) or unticks (Open) an account task.
  void set_account_task(const std::string& task_id, TaskStatus status);
  // The status to show for a task: the one asked for while its command is out.
  TaskStatus shown_task_status(const std::string& task_id, TaskStatus stored) const;
  // Forgets answered ticks the room has caught up with (called by the room each frame).
  void settle_account_tasks(const AccountsState& state);
  // Asks for the plans and tasks of the account whose side panel is open (once per account).
  void request_account_detail(const std::string& account_id);
  // The answer to account.detail: loads it into the replica; false when `a` is not one.
  bool on_account_detail(const AckFrame& a);
  // [SECTION] Partner program actions (program_actions.cpp), vendor staff only
  void open_program_form(ProgramForm form);
  // Vendor staff: shows partner `org_id`'s full program (subscribing to "program:<org id>" and
  // leaving the one shown before), or the summary of every partner when `org_id` is empty.
  void open_program_partner(const Id& org_id);
  // The full program on screen: a partner's own, or the one vendor staff opened (else null).
  const ProgramState* shown_program() const;
  void submit_mdf();
  void submit_activity();
  // Sets `user`'s completed modules of `training` (the +/- steps of an enrolment).
  void set_training_progress(const Id& user, const Id& training, int32_t completed_modules);

  // [SECTION] Overview and deep links (overview_actions.cpp)
  void open_announcement_form();
  void close_announcement_form();
  void post_announcement();
  // Asks the server for the partners matching a form's search (one question at a time; a
  // query typed meanwhile is asked when the answer comes).
  void search_partners(PartnerSearchUi& search);
  // Opens the Customer accounts room with `account_id` open (an Overview task's account).
  void open_account(const std::string& account_id);
  OverviewUi& overview_ui() { return overview_; }
  const OverviewUi& overview_ui() const { return overview_; }
  // The route the app shows: "deals/<id>" with a deal open, "leads/<id>", "accounts/<id>",
  // else the room.
  std::string route() const;
  // Opens what a route names (room, and the deal or lead); an unknown room is ignored.
  void open_route(const std::string& route);
  // After a frame: a new room or item becomes a history entry (back/forward work).
  void sync_location();

  // [SECTION] Team & invitations (invitations_actions.cpp)
  // May the user invite people into the organisation whose invitations are shown (the shared
  // rule, rules/invitation_rights.h)? Those who may not see no "Team & invitations".
  bool may_invite_here() const;
  // The organisation invitations are shown for (a vendor admin's pick, else the user's own),
  // its name and kind.
  Id invitations_org() const;
  std::string invitations_org_name() const;
  OrgKind invitations_org_kind() const;
  // Vendor admins: shows another organisation's invitations ("" = the vendor's own).
  void show_invitations_of(const Id& org_id);
  // Asks for the open invitations when the list is stale (the room calls it each frame).
  void refresh_invitations();
  void open_invite_form();
  void submit_invitation();
  // Asks whether to revoke `inv`, and revokes the one asked about once confirmed.
  void ask_revoke(const OpenInvitation& inv);
  void revoke_invitation();
  InvitationsUi& invitations_ui() { return invitations_; }
  const InvitationsUi& invitations_ui() const { return invitations_; }

  // [SECTION] Messages (messages_actions.cpp)
  // Opens a conversation (subscribing to its room the first time) and marks it read.
  void open_conversation(const Id& conversation_id);
  // Follows a conversation shown in a column of the support view (and marks it read).
  void open_conversation_column(const Id& conversation_id);
  // Sends `body` to the conversation (a thread reply when `parent_id` is set); shown at once
  // as "Sending…" and resent after a reconnect until the server has it.
  // True when the message went out (the composer then empties); false leaves the draft as it is.
  // `with_files`: the main composer's ready files go along (never with a thread reply).
  bool send_message(const Id& conversation_id, std::string body, const Id& parent_id = {},
                    bool with_files = false);
  // A message the server refused stays marked "Not sent": sent again under a new id, or dropped.
  void retry_message(const std::string& command_id);
  void discard_message(const std::string& command_id);
  void edit_message(const Id& message_id, std::string body);
  void delete_message(const Id& message_id);
  // Asks for the page of messages before the oldest one held (infinite scroll back).
  void load_older(const Id& conversation_id);
  void search_messages();
  // "New message": opens the modal, asks the server whom its query matches (once the last
  // answer is in, so typing sends no flood), and opens the direct conversation with the chosen
  // person (conversation.create answers with an existing one too) or, for vendor staff, a new
  // channel for the chosen partner.
  void open_new_message();
  void ask_people();
  void start_conversation();
  // The user is typing in the conversation's composer: tells the others, at most every 3 s.
  void note_typing(const Id& conversation_id);
  // Sends the read receipt when the open conversation has messages the user has not read.
  void mark_read(const Id& conversation_id);
  MessagesUi& messages_ui() { return messages_; }
  const MessagesUi& messages_ui() const { return messages_; }

  // [SECTION] State (read by the UI and the test hook)
  Screen screen() const { return screen_; }
  LinkStatus link_status() const;
  int retry_seconds() const;
  // What the UI says about the link while it is down ("" when online or still connecting):
  // "Connection lost — reconnecting in N s…" once signed in, else "Cannot reach the server…".
  std::string connection_notice() const;
  bool connection_open() const { return conn_.is_open(); }
  const std::optional<WelcomeFrame>& session() const { return session_; }
  const std::string& room() const { return room_; }
  const Replica& replica() const { return replica_; }
  LoginForm& login_form() { return login_; }
  const LoginForm& login_form() const { return login_; }
  LeadForm& lead_form() { return lead_; }
  const LeadForm& lead_form() const { return lead_; }
  const Toast& toast() const { return toast_; }
  PipelineUi& pipeline_ui() { return pipeline_; }
  AccountsUi& accounts_ui() { return accounts_; }
  const AccountsUi& accounts_ui() const { return accounts_; }
  AccountForm& account_form() { return account_form_; }
  const AccountForm& account_form() const { return account_form_; }
  ProgramUi& program_ui() { return program_; }
  const ProgramUi& program_ui() const { return program_; }
  const PipelineUi& pipeline_ui() const { return pipeline_; }
  const std::vector<Notification>& notifications() const { return notifications_; }
  bool is_vendor() const;
  const std::string& last_toast() const { return last_toast_; }
  std::string first_name() const;

 private:
  // [SECTION] Connection::Listener
  void on_open() override;
  void on_frame(ServerFrame frame) override;
  void on_bad_frame(const Error& error) override;
  void on_close() override;

  void on_welcome(WelcomeFrame& w);
  void on_error(const ErrorFrame& e);
  void on_ack(const AckFrame& a);
  void on_event(const EventFrame& e);
  void on_room_closed(const std::string& room);
  // The program form's command was answered (program_actions.cpp).
  void on_program_answer(const std::string& id, const Error* error);
  void send_program_command(std::string_view type, Json payload, std::string done_label);
  // The notification a partner gets for this event ("" for none), read before it is applied.
  std::string notification_for(const EventFrame& e) const;
  void end_session(std::string message);
  // The answer to an accounts command (error null for an ack); false when it is not one.
  bool on_account_answer(const std::string& id, const Error* error);
  void reset_accounts();
  // The Overview's share of acks and errors; true when the command was its own.
  bool on_overview_ack(const AckFrame& a);
  bool on_overview_error(const std::string& id, const Error& err);
  // Back/forward happened: show what the URL names now.
  void on_history_moved();
  void send_command(CommandFrame cmd);
  std::string new_command_id();
  // Messages: timers (typing, tab visibility); true when a frame should be drawn.
  bool messages_tick(double now_ms);
  void on_messages_signal(const EventFrame& e);
  void on_messages_event(const EventFrame& e);
  // A new message in the list: a toast, or a browser notification when the tab is hidden.
  void announce_message(const EventFrame& e);
  // The answer to an invitation command or query (error null for an ack); false when it is
  // not one.
  bool on_invitation_answer(const std::string& id, const AckFrame* ack, const Error* error);
  void on_messages_ack(const AckFrame& a);
  // True when the refused command was a message being sent (it stays, marked "Not sent").
  bool on_messages_error(const std::string& id, const Error& err);
  void follow_conversation(const Id& conversation_id);
  // Drafts (messages_ui.h, DraftBuffer): keep_draft() files a box's text under its key (in
  // memory and in localStorage, so a reload or a closed tab keeps it), keep_draft_files() each
  // conversation's finished uploads; restore_drafts() reads both for a new session;
  // forget_drafts() on log-out.
  void restore_drafts(const Id& user);
  void forget_drafts();
  void keep_draft_files();
  void prune_drafts();
  // Sets (or, with null, removes) one entry of a section ("drafts", "files") of the stored
  // drafts, leaving the others as another tab may have written them.
  void write_draft_entry(const char* section, const std::string& key, const Json& value);

 public:
  // Makes `box` hold the draft of `key` (the draft key of a conversation, or of a thread).
  void bind_draft(DraftBuffer& box, const std::string& key);
  void keep_draft(const DraftBuffer& box);

 private:
  Connection conn_;
  Replica replica_;
  Screen screen_ = Screen::Connecting;
  std::optional<WelcomeFrame> session_;
  std::string room_ = "overview";
  LoginForm login_;
  InviteForm invite_;
  LeadForm lead_;
  PipelineUi pipeline_;
  AccountsUi accounts_;
  AccountForm account_form_;
  ProgramUi program_;
  OverviewUi overview_;
  InvitationsUi invitations_;
  std::string shown_route_;  // what the URL says, so only real changes become history entries
  MessagesUi messages_;
  std::vector<Notification> notifications_;  // newest last, at most kMaxNotifications
  Toast toast_;
  std::string last_toast_;
  // A command sent and not answered yet: resent after a reconnect, and again on the same
  // connection when no answer came for kAckRetryMs (the server acknowledges only what reached
  // its disk; after a failed write it answers nothing). The server dedupes by id.
  struct Unacked {
    CommandFrame cmd;
    double sent_ms = 0;
  };
  void resend_unacked(double now_ms);
  // Messages sent and not answered yet outlive the tab: kept in localStorage with their user,
  // they go out again (same ids, so applied once) after the next welcome of that user, after a
  // reload or a closed tab; refused ones come back marked "Not sent". Each tab writes its own
  // key (outbox_key()); a new session takes over the others of its user. save_outbox() after
  // unacked_ or a refusal changed; forget_outbox() on log-out.
  std::string outbox_key();
  std::string tab_id_;
  void save_outbox();
  void restore_outbox(const Id& user);
  void forget_outbox();
  std::string saved_outbox_;  // what localStorage holds, so unchanged lists are not rewritten

 public:
  // The ids of the commands sent and not answered yet.
  std::vector<std::string> unacked_ids() const;

 private:
  std::vector<Unacked> unacked_;
  std::vector<std::string> resyncing_;  // rooms with a gap, resubscribed, not yet caught up
  bool awaiting_welcome_ = false;       // a login or resume is out
  bool resuming_ = false;
  int frames_pending_ = 0;
  int64_t frames_rendered_ = 0;
  double now_ms_ = 0;
  double next_blink_ms_ = 0;
  int shown_retry_seconds_ = -1;
  uint64_t id_state_ = 0;
};

// Token persistence in localStorage ("pp.token").
std::string load_token();
void store_token(const std::string& token);
void clear_token();

}  // namespace portal::client

// The narrow storage interface the application talks to. SQLite implements it today; a
// PostgreSQL implementation would implement the same calls, which is why nothing here exposes
// SQL, connections or transactions. Implementations are safe to call from any thread.
// Expected outcomes (no such user, a replayed command) are return values; a storage failure
// throws StoreError and ends the operation.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <variant>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "portal/model/entities.h"
#include "portal/model/room_kind.h"
#include "store/accounts_records.h"
#include "store/content_records.h"
#include "store/file_records.h"
#include "store/mail_records.h"
#include "portal/rooms/overview_parts.h"
#include "portal/rooms/room_partners.h"
#include "store/message_records.h"
#include "store/pipeline_records.h"
#include "store/program_records.h"
#include "store/project_records.h"
#include "store/store_error.h"

namespace portal::server {

// A user row together with what only the server may see.
struct UserRecord {
  User user;
  std::string password_hash;
};

// find_people()'s question and its answer: a user with the name of their organisation.
struct PeopleQuery {
  std::string text;
  std::vector<Id> orgs;
  Id exclude_org;
  Id exclude_user;
  size_t limit = 20;
};
struct PersonRow {
  User user;
  std::string org_name;
};

// One entry of a room's event log. Sequence numbers start at 1 per room and have no gaps.
struct StoredEvent {
  std::string room_key;  // "org:<id>/overview", "vendor/overview"
  int64_t seq = 0;
  std::string type;
  nlohmann::json data;
  UnixTime at = 0;
};

// An event a command wants appended; the store assigns its sequence number.
struct NewEvent {
  std::string room_key;
  std::string type;
  nlohmann::json data;
};

// Identifies a command for idempotency: the same user resending the same id gets the first
// result back and nothing is applied twice.
// The command's type is recorded with it: an id reused for another type is a conflict
// (store_error.h), not a replay.
struct CommandKey {
  Id user_id;
  std::string command_id;
  std::string type;
};

struct CommandOutcome {
  nlohmann::json result;
  std::vector<StoredEvent> events;  // empty when replayed
  bool replayed = false;
};

// Everything the Overview room is built from, read in one consistent snapshot.
struct OverviewInputs {
  std::vector<Organisation> orgs;  // the partner itself, or every partner for vendor staff
  // The leads are counted in SQL: the Overview shows two counts and the newest few, and reading
  // every lead of a 10,000-partner program (400,000 rows) was most of the vendor's snapshot.
  int32_t leads_submitted = 0;
  int32_t leads_open = 0;
  std::vector<Lead> recent_leads;  // newest first, at most `recent` of overview_inputs
  std::vector<Deal> deals;
  int64_t seq = 0;  // the room's latest event sequence number
};

// Data a fresh database is seeded with (the demo).
struct SeedUser {
  UserRecord record;
  UnixTime created_at = 0;
};
// An announcement as stored: what the Overview shows plus who posted it.
struct AnnouncementRecord {
  OverviewAnnouncement announcement;
  Id author_id;
};

struct SeedData {
  std::vector<Organisation> orgs;
  std::vector<SeedUser> users;
  std::vector<Lead> leads;
  std::vector<Deal> deals;
  std::vector<CustomerAccount> accounts;  // with their plans
  std::vector<AccountTask> account_tasks;
  ProgramSeed program;  // partnerships, trainings, MDF, ... (ids of the rows above)
  std::vector<AnnouncementRecord> announcements;
  std::vector<SeedConversation> conversations;
  ContentSeed content;  // resources, brand, contacts, custom rooms, cases, KB
};

// Why an invitation could not be accepted: its state, or (state Open) a refusal sentence.
struct InvitationRefusal {
  InvitationStatus state = InvitationStatus::Unknown;
  std::string message;
};

class Store {
 public:
  virtual ~Store() = default;

  // ---- organisations and users ----
  virtual std::optional<UserRecord> find_user_by_email(const std::string& email) = 0;
  virtual std::optional<User> find_user(const Id& id) = 0;
  virtual std::optional<Organisation> find_org(const Id& id) = 0;
  // The vendor's organisation (there is exactly one once seeded).
  virtual std::optional<Organisation> vendor_org() = 0;
  // The vendor organisation's id (empty before there is one); what most callers need, and
  // cheaper than the whole organisation.
  virtual Id vendor_id() {
    const auto vendor = vendor_org();
    return vendor ? vendor->id : Id();
  }

  // ---- sessions (tokens are stored only as hashes) ----
  virtual void create_session(const std::string& token_hash, const Id& user_id,
                              UnixTime expires_at) = 0;
  // Returns the user of a live session and moves its expiry to `new_expiry`; an unknown or
  // expired session yields nothing (and an expired one is deleted).
  virtual std::optional<Id> refresh_session(const std::string& token_hash, UnixTime now,
                                            UnixTime new_expiry) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  // Those of `token_hashes` that are no longer live sessions at `now` (expired, deleted by a
  // log-out or a password reset), read on a reader connection in one transaction.
  virtual std::vector<std::string> ended_sessions(const std::vector<std::string>& token_hashes,
                                                  UnixTime now) = 0;

  // ---- rooms ----
  virtual int64_t room_seq(const std::string& room_key) = 0;
  // Events with seq > after, in order; nothing when the log no longer holds all of them or
  // there are more than `limit` (the caller then sends a snapshot instead).
  virtual std::optional<std::vector<StoredEvent>> events_after(const std::string& room_key,
                                                               int64_t after, size_t limit) = 0;
  // `org` empty = program-wide (all partners).
  virtual OverviewInputs overview_inputs(size_t recent, const std::optional<Id>& org,
                                         const std::string& room_key) = 0;

  // ---- commands ----
  // In one transaction: unless `key` was seen before, inserts the lead, appends `events` and
  // records `result` under `key`. A seen key returns the recorded result and changes nothing.
  virtual CommandOutcome submit_lead(const CommandKey& key, const Lead& lead,
                                     const std::vector<NewEvent>& events,
                                     const nlohmann::json& result, UnixTime now) = 0;

  // ---- the Leads and Deals rooms (sqlite_pipeline.cpp) ----
  // The result recorded for a command already applied, if any.
  virtual std::optional<nlohmann::json> command_result(const CommandKey& key) = 0;
  virtual std::optional<LeadRecord> find_lead(const Id& id) = 0;
  virtual std::optional<Deal> find_deal(const Id& id) = 0;
  // Every lead of every organisation as a registration, for duplicate detection.
  // The leads that share a duplicate-check key with `candidate` (a superset of the matches;
  // rules/duplicates.h decides).
  virtual std::vector<ExistingRegistration> lead_registrations(const RegistrationKeys& candidate) = 0;
  // `org` empty = program-wide. `room` says which lists to fill (Leads or Deals).
  virtual PipelineInputs pipeline_inputs(const std::optional<Id>& org, RoomKind room,
                                         const std::string& room_key) = 0;
  // In one transaction: unless `key` was seen before, writes `change`, appends `events` and
  // records `result` under `key`. A seen key returns the recorded result and changes nothing.
  virtual CommandOutcome apply_pipeline_change(const CommandKey& key, const PipelineChange& change,
                                               const std::vector<NewEvent>& events,
                                               const nlohmann::json& result, UnixTime now) = 0;

  // ---- the Customer accounts room (sqlite_accounts.cpp) ----
  // The account with its plans.
  virtual std::optional<CustomerAccount> find_account(const Id& id) = 0;
  virtual std::optional<AccountTaskRecord> find_account_task(const Id& id) = 0;
  virtual int64_t account_task_count(const Id& account_id) = 0;
  // Does `org` already have an account of this name (case-insensitive)?
  virtual bool account_name_taken(const Id& org, const std::string& name) = 0;
  // `org` empty = program-wide.
  virtual AccountsInputs accounts_inputs(const std::optional<Id>& org,
                                         const std::string& room_key) = 0;
  // In one transaction: unless `key` was seen before, writes `change`, appends `events` and
  // records `result` under `key`. A seen key returns the recorded result and changes nothing.
  virtual CommandOutcome apply_account_change(const CommandKey& key, const AccountChange& change,
                                              const std::vector<NewEvent>& events,
                                              const nlohmann::json& result, UnixTime now) = 0;

  // ---- the Partner program room (sqlite_program.cpp) ----
  // `org` empty = program-wide.
  virtual ProgramInputs program_inputs(const std::optional<Id>& org,
                                       const std::string& room_key) = 0;
  // The MDF ledger of organisation `org`, newest first.
  virtual std::vector<MdfEntry> mdf_ledger(const Id& org) = 0;
  virtual std::optional<Training> find_training(const Id& id) = 0;
  virtual std::optional<MarketingActivity> find_activity(const Id& id) = 0;
  // The stored progress of `user` in `training`, if any.
  virtual std::optional<TrainingProgress> find_progress(const Id& user, const Id& training) = 0;
  // In one transaction: unless `key` was seen before, writes `change`, appends `events` and
  // records `result` under `key`. A seen key returns the recorded result and changes nothing.
  virtual CommandOutcome apply_program_change(const CommandKey& key, const ProgramChange& change,
                                              const std::vector<NewEvent>& events,
                                              const nlohmann::json& result, UnixTime now) = 0;
  // ---- partnership administration: price lists, tier reviews, rooms (sqlite_program.cpp)
  virtual std::optional<Partnership> find_partnership(const Id& id) = 0;
  // The partnership of organisation `org`, if it has one.
  virtual std::optional<Partnership> partnership_of(const Id& org) = 0;
  // The levels of partner type `type_id`, by rank.
  virtual std::vector<PartnerLevel> type_levels(const Id& type_id) = 0;
  virtual std::optional<PriceItem> find_price_item(const Id& org, const std::string& sku) = 0;
  virtual int64_t price_item_count(const Id& org) = 0;
  // In one transaction: unless `key` was seen before, writes `change`, appends `events` and
  // records `result` under `key`. A seen key returns the recorded result and changes nothing.
  virtual CommandOutcome apply_admin_change(const CommandKey& key, const AdminChange& change,
                                            const std::vector<NewEvent>& events,
                                            const nlohmann::json& result, UnixTime now) = 0;
  // ---- the Overview's announcements, leaderboard and visits (sqlite_overview.cpp) ----
  // The newest `limit` announcements `org` sees (those for every partner and its own), or
  // every announcement when `org` is empty (vendor staff), newest first.
  virtual std::vector<OverviewAnnouncement> announcements(const std::optional<Id>& org,
                                                          size_t limit) = 0;
  // In one transaction: unless `key` was seen before, inserts the announcement, appends
  // `events` and records `result` under `key`.
  virtual CommandOutcome post_announcement(const CommandKey& key, const AnnouncementRecord& a,
                                           const std::vector<NewEvent>& events,
                                           const nlohmann::json& result, UnixTime now) = 0;
  // Every partner organisation with the value of its deals won in [from, to) in `currency`.
  virtual std::vector<LeaderboardEntry> revenue_entries(UnixTime from, UnixTime to,
                                                        const std::string& currency) = 0;
  // Partner organisations whose name contains `query` (case-insensitive for ASCII), by name,
  // at most `limit`; an empty query lists the first by name.
  virtual std::vector<RoomPartner> search_partners(const std::string& query, size_t limit) = 0;
  // Users whose name or e-mail contains `text` (case-insensitive for ASCII), by name, at most
  // `limit`: only of `orgs` when it is not empty, never of `exclude_org`, never `exclude_user`.
  virtual std::vector<PersonRow> find_people(const PeopleQuery& query) = 0;
  // Every partner organisation with how many customer accounts it added in [from, to).
  virtual std::vector<LeaderboardEntry> new_account_entries(UnixTime from, UnixTime to) = 0;
  // Whether the vendor opted in to showing partner names on the leaderboard (default: no).
  virtual NameDisclosure leaderboard_disclosure() = 0;
  // A log-in: the user's visit starts now. Remembers when they were last seen as the visit's
  // "since" (0 on a first visit) and returns it.
  virtual UnixTime begin_visit(const Id& user_id, UnixTime now) = 0;
  // The user was seen now (logged out, or a connection closed).
  virtual void touch_visit(const Id& user_id, UnixTime now) = 0;
  // The "since" of the user's current visit (0 when none).
  virtual UnixTime visit_since(const Id& user_id) = 0;
  // A room's events logged after `since`, newest first, at most `limit`.
  virtual std::vector<StoredEvent> events_since(const std::string& room_key, UnixTime since,
                                                size_t limit) = 0;

  // ---- the Messages rooms (sqlite_messages.cpp) ----
  // A conversation with its member ids, or nothing.
  virtual std::optional<Conversation> find_conversation(const Id& id) = 0;
  // The direct conversation between two users, if they have one.
  virtual std::optional<Conversation> find_direct_conversation(const Id& a, const Id& b) = 0;
  // Who sees `c` (as find_conversation returned it, members loaded): its members and, for a
  // channel, every user of its partner. Ids only, unordered: what a new message's fan-out needs.
  virtual std::vector<Id> conversation_member_ids(const Conversation& c) = 0;
  virtual std::vector<Person> conversation_people(const Conversation& c) = 0;
  virtual std::optional<Message> find_message(const Id& id) = 0;
  // The seq the next message of the conversation gets (1 for the first).
  virtual int64_t next_message_seq(const Id& conversation_id) = 0;
  // Each user's read position and unread count in the conversation.
  // Messages after `seq` in the conversation that `user` did not write and are not deleted.
  virtual int32_t unread_after(const Id& conversation_id, const Id& user, int64_t seq) = 0;
  virtual std::vector<ReadState> read_states(const Id& conversation_id,
                                             const std::vector<Id>& users) = 0;
  // The conversations `user` sees (channels of `channel_org` too, when given), newest first.
  virtual MessagesInputs messages_inputs(const Id& user, const std::optional<Id>& channel_org,
                                         const std::string& room_key) = 0;
  virtual ConversationInputs conversation_inputs(const Conversation& c, size_t limit,
                                                 const std::string& room_key) = 0;
  // Up to `limit` messages with seq < before_seq, by seq; `has_older` says if more exist.
  virtual std::vector<Message> messages_before(const Id& conversation_id, int64_t before_seq,
                                               size_t limit, bool& has_older) = 0;
  // Messages matching the FTS5 expression in the conversations `user` sees (channels of
  // `channel_org` too, when given), best match first.
  virtual std::vector<Message> search_messages(const Id& user, const std::optional<Id>& channel_org,
                                               const std::string& match, size_t limit) = 0;
  // In one transaction: unless `key` was seen before, writes `change` (and the search index),
  // appends `events` and records `result` under `key`. The store may commit it together with
  // the messages sent around it, at the latest at the next sync(): other connections' reads see
  // it from then on, so acknowledge and publish it only after a sync (the durable queue does).
  virtual CommandOutcome apply_message_change(const CommandKey& key, const MessageChange& change,
                                              const std::vector<NewEvent>& events,
                                              const nlohmann::json& result, UnixTime now) = 0;

  // ---- durability ----
  // Commits do not wait for the disk. This makes every transaction committed before the call
  // durable (one sync for all of them) and throws StoreError when the disk refuses. Nothing
  // may be acknowledged to a client before the sync that covers its commit returned.
  virtual void sync() = 0;
  // ---- the Projects room, notifications and the audit trail (sqlite_projects.cpp) ----
  // `org` empty = program-wide.
  virtual ProjectsInputs projects_inputs(const std::optional<Id>& org,
                                         const std::string& room_key) = 0;
  virtual std::optional<Project> find_project(const Id& id) = 0;
  virtual std::optional<ProjectTaskRecord> find_project_task(const Id& id) = 0;
  virtual std::optional<DeliverableRecord> find_deliverable(const Id& id) = 0;
  // How many tasks, posts or deliverables ("project_tasks", "project_posts", "deliverables")
  // the project has.
  virtual int64_t project_item_count(const Id& project_id, std::string_view table) = 0;
  // In one transaction: unless `key` was seen before, writes `change`, appends `events` and
  // records `result` under `key`. A notification.added event in a "user:<id>/notifications"
  // room stores its notification in the same transaction (so does every command's).
  virtual CommandOutcome apply_project_change(const CommandKey& key, const ProjectChange& change,
                                              const std::vector<NewEvent>& events,
                                              const nlohmann::json& result, UnixTime now) = 0;
  // The newest `limit` notifications of `user` (unread first) and the room's seq.
  virtual NotificationsInputs notifications_inputs(const Id& user, const std::string& room_key,
                                                   size_t limit) = 0;
  // The ids of the user's unread notifications (all of them, or only `id` when given).
  virtual std::vector<Id> unread_notification_ids(const Id& user,
                                                  const std::optional<Id>& id) = 0;
  virtual std::optional<Notification> find_notification(const Id& id) = 0;
  virtual CommandOutcome apply_notification_read(const CommandKey& key,
                                                 const NotificationReadChange& change,
                                                 const std::vector<NewEvent>& events,
                                                 const nlohmann::json& result, UnixTime now) = 0;
  // One page of the audit trail, newest first; `more` says whether older entries exist.
  virtual std::vector<AuditRow> audit_page(const AuditQuery& q, bool& more) = 0;
  // ---- the content rooms: Resources, Brand, Contacts, Custom, Cases and KB (sqlite_content.cpp)
  // Every partner organisation with its partnership's type and id.
  virtual std::vector<PartnerRef> partner_refs() = 0;
  // The partner organisation `org` with its partnership, or nothing when it is no partner.
  virtual std::optional<PartnerRef> partner_ref(const Id& org) = 0;
  virtual bool partner_type_exists(const Id& type_id) = 0;
  // `scope` empty = program-wide (vendor staff).
  virtual CatalogueInputs catalogue_inputs(CatalogueKind kind,
                                           const std::optional<ContentScope>& scope,
                                           const std::string& room_key) = 0;
  virtual ContactsInputs contacts_inputs(const std::optional<ContentScope>& scope,
                                         const Id& vendor_org, const std::string& room_key) = 0;
  virtual CustomRoomsInputs custom_rooms_inputs(const std::optional<ContentScope>& scope,
                                                const std::string& room_key) = 0;
  virtual CasesInputs cases_inputs(const std::optional<ContentScope>& scope,
                                   const std::string& room_key) = 0;
  virtual std::optional<CatalogueRecord> find_catalogue_entry(const Id& id) = 0;
  virtual std::optional<Contact> find_contact(const Id& id) = 0;
  virtual std::optional<CustomRoom> find_custom_room(const Id& id) = 0;
  // The id of the custom room using `slug`, if any.
  virtual std::optional<Id> custom_room_by_slug(const std::string& slug) = 0;
  virtual std::optional<SupportCase> find_case(const Id& id) = 0;
  virtual std::optional<KbArticle> find_kb_article(const Id& id) = 0;
  // Live entries of `kind` matching the FTS5 expression that `scope` sees, best match first.
  virtual std::vector<CatalogueRecord> search_catalogue(CatalogueKind kind,
                                                        const std::optional<ContentScope>& scope,
                                                        const std::string& match,
                                                        const std::string& category,
                                                        size_t limit) = 0;
  // Articles matching the FTS5 expression (published ones only unless `drafts`), best first.
  virtual std::vector<KbArticle> search_kb(const std::string& match, bool drafts,
                                           size_t limit) = 0;
  // In one transaction: unless `key` was seen before, writes `change` (and the search
  // indexes), appends `events` and records `result` under `key`.
  virtual CommandOutcome apply_content_change(const CommandKey& key, const ContentChange& change,
                                              const std::vector<NewEvent>& events,
                                              const nlohmann::json& result, UnixTime now) = 0;
  // ---- uploads and message attachments (sqlite_files.cpp) ----
  // The user of a live session, without extending it (file requests are not visits).
  virtual std::optional<Id> session_user(const std::string& token_hash, UnixTime now) = 0;
  // Inserts the row of an upload whose blob is already on disk.
  virtual void insert_upload(const UploadRecord& upload) = 0;
  virtual std::optional<UploadRecord> find_upload(const Id& id) = 0;
  // The conversation of the message the upload is attached to, if it is attached.
  virtual std::optional<Id> attachment_conversation(const Id& upload_id) = 0;

  // ---- the Shared files store (sqlite_files_store.cpp) ----
  virtual std::optional<Folder> find_folder(const Id& id) = 0;
  virtual std::optional<StoredFile> find_file(const Id& id) = 0;
  virtual std::optional<VersionRecord> find_file_version(const Id& id) = 0;
  // The number the next version of the file gets (1 for the first).
  virtual int32_t next_version_number(const Id& file_id) = 0;
  // Is the upload attached to a message or a version of a file already?
  virtual bool upload_in_use(const Id& upload_id) = 0;
  // `org` empty = every partner's files (vendor staff).
  virtual FilesInputs files_inputs(const std::optional<Id>& org, const std::string& room_key) = 0;
  // In one transaction: unless `key` was seen before, writes `change`, appends `events` and
  // records `result` under `key`.
  virtual CommandOutcome apply_file_change(const CommandKey& key, const FileChange& change,
                                           const std::vector<NewEvent>& events,
                                           const nlohmann::json& result, UnixTime now) = 0;
  // In one transaction: the download row and its events (returned as stored).
  virtual std::vector<StoredEvent> record_download(const DownloadRecord& d,
                                                   const std::vector<NewEvent>& events,
                                                   UnixTime now) = 0;

  // ---- e-mail and invitations (sqlite_mail.cpp) ----
  // Mails and digests a command causes are written in its transaction (store/outbox_scope.h).
  // The seats of `org` in force at `now`, the users holding them and the open invitations
  // (except one to `replacing_email`, which a new invitation to that e-mail replaces).
  virtual SeatUse seat_use(const Id& org, UnixTime now, const std::string& replacing_email) = 0;
  virtual std::optional<InvitationRecord> find_invitation(const Id& id) = 0;
  virtual std::optional<InvitationRecord> find_invitation_by_token(const std::string& token_hash) = 0;
  // The invitations of `org` open at `now` (not used, revoked or expired), newest first, at most
  // `limit`.
  virtual std::vector<InvitationRecord> open_invitations(const Id& org, UnixTime now,
                                                         size_t limit) = 0;
  // In one transaction: unless `key` was seen before, writes `change`, appends `events` and
  // records `result` under `key` (with the mails of the open OutboxScope).
  virtual CommandOutcome apply_invitation_change(const CommandKey& key,
                                                 const InvitationChange& change,
                                                 const std::vector<NewEvent>& events,
                                                 const nlohmann::json& result, UnixTime now) = 0;
  // In one transaction: checks the invitation of `token_hash` is open, the e-mail still free
  // and a seat still there, adds `user` (id, name and password hash; the rest comes from the
  // invitation) and marks the invitation used. Returns the new user.
  virtual std::variant<User, InvitationRefusal> accept_invitation(const std::string& token_hash,
                                                                  const UserRecord& user,
                                                                  UnixTime now) = 0;
  // Pending mails whose next attempt is due, oldest first.
  virtual std::vector<OutboxMail> due_mails(UnixTime now, size_t limit) = 0;
  virtual std::optional<OutboxMail> find_mail(const Id& id) = 0;
  // Stores the status, attempts, next attempt, error and sent time of `mail`.
  virtual void record_mail_attempt(const OutboxMail& mail) = 0;
  // Digests due at `now`, with what their mail would say.
  virtual std::vector<DueDigest> due_digests(UnixTime now, size_t limit) = 0;
  // In one transaction: removes the digest, queues `mail` when given, and starts the next digest
  // (due at `next_due`) when unread messages newer than the ones it covered arrived meanwhile.
  virtual void settle_digest(const DueDigest& digest, const std::optional<OutboxMail>& mail,
                             UnixTime next_due) = 0;

  // ---- set-up ----
  virtual bool empty() = 0;  // no organisations yet
  virtual void seed(const SeedData& data) = 0;
  // Seeds a large program in one transaction, batch by batch: `next_batch` returns the next
  // batch (valid until the following call) or nullptr when done. Nothing is kept on failure.
  virtual void seed_batches(const std::function<const SeedData*()>& next_batch) = 0;

  // ---- administration (portal-admin) ----
  virtual std::vector<Organisation> list_orgs() = 0;           // by name
  virtual std::vector<SeedUser> list_users(const std::optional<Id>& org) = 0;  // by e-mail
  virtual void add_org(const Organisation& org) = 0;
  // Adds a user unless the e-mail is taken or every licence of the user's organisation is in
  // use (checked in the same transaction). Returns the refusal sentence, nothing when added.
  virtual std::optional<std::string> add_user(const SeedUser& user) = 0;
  // Replaces the password hash of the user with this e-mail and ends their sessions; false when
  // there is no such user.
  virtual bool set_password_hash(const std::string& email, const std::string& hash) = 0;
};

}  // namespace portal::server

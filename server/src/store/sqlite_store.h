// The embedded Store: one SQLite file (portal.db) in WAL mode. Writes go through a single
// writer connection under a mutex; reads lease one of a few reader connections, which WAL lets
// run alongside the writer.
#pragma once
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/store.h"

namespace portal::server {

namespace sqlite {
class Database;
class Transaction;
}

class SqliteStore final : public Store {
 public:
  struct OpenResult {
    std::unique_ptr<SqliteStore> store;
    std::string error;  // set when store is null: a sentence for the operator
  };
  // Opens or creates `<dir>/portal.db` and migrates it to the latest schema. Refuses a database
  // written by a newer server (it cannot know what that schema means).
  static OpenResult open(const std::filesystem::path& dir, int readers = 2);

  ~SqliteStore() override;

  std::optional<UserRecord> find_user_by_email(const std::string& email) override;
  std::optional<User> find_user(const Id& id) override;
  std::optional<Organisation> find_org(const Id& id) override;
  std::optional<Organisation> vendor_org() override;
  Id vendor_id() override;

  void create_session(const std::string& token_hash, const Id& user_id,
                      UnixTime expires_at) override;
  std::optional<Id> refresh_session(const std::string& token_hash, UnixTime now,
                                    UnixTime new_expiry) override;
  void delete_session(const std::string& token_hash) override;

  int64_t room_seq(const std::string& room_key) override;
  std::optional<std::vector<StoredEvent>> events_after(const std::string& room_key, int64_t after,
                                                       size_t limit) override;
  OverviewInputs overview_inputs(size_t recent, const std::optional<Id>& org,
                                 const std::string& room_key) override;

  CommandOutcome submit_lead(const CommandKey& key, const Lead& lead,
                             const std::vector<NewEvent>& events, const nlohmann::json& result,
                             UnixTime now) override;

  // In sqlite_pipeline.cpp:
  std::optional<nlohmann::json> command_result(const CommandKey& key) override;
  std::optional<LeadRecord> find_lead(const Id& id) override;
  std::optional<Deal> find_deal(const Id& id) override;
  std::vector<ExistingRegistration> lead_registrations(const RegistrationKeys& candidate) override;
  PipelineInputs pipeline_inputs(const std::optional<Id>& org, RoomKind room,
                                 const std::string& room_key) override;
  CommandOutcome apply_pipeline_change(const CommandKey& key, const PipelineChange& change,
                                       const std::vector<NewEvent>& events,
                                       const nlohmann::json& result, UnixTime now) override;

  // In sqlite_accounts.cpp:
  std::optional<CustomerAccount> find_account(const Id& id) override;
  std::optional<AccountTaskRecord> find_account_task(const Id& id) override;
  int64_t account_task_count(const Id& account_id) override;
  bool account_name_taken(const Id& org, const std::string& name) override;
  AccountsInputs accounts_inputs(const std::optional<Id>& org,
                                 const std::string& room_key) override;
  CommandOutcome apply_account_change(const CommandKey& key, const AccountChange& change,
                                      const std::vector<NewEvent>& events,
                                      const nlohmann::json& result, UnixTime now) override;
  // In sqlite_program.cpp:
  ProgramInputs program_inputs(const std::optional<Id>& org, const std::string& room_key) override;
  std::vector<MdfEntry> mdf_ledger(const Id& org) override;
  std::optional<Training> find_training(const Id& id) override;
  std::optional<MarketingActivity> find_activity(const Id& id) override;
  std::optional<TrainingProgress> find_progress(const Id& user, const Id& training) override;
  CommandOutcome apply_program_change(const CommandKey& key, const ProgramChange& change,
                                      const std::vector<NewEvent>& events,
                                      const nlohmann::json& result, UnixTime now) override;
  // Partnership administration, also in sqlite_program.cpp:
  std::optional<Partnership> find_partnership(const Id& id) override;
  std::optional<Partnership> partnership_of(const Id& org) override;
  std::vector<PartnerLevel> type_levels(const Id& type_id) override;
  std::optional<PriceItem> find_price_item(const Id& org, const std::string& sku) override;
  int64_t price_item_count(const Id& org) override;
  CommandOutcome apply_admin_change(const CommandKey& key, const AdminChange& change,
                                    const std::vector<NewEvent>& events,
                                    const nlohmann::json& result, UnixTime now) override;
  // In sqlite_overview.cpp:
  std::vector<OverviewAnnouncement> announcements(const std::optional<Id>& org,
                                                  size_t limit) override;
  CommandOutcome post_announcement(const CommandKey& key, const AnnouncementRecord& a,
                                   const std::vector<NewEvent>& events,
                                   const nlohmann::json& result, UnixTime now) override;
  std::vector<LeaderboardEntry> revenue_entries(UnixTime from, UnixTime to,
                                                const std::string& currency) override;
  std::vector<LeaderboardEntry> new_account_entries(UnixTime from, UnixTime to) override;
  std::vector<RoomPartner> search_partners(const std::string& query, size_t limit) override;
  std::vector<PersonRow> find_people(const PeopleQuery& query) override;
  NameDisclosure leaderboard_disclosure() override;
  UnixTime begin_visit(const Id& user_id, UnixTime now) override;
  void touch_visit(const Id& user_id, UnixTime now) override;
  UnixTime visit_since(const Id& user_id) override;
  std::vector<StoredEvent> events_since(const std::string& room_key, UnixTime since,
                                        size_t limit) override;
  std::optional<Conversation> find_conversation(const Id& id) override;
  std::optional<Conversation> find_direct_conversation(const Id& a, const Id& b) override;
  std::vector<Person> conversation_people(const Conversation& c) override;
  std::vector<Id> conversation_member_ids(const Conversation& c) override;
  std::optional<Message> find_message(const Id& id) override;
  int64_t next_message_seq(const Id& conversation_id) override;
  int32_t unread_after(const Id& conversation_id, const Id& user, int64_t seq) override;
  std::vector<ReadState> read_states(const Id& conversation_id,
                                     const std::vector<Id>& users) override;
  MessagesInputs messages_inputs(const Id& user, const std::optional<Id>& channel_org,
                                 const std::string& room_key) override;
  ConversationInputs conversation_inputs(const Conversation& c, size_t limit,
                                         const std::string& room_key) override;
  std::vector<Message> messages_before(const Id& conversation_id, int64_t before_seq,
                                       size_t limit, bool& has_older) override;
  std::vector<Message> search_messages(const Id& user, const std::optional<Id>& channel_org,
                                       const std::string& match, size_t limit) override;
  CommandOutcome apply_message_change(const CommandKey& key, const MessageChange& change,
                                      const std::vector<NewEvent>& events,
                                      const nlohmann::json& result, UnixTime now) override;

  void sync() override;
  // In sqlite_projects.cpp:
  ProjectsInputs projects_inputs(const std::optional<Id>& org,
                                 const std::string& room_key) override;
  std::optional<Project> find_project(const Id& id) override;
  std::optional<ProjectTaskRecord> find_project_task(const Id& id) override;
  std::optional<DeliverableRecord> find_deliverable(const Id& id) override;
  int64_t project_item_count(const Id& project_id, std::string_view table) override;
  CommandOutcome apply_project_change(const CommandKey& key, const ProjectChange& change,
                                      const std::vector<NewEvent>& events,
                                      const nlohmann::json& result, UnixTime now) override;
  NotificationsInputs notifications_inputs(const Id& user, const std::string& room_key,
                                           size_t limit) override;
  std::vector<Id> unread_notification_ids(const Id& user, const std::optional<Id>& id) override;
  std::optional<Notification> find_notification(const Id& id) override;
  CommandOutcome apply_notification_read(const CommandKey& key,
                                         const NotificationReadChange& change,
                                         const std::vector<NewEvent>& events,
                                         const nlohmann::json& result, UnixTime now) override;
  std::vector<AuditRow> audit_page(const AuditQuery& q, bool& more) override;
  // In sqlite_content.cpp:
  std::vector<PartnerRef> partner_refs() override;
  std::optional<PartnerRef> partner_ref(const Id& org) override;
  bool partner_type_exists(const Id& type_id) override;
  CatalogueInputs catalogue_inputs(CatalogueKind kind, const std::optional<ContentScope>& scope,
                                   const std::string& room_key) override;
  ContactsInputs contacts_inputs(const std::optional<ContentScope>& scope, const Id& vendor_org,
                                 const std::string& room_key) override;
  CustomRoomsInputs custom_rooms_inputs(const std::optional<ContentScope>& scope,
                                        const std::string& room_key) override;
  CasesInputs cases_inputs(const std::optional<ContentScope>& scope,
                           const std::string& room_key) override;
  std::optional<CatalogueRecord> find_catalogue_entry(const Id& id) override;
  std::optional<Contact> find_contact(const Id& id) override;
  std::optional<CustomRoom> find_custom_room(const Id& id) override;
  std::optional<Id> custom_room_by_slug(const std::string& slug) override;
  std::optional<SupportCase> find_case(const Id& id) override;
  std::optional<KbArticle> find_kb_article(const Id& id) override;
  std::vector<CatalogueRecord> search_catalogue(CatalogueKind kind,
                                                const std::optional<ContentScope>& scope,
                                                const std::string& match,
                                                const std::string& category,
                                                size_t limit) override;
  std::vector<KbArticle> search_kb(const std::string& match, bool drafts, size_t limit) override;
  CommandOutcome apply_content_change(const CommandKey& key, const ContentChange& change,
                                      const std::vector<NewEvent>& events,
                                      const nlohmann::json& result, UnixTime now) override;
  // In sqlite_files.cpp:
  std::optional<Id> session_user(const std::string& token_hash, UnixTime now) override;
  std::vector<std::string> ended_sessions(const std::vector<std::string>& token_hashes,
                                          UnixTime now) override;
  void insert_upload(const UploadRecord& upload) override;
  std::optional<UploadRecord> find_upload(const Id& id) override;
  std::optional<Id> attachment_conversation(const Id& upload_id) override;

  // In sqlite_files_store.cpp:
  std::optional<Folder> find_folder(const Id& id) override;
  std::optional<StoredFile> find_file(const Id& id) override;
  std::optional<VersionRecord> find_file_version(const Id& id) override;
  int32_t next_version_number(const Id& file_id) override;
  bool upload_in_use(const Id& upload_id) override;
  FilesInputs files_inputs(const std::optional<Id>& org, const std::string& room_key) override;
  CommandOutcome apply_file_change(const CommandKey& key, const FileChange& change,
                                   const std::vector<NewEvent>& events,
                                   const nlohmann::json& result, UnixTime now) override;
  std::vector<StoredEvent> record_download(const DownloadRecord& d,
                                           const std::vector<NewEvent>& events,
                                           UnixTime now) override;

  bool empty() override;
  void seed(const SeedData& data) override;
  // In sqlite_bulk.cpp:
  void seed_batches(const std::function<const SeedData*()>& next_batch) override;

  // In sqlite_admin.cpp:
  std::vector<Organisation> list_orgs() override;
  std::vector<SeedUser> list_users(const std::optional<Id>& org) override;
  void add_org(const Organisation& org) override;
  std::optional<std::string> add_user(const SeedUser& user) override;
  bool set_password_hash(const std::string& email, const std::string& hash) override;

  // In sqlite_mail.cpp:
  SeatUse seat_use(const Id& org, UnixTime now, const std::string& replacing_email) override;
  std::optional<InvitationRecord> find_invitation(const Id& id) override;
  std::vector<InvitationRecord> open_invitations(const Id& org, UnixTime now,
                                                 size_t limit) override;
  std::optional<InvitationRecord> find_invitation_by_token(const std::string& token_hash) override;
  CommandOutcome apply_invitation_change(const CommandKey& key, const InvitationChange& change,
                                         const std::vector<NewEvent>& events,
                                         const nlohmann::json& result, UnixTime now) override;
  std::variant<User, InvitationRefusal> accept_invitation(const std::string& token_hash,
                                                          const UserRecord& user,
                                                          UnixTime now) override;
  std::vector<OutboxMail> due_mails(UnixTime now, size_t limit) override;
  std::optional<OutboxMail> find_mail(const Id& id) override;
  void record_mail_attempt(const OutboxMail& mail) override;
  std::vector<DueDigest> due_digests(UnixTime now, size_t limit) override;
  void settle_digest(const DueDigest& digest, const std::optional<OutboxMail>& mail,
                     UnixTime next_due) override;

 private:
  class ReaderLease;

  SqliteStore() = default;
  // The frame of every command: in one IMMEDIATE transaction on the writer, unless `key` was
  // seen before (then its recorded result comes back and nothing changes), runs `write`,
  // appends `events` and records `result` under `key`. Every apply_*_change goes through here.
  // With `batched`, the command joins the writer's open batch transaction instead (see batch_).
  CommandOutcome run_command(const CommandKey& key, const std::vector<NewEvent>& events,
                             const nlohmann::json& result, UnixTime now,
                             const std::function<void(sqlite::Database&)>& write,
                             bool batched = false);
  // The writer with no batch open: commits the batch if one is. Every other transaction on the
  // writer begins on this. The caller holds write_mutex_.
  sqlite::Database& settled_writer();
  // Whether a batch is open; the caller holds write_mutex_. A batch whose transaction SQLite
  // rolled back by itself after a failed statement is dropped here and counts as lost.
  bool batch_open();
  // Drops the open batch, whose commands' writes are gone: the next sync() fails.
  void lose_batch();
  // Inserts the rows of `data`; the caller holds write_mutex_ and an open transaction.
  void insert_seed_rows(const SeedData& data);
  // Inserts the program rows of a seed (sqlite_program.cpp); same preconditions.
  void insert_program_seed(const ProgramSeed& seed);
  // Inserts the demo conversations of `data` (sqlite_messages.cpp); same preconditions.
  void insert_seed_conversations(const SeedData& data);
  // Inserts the demo content of `data` (sqlite_content.cpp); same preconditions.
  void insert_content_seed(const ContentSeed& seed);

  std::mutex write_mutex_;
  std::unique_ptr<sqlite::Database> writer_;
  // Group commit of messages: message commands run in savepoints of one open transaction, which
  // the next sync() (the durable queue's, before it acknowledges them) or any other writer
  // transaction commits. One commit then covers every message sent meanwhile: its index and
  // search pages are written to the log once, not once per message. Guarded by write_mutex_.
  std::unique_ptr<sqlite::Transaction> batch_;
  // A batch was rolled back instead of committed (disk full, I/O error) since the last sync():
  // the commands that had joined it returned as if stored, so the next sync() throws and the
  // durable queue acknowledges none of them; their senders resend. Guarded by write_mutex_.
  bool batch_lost_ = false;
  // The write-ahead log that sync() flushes (opened on first use, kept open).
  std::filesystem::path wal_path_;
  std::mutex wal_mutex_;
  int wal_fd_ = -1;

  std::mutex vendor_mutex_;
  Id vendor_id_;  // empty until vendor_org() first found it

  // Checkpoints, on their own thread and connection (started by open(), stopped and joined by
  // the destructor): the log is copied into the database file and synced there, not inside
  // the commit that crosses a size (SQLite's default), which held up every acknowledgement
  // waiting for that commit's sync.
  void run_checkpoints(std::string path);
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wake_;
  bool checkpoint_stop_ = false;
  std::thread checkpointer_;

  std::mutex readers_mutex_;
  std::condition_variable reader_returned_;
  std::vector<std::unique_ptr<sqlite::Database>> idle_readers_;
};

}  // namespace portal::server

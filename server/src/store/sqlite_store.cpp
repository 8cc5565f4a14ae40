#include "store/sqlite_store.h"
#include "store/sqlite_reader_lease.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <utility>

#include "app/thread_name.h"
#include "store/migrations.h"
#include "store/sqlite.h"
#include "store/sqlite_accounts.h"
#include "store/sqlite_log.h"
#include "store/sqlite_overview.h"
#include "store/sqlite_projects.h"
#include "store/sqlite_rows.h"

namespace portal::server {
namespace {

// Makes a new file's directory entry durable (fsync of the folder).
void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

using sqlite::Database;
using sqlite::latest_seq;
using sqlite::Query;
using sqlite::kOrgColumns;
using sqlite::read_org;
using sqlite::kDealColumns;
using sqlite::read_deal;
using sqlite::Transaction;
using sqlite::TransactionMode;

UnixTime unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Settings every connection needs. synchronous=NORMAL: a WAL commit does not wait for the disk
// (a process crash loses nothing, the OS has the pages), and sync() makes commits durable in
// groups before anything is acknowledged (app/durable_queue.h). Checkpoints still sync. The
// database file is read through a memory map, so a page another connection's write made stale
// is re-read from the OS cache without a read() call.
void configure(Database& db) {
  db.exec(
      "PRAGMA foreign_keys = ON;"
      "PRAGMA busy_timeout = 5000;"
      "PRAGMA synchronous = NORMAL;"
      "PRAGMA mmap_size = 1073741824;");
}

constexpr const char* kUserColumns = "id, org_id, email, name, role, password_hash FROM users";

void insert_lead(Database& db, const Lead& l) {
  const RegistrationKeys keys = registration_keys(l.draft.company, l.draft.email, l.draft.website);
  db.query(
        "INSERT INTO leads (id, org_id, company, contact, email, phone, notes, value_minor, "
        "currency, stage, created_by, created_at, company_key, mail_key, web_key, website, "
        "closed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, l.id)
      .bind(2, l.org_id)
      .bind(3, l.draft.company)
      .bind(4, l.draft.contact)
      .bind(5, l.draft.email)
      .bind(6, l.draft.phone)
      .bind(7, l.draft.notes)
      .bind(8, l.draft.value_minor)
      .bind(9, l.draft.currency)
      .bind(10, to_string(l.stage))
      .bind(11, l.created_by)
      .bind(12, l.created_at)
      .bind(13, keys.company)
      .bind(14, keys.mail_domain)
      .bind(15, keys.web_domain)
      .bind(16, l.draft.website)
      .bind(17, l.closed_at)
      .run();
}

// Leads stored before schema 12 have no duplicate-check keys yet: computed once, in one
// transaction, when the store opens (a few seconds at 400,000 leads, then never again).
void fill_lead_keys(Database& db) {
  std::vector<std::pair<Id, RegistrationKeys>> todo;
  {
    Query q = db.query("SELECT id, company, email, website FROM leads WHERE company_key IS NULL");
    while (q.step())
      todo.emplace_back(q.column_text(0),
                        registration_keys(q.column_text(1), q.column_text(2), q.column_text(3)));
  }
  if (todo.empty()) return;
  Transaction tx(db, TransactionMode::Immediate);
  for (const auto& [id, k] : todo)
    db.query("UPDATE leads SET company_key = ?, mail_key = ?, web_key = ? WHERE id = ?")
        .bind(1, k.company)
        .bind(2, k.mail_domain)
        .bind(3, k.web_domain)
        .bind(4, id)
        .run();
  tx.commit();
}

// Brings the schema to the latest version, one transaction per migration so a failure leaves
// the database at the last good version.
std::string migrate(Database& db) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "  version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
  const int64_t current = db.scalar_int("PRAGMA user_version");
  if (current > latest_schema_version()) {
    return "the database has schema version " + std::to_string(current) +
           " but this server only knows up to version " + std::to_string(latest_schema_version()) +
           "; it was written by a newer Partner Portal server. Run that version (or restore a "
           "backup) instead.";
  }
  for (const Migration& m : migrations()) {
    if (m.version <= current) continue;
    Transaction tx(db, TransactionMode::Immediate);
    db.exec(m.sql);
    db.query("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)")
        .bind(1, static_cast<int64_t>(m.version))
        .bind(2, unix_now())
        .run();
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
    tx.commit();
  }
  return {};
}

// How often the checkpointer copies the log into the database file, and how long the log may
// grow (in 4 KiB frames) before it is started over.
constexpr auto kCheckpointEvery = std::chrono::milliseconds(100);
constexpr int64_t kRestartLogAtFrames = 4096;

// Copies what it can of the log into the database file without waiting for anyone; returns how
// many frames the log holds.
int64_t passive_checkpoint(Database& db) {
  Query q = db.query("PRAGMA wal_checkpoint(PASSIVE)");
  return q.step() ? q.column_int(1) : 0;
}

}  // namespace

void SqliteStore::run_checkpoints(std::string path) {
  name_this_thread("portal-ckpt");
  std::optional<Database> opened;
  try {
    opened.emplace(path);
    configure(*opened);
  } catch (const sqlite::Error& e) {
    std::fprintf(stderr, "portal: no checkpoints (the log grows until shutdown): %s\n", e.what());
    return;
  }
  Database& db = *opened;
  std::unique_lock lock(checkpoint_mutex_);
  while (!checkpoint_wake_.wait_for(lock, kCheckpointEvery, [&] { return checkpoint_stop_; })) {
    lock.unlock();
    try {
      // The bulk of the copying (and its syncs) happens here, while commands go on writing.
      if (passive_checkpoint(db) >= kRestartLogAtFrames) {
        // The log only starts over once all of it is in the database file: for that moment,
        // writes pause. Little is left to copy by now, so the pause is short.
        std::lock_guard write(write_mutex_);
        settled_writer();
        passive_checkpoint(db);
      }
    } catch (const std::exception& e) {
      // Tried again next time; meanwhile the log grows, and nothing committed is lost.
      std::fprintf(stderr, "portal: checkpoint: %s\n", e.what());
    }
    lock.lock();
  }
}

// Borrows a reader connection for one call and gives it back, waking a waiting caller.
SqliteStore::OpenResult SqliteStore::open(const std::filesystem::path& dir, int readers) {
  OpenResult out;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    out.error = "cannot create the data folder " + dir.string() + ": " + ec.message();
    return out;
  }
  const std::string path = (dir / "portal.db").string();
  try {
    std::unique_ptr<SqliteStore> store(new SqliteStore());
    store->writer_ = std::make_unique<Database>(path);
    store->writer_->exec("PRAGMA journal_mode = WAL");
    configure(*store->writer_);
    out.error = migrate(*store->writer_);
    if (!out.error.empty()) return out;
    fill_lead_keys(*store->writer_);
    store->wal_path_ = path + "-wal";
    store->sync();  // the log file exists now: its directory entry must survive a power cut
    sync_directory(dir);
    // Checkpoints run on their own thread (run_checkpoints), not inside a commit.
    store->writer_->exec("PRAGMA wal_autocheckpoint = 0");
    store->checkpointer_ = std::thread(&SqliteStore::run_checkpoints, store.get(), path);
    for (int i = 0; i < readers; ++i) {
      auto reader = std::make_unique<Database>(path);
      configure(*reader);
      store->idle_readers_.push_back(std::move(reader));
    }
    out.store = std::move(store);
  } catch (const sqlite::Error& e) {
    out.error = std::string("cannot open the database: ") + e.what();
  }
  return out;
}

SqliteStore::~SqliteStore() {
  if (checkpointer_.joinable()) {
    {
      std::lock_guard lock(checkpoint_mutex_);
      checkpoint_stop_ = true;
    }
    checkpoint_wake_.notify_one();
    checkpointer_.join();
  }
  // What a short-lived user of the store (portal-admin) committed is durable when it exits.
  try {
    sync();
  } catch (const StoreError& e) {
    std::fprintf(stderr, "portal: %s\n", e.what());
  }
  if (wal_fd_ >= 0) ::close(wal_fd_);
}

void SqliteStore::sync() {
  {
    std::lock_guard lock(write_mutex_);
    try {
      settled_writer();
    } catch (...) {
      batch_lost_ = false;  // this failure is the one that tells
      throw;
    }
    if (std::exchange(batch_lost_, false)) {
      throw StoreError(
          "a failed write took back commands that had not reached the disk yet; their senders "
          "will resend them");
    }
  }
  std::lock_guard lock(wal_mutex_);
  if (wal_fd_ < 0) {
    wal_fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (wal_fd_ < 0) {
      // No log yet (nothing written since the last one was checkpointed away): the commits
      // are in the database file itself, which the checkpoint synced.
      if (errno == ENOENT) return;
      throw StoreError("cannot open the write-ahead log: " + std::string(std::strerror(errno)));
    }
  }
  // fdatasync flushes the file's pages whichever descriptor wrote them.
  if (::fdatasync(wal_fd_) != 0)
    throw StoreError("cannot sync the write-ahead log: " + std::string(std::strerror(errno)));
}

std::optional<UserRecord> SqliteStore::find_user_by_email(const std::string& email) {
  ReaderLease lease(*this);
  // The e-mail column is COLLATE NOCASE, so this comparison ignores ASCII case.
  Query q = lease.db().query(std::string("SELECT ") + kUserColumns + " WHERE email = ?");
  q.bind(1, email);
  if (!q.step()) return std::nullopt;
  return UserRecord{sqlite::read_user(q), q.column_text(5)};
}

std::optional<User> SqliteStore::find_user(const Id& id) {
  ReaderLease lease(*this);
  Query q = lease.db().query(std::string("SELECT ") + kUserColumns + " WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return sqlite::read_user(q);
}

std::optional<Organisation> SqliteStore::find_org(const Id& id) {
  ReaderLease lease(*this);
  Query q = lease.db().query(std::string("SELECT ") + kOrgColumns + " WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_org(q);
}

std::optional<Organisation> SqliteStore::vendor_org() {
  // Every command asks; finding the vendor by kind scans the organisations (10,000 partners).
  // Its id never changes once it exists, so after the first answer it is read by id.
  Id known;
  {
    std::lock_guard lock(vendor_mutex_);
    known = vendor_id_;
  }
  if (!known.empty()) return find_org(known);
  ReaderLease lease(*this);
  Query q = lease.db().query(std::string("SELECT ") + kOrgColumns +
                             " WHERE kind = 'vendor' ORDER BY rowid LIMIT 1");
  if (!q.step()) return std::nullopt;
  Organisation vendor = read_org(q);
  std::lock_guard lock(vendor_mutex_);
  vendor_id_ = vendor.id;
  return vendor;
}

Id SqliteStore::vendor_id() {
  {
    std::lock_guard lock(vendor_mutex_);
    if (!vendor_id_.empty()) return vendor_id_;
  }
  const auto vendor = vendor_org();  // remembers the id once found
  return vendor ? vendor->id : Id();
}

void SqliteStore::create_session(const std::string& token_hash, const Id& user_id,
                                 UnixTime expires_at) {
  std::lock_guard lock(write_mutex_);
  settled_writer()
      .query("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)")
      .bind(1, token_hash)
      .bind(2, user_id)
      .bind(3, expires_at)
      .run();
}

std::optional<Id> SqliteStore::refresh_session(const std::string& token_hash, UnixTime now,
                                               UnixTime new_expiry) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Immediate);
  std::optional<Id> user;
  UnixTime expires_at = 0;
  {
    Query q = writer_->query("SELECT user_id, expires_at FROM sessions WHERE token_hash = ?");
    q.bind(1, token_hash);
    if (q.step()) {
      user = q.column_text(0);
      expires_at = q.column_int(1);
    }
  }
  if (!user) return std::nullopt;
  if (expires_at <= now) {
    writer_->query("DELETE FROM sessions WHERE token_hash = ?").bind(1, token_hash).run();
    tx.commit();
    return std::nullopt;
  }
  writer_->query("UPDATE sessions SET expires_at = ? WHERE token_hash = ?")
      .bind(1, new_expiry)
      .bind(2, token_hash)
      .run();
  tx.commit();
  return user;
}

void SqliteStore::delete_session(const std::string& token_hash) {
  std::lock_guard lock(write_mutex_);
  settled_writer().query("DELETE FROM sessions WHERE token_hash = ?").bind(1, token_hash).run();
}

int64_t SqliteStore::room_seq(const std::string& room_key) {
  ReaderLease lease(*this);
  return latest_seq(lease.db(), room_key);
}

std::optional<std::vector<StoredEvent>> SqliteStore::events_after(const std::string& room_key,
                                                                  int64_t after, size_t limit) {
  ReaderLease lease(*this);
  Database& db = lease.db();
  Transaction tx(db, TransactionMode::Deferred);
  // The log keeps every event today; the check still matters once old events are pruned:
  // replay is only correct if the event right after `after` is still there.
  int64_t first = 0;
  int64_t last = 0;
  {
    Query q = db.query("SELECT COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0) FROM events "
                       "WHERE room = ?");
    q.bind(1, room_key);
    if (q.step()) {
      first = q.column_int(0);
      last = q.column_int(1);
    }
  }
  if (after < 0 || after > last) return std::nullopt;
  if (after < last && first > after + 1) return std::nullopt;
  if (static_cast<size_t>(last - after) > limit) return std::nullopt;

  std::vector<StoredEvent> events;
  Query q = db.query(
      "SELECT seq, type, data, at FROM events WHERE room = ? AND seq > ? ORDER BY seq");
  q.bind(1, room_key).bind(2, after);
  while (q.step()) {
    StoredEvent e;
    e.room_key = room_key;
    e.seq = q.column_int(0);
    e.type = q.column_text(1);
    e.data = nlohmann::json::parse(q.column_text(2), nullptr, false);
    e.at = q.column_int(3);
    events.push_back(std::move(e));
  }
  return events;
}

OverviewInputs SqliteStore::overview_inputs(size_t recent, const std::optional<Id>& org,
                                            const std::string& room_key) {
  ReaderLease lease(*this);
  Database& db = lease.db();
  // One read transaction so the figures and the sequence number describe the same moment.
  Transaction tx(db, TransactionMode::Deferred);
  OverviewInputs in;
  const std::string org_filter = org ? " WHERE org_id = ?" : " WHERE org_id IN "
                                                             "(SELECT id FROM organisations "
                                                             "WHERE kind = 'partner')";
  {
    Query q = db.query(std::string("SELECT ") + kOrgColumns +
                       (org ? " WHERE id = ?" : " WHERE kind = 'partner' ORDER BY name"));
    if (org) q.bind(1, *org);
    while (q.step()) in.orgs.push_back(read_org(q));
  }
  {
    // Per stage, so that which stages are open stays portal_core's to say.
    Query q =
        db.query(std::string("SELECT stage, COUNT(*) FROM leads") + org_filter + " GROUP BY stage");
    if (org) q.bind(1, *org);
    while (q.step()) {
      const auto n = static_cast<int32_t>(q.column_int(1));
      in.leads_submitted += n;
      auto stage = lead_stage_from_string(q.column_text(0));
      if (stage && is_open(*stage)) in.leads_open += n;
    }
  }
  {
    Query q = db.query(std::string("SELECT ") + sqlite::kLeadRowColumns + org_filter +
                       " ORDER BY created_at DESC, rowid DESC LIMIT ?");
    int i = 1;
    if (org) q.bind(i++, *org);
    q.bind(i, static_cast<int64_t>(recent));
    while (q.step()) in.recent_leads.push_back(sqlite::read_lead_record(q).lead);
  }
  {
    Query q = db.query(std::string("SELECT ") + kDealColumns + org_filter);
    if (org) q.bind(1, *org);
    while (q.step()) in.deals.push_back(read_deal(q));
  }
  in.seq = latest_seq(db, room_key);
  return in;
}

CommandOutcome SqliteStore::run_command(const CommandKey& key, const std::vector<NewEvent>& events,
                                        const nlohmann::json& result, UnixTime now,
                                        const std::function<void(Database&)>& write, bool batched) {
  std::lock_guard lock(write_mutex_);
  Database& db = *writer_;
  auto apply = [&] {
    CommandOutcome out;
    if (auto recorded = sqlite::recorded_result(db, key)) {
      out.result = std::move(*recorded);
      out.replayed = true;
      return out;
    }
    write(db);
    sqlite::write_side_rows(db, events, result, now);
    sqlite::write_outbox_rows(db);
    out.events = sqlite::append_events(db, events, now);
    sqlite::record_command(db, key, result, now);
    out.result = result;
    return out;
  };
  if (!batched) {
    Transaction tx(settled_writer(), TransactionMode::Immediate);
    CommandOutcome out = apply();
    tx.commit();
    return out;
  }
  // A savepoint of the batch: a command that fails takes back only its own writes. A batch
  // this command opened is rolled back whole, so no empty transaction stays open.
  const bool opened = !batch_open();
  if (opened) batch_ = std::make_unique<Transaction>(db, TransactionMode::Immediate);
  db.query("SAVEPOINT command").run();  // cached: prepared once, not parsed per command
  try {
    CommandOutcome out = apply();
    db.query("RELEASE command").run();
    return out;
  } catch (...) {
    if (opened) {
      batch_.reset();
    } else {
      try {
        db.query("ROLLBACK TO command").run();
        db.query("RELEASE command").run();
      } catch (const sqlite::Error&) {
        lose_batch();  // SQLite rolled the whole transaction back itself (disk full, I/O)
      }
    }
    throw;
  }
}

Database& SqliteStore::settled_writer() {
  if (batch_open()) {
    std::unique_ptr<Transaction> batch = std::move(batch_);
    try {
      batch->commit();
    } catch (...) {
      batch_lost_ = true;  // rolled back as `batch` goes: nothing acked its commands yet
      throw;
    }
  }
  return *writer_;
}

bool SqliteStore::batch_open() {
  if (batch_ && !writer_->in_transaction()) lose_batch();
  return batch_ != nullptr;
}

void SqliteStore::lose_batch() {
  batch_.reset();  // rolls back what is left of it
  batch_lost_ = true;
}

CommandOutcome SqliteStore::submit_lead(const CommandKey& key, const Lead& lead,
                                        const std::vector<NewEvent>& events,
                                        const nlohmann::json& result, UnixTime now) {
  return run_command(key, events, result, now, [&](Database& db) {
    insert_lead(db, lead);
  });
}

bool SqliteStore::empty() {
  ReaderLease lease(*this);
  return lease.db().scalar_int("SELECT COUNT(*) FROM organisations") == 0;
}

void SqliteStore::seed(const SeedData& data) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Immediate);
  insert_seed_rows(data);
  tx.commit();
}

void SqliteStore::insert_seed_rows(const SeedData& data) {
  for (const Organisation& o : data.orgs) {
    writer_
        ->query(
            "INSERT INTO organisations (id, name, kind, tier, revenue_share_bp, currency) "
            "VALUES (?,?,?,?,?,?)")
        .bind(1, o.id)
        .bind(2, o.name)
        .bind(3, to_string(o.kind))
        .bind(4, o.tier)
        .bind(5, static_cast<int64_t>(o.revenue_share_bp))
        .bind(6, o.currency)
        .run();
    // The seats an organisation is created with become its first, open-ended grant.
    if (o.licences > 0) {
      writer_
          ->query(
              "INSERT INTO licences (id, org_id, seats, valid_from, valid_until, granted_by, "
              "granted_at) VALUES (?,?,?,0,0,'',0)")
          .bind(1, sqlite::initial_grant_id(o.id))
          .bind(2, o.id)
          .bind(3, static_cast<int64_t>(o.licences))
          .run();
    }
  }
  for (const SeedUser& su : data.users) {
    const User& u = su.record.user;
    writer_
        ->query(
            "INSERT INTO users (id, org_id, email, name, role, password_hash, created_at) "
            "VALUES (?,?,?,?,?,?,?)")
        .bind(1, u.id)
        .bind(2, u.org_id)
        .bind(3, u.email)
        .bind(4, u.name)
        .bind(5, to_string(u.role))
        .bind(6, su.record.password_hash)
        .bind(7, su.created_at)
        .run();
  }
  for (const Lead& l : data.leads) insert_lead(*writer_, l);
  for (const Deal& d : data.deals) sqlite::write_deal(*writer_, d);
  sqlite::insert_account_rows(*writer_, data.accounts, data.account_tasks);
  insert_program_seed(data.program);
  sqlite::insert_announcements(*writer_, data.announcements);
  insert_seed_conversations(data);
  insert_content_seed(data.content);
}

}  // namespace portal::server

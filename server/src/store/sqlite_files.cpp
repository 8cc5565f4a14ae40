// Uploads and message attachments in SQLite: the upload rows the HTTP endpoints write and read,
// and the attachment rows of messages. The bytes themselves live in the BlobStore.
#include "store/sqlite_files.h"

#include "store/sqlite_reader_lease.h"
#include "store/sqlite_store.h"

namespace portal::server {
namespace sqlite {
namespace {

constexpr const char* kUploadColumns =
    "id, org_id, uploader, name, content_type, size, sha256, created_at";

UploadRecord read_upload(const Query& q) {
  UploadRecord u;
  u.id = q.column_text(0);
  u.org_id = q.column_text(1);
  u.uploader = q.column_text(2);
  u.name = q.column_text(3);
  u.content_type = q.column_text(4);
  u.size = q.column_int(5);
  u.sha256 = q.column_text(6);
  u.created_at = q.column_int(7);
  return u;
}

}  // namespace

void insert_attachments(Database& db, const Message& m) {
  int64_t position = 0;
  for (const Id& upload : m.attachment_ids) {
    db.query("INSERT INTO message_attachments (upload_id, message_id, position) VALUES (?,?,?)")
        .bind(1, upload)
        .bind(2, m.id)
        .bind(3, position++)
        .run();
  }
}

void load_attachments(Database& db, Message& m) {
  m.attachment_ids.clear();
  m.attachments.clear();
  if (m.deleted) return;  // a tombstone shows nothing, its files included
  Query q = db.query(std::string("SELECT ") +
                     "u.id, u.org_id, u.uploader, u.name, u.content_type, u.size, u.sha256, "
                     "u.created_at FROM message_attachments a JOIN uploads u ON u.id = "
                     "a.upload_id WHERE a.message_id = ? ORDER BY a.position");
  q.bind(1, m.id);
  while (q.step()) {
    UploadRecord u = read_upload(q);
    m.attachment_ids.push_back(u.id);
    m.attachments.push_back(u.info());
  }
}

void load_attachments(Database& db, std::vector<Message>& messages) {
  for (Message& m : messages) load_attachments(db, m);
}

}  // namespace sqlite

using sqlite::Query;

std::optional<Id> SqliteStore::session_user(const std::string& token_hash, UnixTime now) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query("SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?");
  q.bind(1, token_hash).bind(2, now);
  if (!q.step()) return std::nullopt;
  return q.column_text(0);
}

std::vector<std::string> SqliteStore::ended_sessions(const std::vector<std::string>& token_hashes,
                                                    UnixTime now) {
  std::vector<std::string> ended;
  if (token_hashes.empty()) return ended;
  // A reader: checking every live connection's session must not hold the writer meanwhile.
  ReaderLease lease(*this);
  sqlite::Database& db = lease.db();
  sqlite::Transaction tx(db, sqlite::TransactionMode::Deferred);
  for (const std::string& token_hash : token_hashes) {
    Query q = db.query("SELECT 1 FROM sessions WHERE token_hash = ? AND expires_at > ?");
    q.bind(1, token_hash).bind(2, now);
    if (!q.step()) ended.push_back(token_hash);
  }
  return ended;
}

void SqliteStore::insert_upload(const UploadRecord& u) {
  std::lock_guard lock(write_mutex_);
  settled_writer()
      .query(std::string("INSERT INTO uploads (") + sqlite::kUploadColumns +
             ") VALUES (?,?,?,?,?,?,?,?)")
      .bind(1, u.id)
      .bind(2, u.org_id)
      .bind(3, u.uploader)
      .bind(4, u.name)
      .bind(5, u.content_type)
      .bind(6, u.size)
      .bind(7, u.sha256)
      .bind(8, u.created_at)
      .run();
}

std::optional<UploadRecord> SqliteStore::find_upload(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + sqlite::kUploadColumns +
                           " FROM uploads WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return sqlite::read_upload(q);
}

std::optional<Id> SqliteStore::attachment_conversation(const Id& upload_id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(
      "SELECT m.conversation_id FROM message_attachments a JOIN messages m ON m.id = "
      "a.message_id WHERE a.upload_id = ?");
  q.bind(1, upload_id);
  if (!q.step()) return std::nullopt;
  return q.column_text(0);
}

}  // namespace portal::server

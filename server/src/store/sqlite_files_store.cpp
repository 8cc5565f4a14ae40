// The Shared files store in SQLite: folders, files, versions (each pointing at an upload, whose
// bytes live in the BlobStore), downloads and comments; read as one room snapshot and written by
// the files commands through run_command.
#include "store/sqlite.h"
#include "store/sqlite_log.h"
#include "store/sqlite_store.h"

namespace portal::server {
namespace {

using sqlite::Database;
using sqlite::Query;
using sqlite::Transaction;
using sqlite::TransactionMode;

constexpr const char* kVersionColumns =
    "v.id, v.file_id, v.number, u.size, u.content_type, u.sha256, v.note, v.uploaded_by, "
    "v.uploaded_at, v.upload_id";

Folder read_folder(const Query& q) {
  Folder f;
  f.id = q.column_text(0);
  f.org_id = q.column_text(1);
  f.parent_id = q.column_text(2);
  f.name = q.column_text(3);
  f.created_by = q.column_text(4);
  f.created_at = q.column_int(5);
  return f;
}

StoredFile read_file(const Query& q, int first = 0) {
  StoredFile f;
  f.id = q.column_text(first + 0);
  f.org_id = q.column_text(first + 1);
  f.folder_id = q.column_text(first + 2);
  f.name = q.column_text(first + 3);
  f.created_by = q.column_text(first + 4);
  f.created_at = q.column_int(first + 5);
  return f;
}

FileVersion read_version(const Query& q) {
  FileVersion v;
  v.id = q.column_text(0);
  v.file_id = q.column_text(1);
  v.number = static_cast<int32_t>(q.column_int(2));
  v.size_bytes = q.column_int(3);
  v.content_type = q.column_text(4);
  v.sha256 = q.column_text(5);
  v.note = q.column_text(6);
  v.uploaded_by = q.column_text(7);
  v.uploaded_at = q.column_int(8);
  return v;
}

// "" = every organisation (vendor staff); the `?` binds the organisation twice.
constexpr const char* kOrgFilter = "(?1 = '' OR org_id = ?1)";

}  // namespace

std::optional<Folder> SqliteStore::find_folder(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(
      "SELECT id, org_id, parent_id, name, created_by, created_at FROM folders WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_folder(q);
}

std::optional<StoredFile> SqliteStore::find_file(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(
      "SELECT id, org_id, folder_id, name, created_by, created_at FROM files WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_file(q);
}

std::optional<VersionRecord> SqliteStore::find_file_version(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + kVersionColumns +
                           ", f.id, f.org_id, f.folder_id, f.name, f.created_by, f.created_at "
                           "FROM file_versions v JOIN uploads u ON u.id = v.upload_id "
                           "JOIN files f ON f.id = v.file_id WHERE v.id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  VersionRecord r;
  r.version = read_version(q);
  r.upload_id = q.column_text(9);
  r.file = read_file(q, 10);
  return r;
}

int32_t SqliteStore::next_version_number(const Id& file_id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query("SELECT coalesce(max(number), 0) + 1 FROM file_versions WHERE file_id = ?");
  q.bind(1, file_id);
  q.step();
  return static_cast<int32_t>(q.column_int(0));
}

bool SqliteStore::upload_in_use(const Id& upload_id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(
      "SELECT EXISTS (SELECT 1 FROM message_attachments WHERE upload_id = ?1) OR EXISTS (SELECT 1 "
      "FROM file_versions WHERE upload_id = ?1)");
  q.bind(1, upload_id);
  q.step();
  return q.column_int(0) != 0;
}

FilesInputs SqliteStore::files_inputs(const std::optional<Id>& org, const std::string& room_key) {
  std::lock_guard lock(write_mutex_);
  Database& db = settled_writer();
  Transaction tx(db, TransactionMode::Deferred);
  const std::string o = org.value_or(std::string());
  FilesInputs in;
  {
    Query q = db.query(std::string("SELECT id, org_id, parent_id, name, created_by, created_at "
                                   "FROM folders WHERE ") + kOrgFilter + " ORDER BY name, id");
    q.bind(1, o);
    while (q.step()) in.folders.push_back(read_folder(q));
  }
  {
    Query q = db.query(std::string("SELECT id, org_id, folder_id, name, created_by, created_at "
                                   "FROM files WHERE ") + kOrgFilter + " ORDER BY name, id");
    q.bind(1, o);
    while (q.step()) in.files.push_back(read_file(q));
  }
  {
    Query q = db.query(std::string("SELECT ") + kVersionColumns +
                       " FROM file_versions v JOIN uploads u ON u.id = v.upload_id JOIN files f "
                       "ON f.id = v.file_id WHERE (?1 = '' OR f.org_id = ?1) ORDER BY v.file_id, "
                       "v.number");
    q.bind(1, o);
    while (q.step()) in.versions.push_back(read_version(q));
  }
  {
    Query q = db.query(
        "SELECT d.id, d.file_id, d.version_id, d.user_id, d.downloaded_at FROM downloads d JOIN "
        "files f ON f.id = d.file_id WHERE (?1 = '' OR f.org_id = ?1) ORDER BY d.downloaded_at, "
        "d.id");
    q.bind(1, o);
    while (q.step())
      in.downloads.push_back(DownloadRecord{q.column_text(0), q.column_text(1), q.column_text(2),
                                            q.column_text(3), q.column_int(4)});
  }
  {
    Query q = db.query(
        "SELECT c.id, c.file_id, c.author_id, c.body, c.created_at FROM file_comments c JOIN "
        "files f ON f.id = c.file_id WHERE (?1 = '' OR f.org_id = ?1) ORDER BY c.created_at, "
        "c.id");
    q.bind(1, o);
    while (q.step())
      in.comments.push_back(FileComment{q.column_text(0), q.column_text(1), q.column_text(2),
                                        q.column_text(3), q.column_int(4)});
  }
  in.seq = sqlite::latest_seq(db, room_key);
  return in;
}

CommandOutcome SqliteStore::apply_file_change(const CommandKey& key, const FileChange& change,
                                              const std::vector<NewEvent>& events,
                                              const nlohmann::json& result, UnixTime now) {
  return run_command(key, events, result, now, [&](Database& db) {
    if (change.folder) {
      const Folder& f = *change.folder;
      db.query("INSERT INTO folders (id, org_id, parent_id, name, created_by, created_at) "
               "VALUES (?,?,?,?,?,?)")
          .bind(1, f.id).bind(2, f.org_id).bind(3, f.parent_id).bind(4, f.name)
          .bind(5, f.created_by).bind(6, f.created_at).run();
    }
    if (change.file) {
      const StoredFile& f = *change.file;
      db.query("INSERT INTO files (id, org_id, folder_id, name, created_by, created_at) "
               "VALUES (?,?,?,?,?,?)")
          .bind(1, f.id).bind(2, f.org_id).bind(3, f.folder_id).bind(4, f.name)
          .bind(5, f.created_by).bind(6, f.created_at).run();
    }
    if (change.version) {
      const FileVersion& v = *change.version;
      db.query("INSERT INTO file_versions (id, file_id, number, upload_id, note, uploaded_by, "
               "uploaded_at) VALUES (?,?,?,?,?,?,?)")
          .bind(1, v.id).bind(2, v.file_id).bind(3, int64_t{v.number}).bind(4, change.upload_id)
          .bind(5, v.note).bind(6, v.uploaded_by).bind(7, v.uploaded_at).run();
    }
    if (change.comment) {
      const FileComment& c = *change.comment;
      db.query("INSERT INTO file_comments (id, file_id, author_id, body, created_at) "
               "VALUES (?,?,?,?,?)")
          .bind(1, c.id).bind(2, c.file_id).bind(3, c.author_id).bind(4, c.body)
          .bind(5, c.created_at).run();
    }
  });
}

std::vector<StoredEvent> SqliteStore::record_download(const DownloadRecord& d,
                                                      const std::vector<NewEvent>& events,
                                                      UnixTime now) {
  // Not a command (no command id, nothing to replay): one transaction of its own for the row
  // and its events.
  std::lock_guard lock(write_mutex_);
  Database& db = settled_writer();
  Transaction tx(db, TransactionMode::Immediate);
  db.query("INSERT INTO downloads (id, file_id, version_id, user_id, downloaded_at) "
           "VALUES (?,?,?,?,?)")
      .bind(1, d.id).bind(2, d.file_id).bind(3, d.version_id).bind(4, d.user_id)
      .bind(5, d.downloaded_at).run();
  std::vector<StoredEvent> stored = sqlite::append_events(db, events, now);
  tx.commit();
  return stored;
}

}  // namespace portal::server

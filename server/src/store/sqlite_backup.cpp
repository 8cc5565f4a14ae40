#include "store/sqlite_backup.h"

#include <sqlite3.h>

#include <memory>

#include "store/migrations.h"

namespace portal::server {
namespace fs = std::filesystem;
namespace {

constexpr const char* kDbName = "portal.db";
// The tables every schema version has; a file without them is not a portal database.
constexpr const char* kCoreTables[] = {"schema_migrations", "organisations", "users", "sessions",
                                       "leads", "deals", "events", "commands"};

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, Closer>;

// Opens an existing file (never creates one unless asked); the error sentence on failure.
Connection open(const fs::path& path, int flags, std::string& error) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Connection db(raw);
  if (rc != SQLITE_OK) {
    error = "cannot open " + path.string() + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory");
    return nullptr;
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

// Runs `sql` and returns its first column of its first row as text ("" when no row). Sets
// `error` on failure.
std::string first_value(sqlite3* db, const std::string& sql, std::string& error) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    error = sqlite3_errmsg(db);
    return {};
  }
  std::string value;
  const int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    value = text ? text : "";
  } else if (rc != SQLITE_DONE) {
    error = sqlite3_errmsg(db);
  }
  sqlite3_finalize(stmt);
  return value;
}

// Copies every page of `from` into `to` in one step (one consistent read snapshot of `from`).
std::string copy_pages(sqlite3* from, sqlite3* to) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) return sqlite3_errmsg(to);
  int rc = SQLITE_OK;
  // A writer committing at the very moment the snapshot starts can make a step busy; the
  // snapshot itself never blocks writers, so a short retry is enough.
  for (int attempt = 0; attempt < 100; ++attempt) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_sleep(50);
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return sqlite3_errstr(rc);
  return {};
}

}  // namespace

std::string backup_database(const fs::path& data_dir, const fs::path& to) {
  const fs::path source_path = data_dir / kDbName;
  std::error_code ec;
  if (!fs::is_regular_file(source_path, ec)) return "there is no database at " + source_path.string();
  if (to.empty() || fs::is_directory(to, ec)) return "--to must name a file, not a folder";
  std::string error;
  Connection source = open(source_path, SQLITE_OPEN_READWRITE, error);
  if (!source) return error;
  sqlite3_busy_timeout(source.get(), 5000);

  const fs::path part = fs::path(to.string() + ".part");
  fs::remove(part, ec);
  {
    Connection dest = open(part, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
    if (!dest) return error;
    if (std::string copy_error = copy_pages(source.get(), dest.get()); !copy_error.empty()) {
      dest.reset();
      fs::remove(part, ec);
      return "the backup failed: " + copy_error;
    }
    // A backup is one self-contained file: no WAL beside it.
    first_value(dest.get(), "PRAGMA journal_mode = DELETE", error);
    const std::string check = first_value(dest.get(), "PRAGMA quick_check", error);
    if (!error.empty() || check != "ok") {
      dest.reset();
      fs::remove(part, ec);
      return "the backup copy does not check out (" + (error.empty() ? check : error) + ")";
    }
  }
  fs::rename(part, to, ec);
  if (ec) return "cannot move the backup to " + to.string() + ": " + ec.message();
  return {};
}

std::string check_portal_database(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return file.string() + " is not a file";
  std::string error;
  Connection db = open(file, SQLITE_OPEN_READWRITE, error);
  if (!db) return error;
  const std::string check = first_value(db.get(), "PRAGMA quick_check", error);
  if (!error.empty()) return file.string() + " is not a readable SQLite database (" + error + ")";
  if (check != "ok") return file.string() + " is damaged (" + check + ")";
  for (const char* table : kCoreTables) {
    const std::string found = first_value(
        db.get(),
        std::string("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '") + table +
            "'",
        error);
    if (found.empty()) {
      return file.string() + " is not a Partner Portal database (it has no " + table + " table)";
    }
  }
  const int64_t version = std::stoll("0" + first_value(db.get(), "PRAGMA user_version", error));
  if (version < 1) return file.string() + " is not a Partner Portal database (no schema version)";
  if (version > latest_schema_version()) {
    return file.string() + " has schema version " + std::to_string(version) +
           ", written by a newer Partner Portal; this one knows up to version " +
           std::to_string(latest_schema_version());
  }
  return {};
}

std::string restore_database(const fs::path& data_dir, const fs::path& from) {
  std::error_code ec;
  if (!fs::is_regular_file(from, ec)) return "there is no backup file at " + from.string();
  fs::create_directories(data_dir, ec);
  const fs::path target_path = data_dir / kDbName;
  // Check a private copy, so the backup itself is never touched (opening it could leave
  // journal files beside it) and what is checked is exactly what gets restored.
  const fs::path staging = data_dir / "portal.db.restoring";
  fs::remove(staging, ec);
  fs::copy_file(from, staging, ec);
  if (ec) return "cannot copy " + from.string() + " into " + data_dir.string() + ": " + ec.message();
  struct RemoveStaging {
    fs::path path;
    ~RemoveStaging() {
      std::error_code ignored;
      fs::remove(path, ignored);
      fs::remove(path.string() + "-journal", ignored);
    }
  } cleanup{staging};
  if (std::string problem = check_portal_database(staging); !problem.empty()) {
    return "refusing to restore: " + (problem.find(staging.string()) == 0
                                          ? from.string() + problem.substr(staging.string().size())
                                          : problem);
  }
  std::string error;
  Connection source = open(staging, SQLITE_OPEN_READWRITE, error);
  if (!source) return error;

  if (!fs::exists(target_path, ec)) {
    Connection target = open(target_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
    if (!target) return error;
    if (std::string e = copy_pages(source.get(), target.get()); !e.empty()) {
      return "the restore failed: " + e;
    }
    return {};
  }

  // Take the database for ourselves: a running server keeps a lock on it, so an exclusive lock
  // (held until this connection closes) succeeds only when nobody else has it open.
  Connection target = open(target_path, SQLITE_OPEN_READWRITE, error);
  if (!target) return error;
  sqlite3_busy_timeout(target.get(), 0);
  first_value(target.get(), "PRAGMA locking_mode = EXCLUSIVE", error);
  if (sqlite3_exec(target.get(), "BEGIN EXCLUSIVE; COMMIT;", nullptr, nullptr, nullptr) !=
      SQLITE_OK) {
    const int code = sqlite3_errcode(target.get()) & 0xff;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
      return "the database " + target_path.string() +
             " is in use (is portal-server running on this data folder?); stop it before "
             "restoring";
    }
    return "cannot lock " + target_path.string() + ": " + sqlite3_errmsg(target.get());
  }
  // Keep what was there: a consistent single-file copy including anything still in the WAL.
  const fs::path previous = data_dir / "portal.db.before-restore";
  fs::remove(previous, ec);
  {
    Connection keep = open(previous, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
    if (!keep) return error;
    if (std::string e = copy_pages(target.get(), keep.get()); !e.empty()) {
      return "cannot keep the previous database as " + previous.string() + ": " + e;
    }
    first_value(keep.get(), "PRAGMA journal_mode = DELETE", error);
  }
  if (std::string e = copy_pages(source.get(), target.get()); !e.empty()) {
    return "the restore failed (the previous database is unchanged): " + e;
  }
  return {};
}

}  // namespace portal::server

#include "store/sqlite.h"

#include <sqlite3.h>

namespace portal::server::sqlite {
namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += db ? sqlite3_errmsg(db) : "out of memory";
  throw Error(message);
}

}  // namespace

Database::Database(const std::string& path) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = "cannot open " + path + ": " + (db_ ? sqlite3_errmsg(db_) : "?");
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(message);
  }
  sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  // sqlite3_close (not _v2) so a leaked statement would show up as SQLITE_BUSY in testing;
  // every statement is finalised above, so this closes the file and checkpoints the WAL.
  sqlite3_close(db_);
}

void Database::exec(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errmsg(db_);
    sqlite3_free(error);
    throw Error("sql failed: " + message);
  }
}

Query Database::query(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK) {
      fail(db_, "prepare failed");
    }
    it = cache_.emplace(std::string(sql), stmt).first;
  }
  return Query(*this, it->second);
}

int64_t Database::scalar_int(std::string_view sql) {
  Query q = query(sql);
  return q.step() ? q.column_int(0) : 0;
}

bool Database::in_transaction() const {
  return sqlite3_get_autocommit(db_) == 0;
}

Query::~Query() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Query& Query::bind(int index, int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail(db_->handle(), "bind failed");
  return *this;
}

Query& Query::bind(int index, std::string_view value) {
  if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    fail(db_->handle(), "bind failed");
  }
  return *this;
}

Query& Query::bind_null(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail(db_->handle(), "bind failed");
  return *this;
}

bool Query::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_->handle(), "step failed");
}

void Query::run() {
  while (step()) {
  }
}

int64_t Query::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }

std::string Query::column_text(int index) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
  const int size = sqlite3_column_bytes(stmt_, index);
  return text ? std::string(text, static_cast<size_t>(size)) : std::string();
}

bool Query::column_is_null(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

Transaction::Transaction(Database& db, TransactionMode mode) : db_(db) {
  db_.exec(mode == TransactionMode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    db_.exec("ROLLBACK");
  } catch (const Error&) {
    // A failed rollback means SQLite already rolled back (e.g. after SQLITE_FULL): nothing to do.
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace portal::server::sqlite

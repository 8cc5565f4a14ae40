// Thin RAII wrappers over the SQLite C API: a connection with a prepared-statement cache, a
// query handle that always leaves its statement reset, and a transaction that rolls back unless
// committed. Failures throw sqlite::Error: a failing statement ends the operation it was part of.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/store_error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace portal::server::sqlite {

class Error : public StoreError {
 public:
  using StoreError::StoreError;
};

class Query;

class Database {
 public:
  // Opens (and creates when missing) the database file. Throws Error when it cannot.
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without results (schema, pragmas).
  void exec(std::string_view sql);
  // A prepared statement from the cache, reset and with no bindings.
  Query query(std::string_view sql);
  // Runs a single-value query such as "PRAGMA user_version".
  int64_t scalar_int(std::string_view sql);

  sqlite3* handle() const { return db_; }
  // Whether a transaction is open. SQLite rolls one back by itself after some errors inside a
  // statement (disk full, I/O error, out of memory): then this turns false.
  bool in_transaction() const;

 private:
  sqlite3* db_ = nullptr;
  // Looked up on every query with the SQL text itself (no std::string is made for a hit): one
  // hash over the text rather than a dozen comparisons of long, alike SQL strings.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> cache_;
};

// One use of a cached prepared statement. Binds are 1-based like SQLite's; columns 0-based.
class Query {
 public:
  Query(Database& db, sqlite3_stmt* stmt) : db_(&db), stmt_(stmt) {}
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  Query(Query&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }

  Query& bind(int index, int64_t value);
  Query& bind(int index, std::string_view value);
  Query& bind_null(int index);

  // Advances to the next row: true when a row is available, false when done.
  bool step();
  // Runs a statement that returns no rows.
  void run();

  int64_t column_int(int index) const;
  std::string column_text(int index) const;
  bool column_is_null(int index) const;

 private:
  Database* db_;
  sqlite3_stmt* stmt_;
};

enum class TransactionMode { Deferred, Immediate };

// Rolls back in the destructor unless commit() ran: an exception thrown half way through a
// command leaves no partial write behind.
class Transaction {
 public:
  Transaction(Database& db, TransactionMode mode);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace portal::server::sqlite

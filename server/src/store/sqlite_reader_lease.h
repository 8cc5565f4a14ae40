// A reader connection of the store's pool, held for one read transaction and handed back when
// the lease ends (waits while every reader is leased). Room snapshots read through one, so a
// large snapshot (the vendor's at 10,000 partners) never holds the writer and its mutex, and
// commands go on meanwhile; WAL gives the reader a consistent snapshot of its own.
#pragma once
#include <memory>
#include <mutex>

#include "store/sqlite.h"
#include "store/sqlite_store.h"

namespace portal::server {

class SqliteStore::ReaderLease {
 public:
  explicit ReaderLease(SqliteStore& store) : store_(store) {
    std::unique_lock lock(store_.readers_mutex_);
    store_.reader_returned_.wait(lock, [&] { return !store_.idle_readers_.empty(); });
    db_ = std::move(store_.idle_readers_.back());
    store_.idle_readers_.pop_back();
  }
  ~ReaderLease() {
    {
      std::lock_guard lock(store_.readers_mutex_);
      store_.idle_readers_.push_back(std::move(db_));
    }
    store_.reader_returned_.notify_one();
  }
  ReaderLease(const ReaderLease&) = delete;
  ReaderLease& operator=(const ReaderLease&) = delete;
  sqlite::Database& db() { return *db_; }

 private:
  SqliteStore& store_;
  std::unique_ptr<sqlite::Database> db_;
};

}  // namespace portal::server

// Bulk seeding for generated programs (thousands of partners, millions of rows): every batch
// goes through the same cached prepared statements as the demo seed, all inside one
// transaction, so a half-generated database never exists.
#include "store/sqlite.h"
#include "store/sqlite_store.h"

namespace portal::server {

void SqliteStore::seed_batches(const std::function<const SeedData*()>& next_batch) {
  std::lock_guard lock(write_mutex_);
  sqlite::Transaction tx(settled_writer(), sqlite::TransactionMode::Immediate);
  while (const SeedData* batch = next_batch()) insert_seed_rows(*batch);
  tx.commit();
}

}  // namespace portal::server

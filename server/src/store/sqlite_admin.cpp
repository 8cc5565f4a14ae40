// The administration calls of SqliteStore (used by portal-admin): listing and adding
// organisations and users, and replacing a password. They run on the writer connection: the
// tool is single-threaded and a check-then-insert must see the latest committed state.
#include "portal/model/program.h"
#include "store/sqlite.h"
#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace portal::server {

using sqlite::Query;
using sqlite::Transaction;
using sqlite::TransactionMode;

std::vector<Organisation> SqliteStore::list_orgs() {
  std::lock_guard lock(write_mutex_);
  std::vector<Organisation> out;
  Query q = writer_->query(std::string("SELECT ") + sqlite::kOrgColumns +
                           " ORDER BY kind DESC, name");
  while (q.step()) out.push_back(sqlite::read_org(q));
  return out;
}

std::vector<SeedUser> SqliteStore::list_users(const std::optional<Id>& org) {
  std::lock_guard lock(write_mutex_);
  std::vector<SeedUser> out;
  Query q = writer_->query(std::string("SELECT id, org_id, email, name, role, created_at FROM users") +
                           (org ? " WHERE org_id = ?" : "") + " ORDER BY email");
  if (org) q.bind(1, *org);
  while (q.step()) {
    SeedUser su;
    su.record.user = sqlite::read_user(q);
    su.created_at = q.column_int(5);
    out.push_back(std::move(su));
  }
  return out;
}

void SqliteStore::add_org(const Organisation& org) {
  SeedData data;
  data.orgs.push_back(org);
  seed(data);
}

std::optional<std::string> SqliteStore::add_user(const SeedUser& user) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Immediate);
  {
    Query q = writer_->query("SELECT COUNT(*) FROM users WHERE email = ?");
    q.bind(1, user.record.user.email);
    if (q.step() && q.column_int(0) > 0) {
      return "a user with the e-mail " + user.record.user.email + " already exists";
    }
  }
  std::string org_name;
  int64_t licences = 0;
  int64_t active = 0;
  {
    Query q = writer_->query(
        "SELECT name, (SELECT COUNT(*) FROM users WHERE org_id = o.id) "
        "FROM organisations o WHERE id = ?");
    q.bind(1, user.record.user.org_id);
    if (!q.step()) return "there is no organisation with the id " + user.record.user.org_id;
    org_name = q.column_text(0);
    active = q.column_int(1);
  }
  {
    // The grants in force when the user joins are the seats (schema 9: the one source).
    Query q = writer_->query(sqlite::kSeatsInForce);
    q.bind(1, user.record.user.org_id).bind(2, user.created_at);
    licences = q.step() ? q.column_int(0) : 0;
  }
  const LicenceCheck check = may_add_user(org_name, static_cast<int32_t>(active),
                                          static_cast<int32_t>(licences));
  if (!check.allowed) return check.refusal;
  SeedData data;
  data.users.push_back(user);
  insert_seed_rows(data);
  tx.commit();
  return std::nullopt;
}

bool SqliteStore::set_password_hash(const std::string& email, const std::string& hash) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Immediate);
  std::string user_id;
  {
    Query q = writer_->query("SELECT id FROM users WHERE email = ?");
    q.bind(1, email);
    if (!q.step()) return false;
    user_id = q.column_text(0);
  }
  writer_->query("UPDATE users SET password_hash = ? WHERE id = ?").bind(1, hash).bind(2, user_id).run();
  // A new password ends every session made with the old one.
  writer_->query("DELETE FROM sessions WHERE user_id = ?").bind(1, user_id).run();
  tx.commit();
  return true;
}

}  // namespace portal::server

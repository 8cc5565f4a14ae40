// The Customer accounts room's calls of SqliteStore: reading accounts with their plans and
// tasks, and writing what an accounts command changes together with its events and command
// record. Like sqlite_pipeline.cpp they run on the writer connection under its mutex, so a
// command's read-check-write and a snapshot's rows + seq each see one moment.
#include <unordered_map>

#include "store/sqlite.h"
#include "store/sqlite_accounts.h"
#include "store/sqlite_log.h"
#include "store/sqlite_reader_lease.h"
#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace portal::server {
namespace sqlite {

void insert_account(Database& db, const CustomerAccount& a, const Id& created_by) {
  db.query(
        "INSERT INTO customer_accounts (id, org_id, name, website, lifetime_revenue_minor, "
        "currency, created_by, created_at) VALUES (?,?,?,?,?,?,?,?)")
      .bind(1, a.id)
      .bind(2, a.org_id)
      .bind(3, a.name)
      .bind(4, a.website)
      .bind(5, a.lifetime_revenue.minor)
      .bind(6, a.lifetime_revenue.currency)
      .bind(7, created_by)
      .bind(8, a.created_at)
      .run();
  int64_t position = 0;
  for (const CommitmentPlan& p : a.plans) {
    db.query(
          "INSERT INTO commitment_plans (id, account_id, position, name, value_minor, currency, "
          "status, via_cppo, cppo_eligible, expires_at) VALUES (?,?,?,?,?,?,?,?,?,?)")
        .bind(1, p.id)
        .bind(2, a.id)
        .bind(3, position++)
        .bind(4, p.name)
        .bind(5, p.value.minor)
        .bind(6, p.value.currency)
        .bind(7, to_string(p.status))
        .bind(8, int64_t{p.via_cppo ? 1 : 0})
        .bind(9, int64_t{p.cppo_eligible ? 1 : 0})
        .bind(10, p.expires_at)
        .run();
  }
}

void write_account_task(Database& db, const AccountTask& t, UnixTime created_at) {
  db.query(
        "INSERT INTO account_tasks (id, account_id, kind, title, status, assignee_id, due_at, "
        "completed_at, created_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
        "status = excluded.status, completed_at = excluded.completed_at, "
        "title = excluded.title, due_at = excluded.due_at, assignee_id = excluded.assignee_id")
      .bind(1, t.id)
      .bind(2, t.account_id)
      .bind(3, to_string(t.kind))
      .bind(4, t.title)
      .bind(5, to_string(t.status))
      .bind(6, t.assignee_id)
      .bind(7, t.due_at)
      .bind(8, t.completed_at)
      .bind(9, created_at)
      .run();
}

void insert_account_rows(Database& db, const std::vector<CustomerAccount>& accounts,
                         const std::vector<AccountTask>& tasks) {
  std::unordered_map<Id, UnixTime> created;
  for (const CustomerAccount& a : accounts) {
    insert_account(db, a, Id());
    created[a.id] = a.created_at;
  }
  for (const AccountTask& t : tasks) {
    auto it = created.find(t.account_id);
    write_account_task(db, t, it == created.end() ? 0 : it->second);
  }
}

}  // namespace sqlite

namespace {

using sqlite::Database;
using sqlite::Query;
using sqlite::Transaction;
using sqlite::TransactionMode;

constexpr const char* kAccountColumns =
    "a.id, a.org_id, a.name, a.website, a.lifetime_revenue_minor, a.currency, a.created_at "
    "FROM customer_accounts a";
constexpr const char* kPlanColumns =
    "p.id, p.account_id, p.name, p.value_minor, p.currency, p.status, p.via_cppo, "
    "p.cppo_eligible, p.expires_at FROM commitment_plans p";
constexpr const char* kTaskColumns =
    "t.id, t.account_id, t.kind, t.title, t.status, t.assignee_id, t.due_at, t.completed_at, "
    "a.org_id FROM account_tasks t JOIN customer_accounts a ON a.id = t.account_id";

CustomerAccount read_account(const Query& q) {
  CustomerAccount a;
  a.id = q.column_text(0);
  a.org_id = q.column_text(1);
  a.name = q.column_text(2);
  a.website = q.column_text(3);
  a.lifetime_revenue = Money{q.column_int(4), q.column_text(5)};
  a.created_at = q.column_int(6);
  return a;
}

// Reads a plan; column 1 (its account) is the caller's to use.
CommitmentPlan read_plan(const Query& q) {
  CommitmentPlan p;
  p.id = q.column_text(0);
  p.name = q.column_text(2);
  p.value = Money{q.column_int(3), q.column_text(4)};
  p.status = plan_status_from_string(q.column_text(5)).value_or(PlanStatus::Executable);
  p.via_cppo = q.column_int(6) != 0;
  p.cppo_eligible = q.column_int(7) != 0;
  p.expires_at = q.column_int(8);
  return p;
}

AccountTaskRecord read_task(const Query& q) {
  AccountTaskRecord r;
  AccountTask& t = r.task;
  t.id = q.column_text(0);
  t.account_id = q.column_text(1);
  t.kind = account_task_kind_from_string(q.column_text(2)).value_or(AccountTaskKind::Other);
  t.title = q.column_text(3);
  t.status = task_status_from_string(q.column_text(4)).value_or(TaskStatus::Open);
  t.assignee_id = q.column_text(5);
  t.due_at = q.column_int(6);
  t.completed_at = q.column_int(7);
  r.org_id = q.column_text(8);
  return r;
}

}  // namespace

std::optional<CustomerAccount> SqliteStore::find_account(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + kAccountColumns + " WHERE a.id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  CustomerAccount a = read_account(q);
  Query plans = writer_->query(std::string("SELECT ") + kPlanColumns +
                               " WHERE p.account_id = ? ORDER BY p.position");
  plans.bind(1, id);
  while (plans.step()) a.plans.push_back(read_plan(plans));
  return a;
}

std::optional<AccountTaskRecord> SqliteStore::find_account_task(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + kTaskColumns + " WHERE t.id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_task(q);
}

int64_t SqliteStore::account_task_count(const Id& account_id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query("SELECT COUNT(*) FROM account_tasks WHERE account_id = ?");
  q.bind(1, account_id);
  return q.step() ? q.column_int(0) : 0;
}

bool SqliteStore::account_name_taken(const Id& org, const std::string& name) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query("SELECT 1 FROM customer_accounts WHERE org_id = ? AND name = ?");
  q.bind(1, org).bind(2, name);
  return q.step();
}

AccountsInputs SqliteStore::accounts_inputs(const std::optional<Id>& org,
                                            const std::string& room_key) {
  ReaderLease lease(*this);
  Database& db = lease.db();
  Transaction tx(db, TransactionMode::Deferred);
  AccountsInputs in;
  const std::string org_filter =
      org ? " WHERE a.org_id = ?"
          : " WHERE a.org_id IN (SELECT id FROM organisations WHERE kind = 'partner')";
  {
    Query q =
        db.query(std::string("SELECT ") + sqlite::kOrgColumns +
                 std::string(org ? " WHERE id = ?" : " WHERE kind = 'partner' ORDER BY name"));
    if (org) q.bind(1, *org);
    while (q.step()) in.orgs.push_back(sqlite::read_org(q));
  }
  std::unordered_map<Id, size_t> index;
  {
    Query q = db.query(std::string("SELECT ") + kAccountColumns + org_filter +
                       " ORDER BY a.created_at, a.rowid");
    if (org) q.bind(1, *org);
    while (q.step()) {
      CustomerAccount a = read_account(q);
      index.emplace(a.id, in.accounts.size());
      in.accounts.push_back(std::move(a));
    }
  }
  {
    Query q = db.query(std::string("SELECT ") + kPlanColumns +
                       " JOIN customer_accounts a ON a.id = p.account_id" + org_filter +
                       " ORDER BY p.account_id, p.position");
    if (org) q.bind(1, *org);
    while (q.step()) {
      auto it = index.find(q.column_text(1));
      if (it != index.end()) in.accounts[it->second].plans.push_back(read_plan(q));
    }
  }
  {
    Query q = db.query(std::string("SELECT ") + kTaskColumns + org_filter +
                       " ORDER BY t.created_at, t.rowid");
    if (org) q.bind(1, *org);
    while (q.step()) in.tasks.push_back(read_task(q).task);
  }
  in.seq = sqlite::latest_seq(db, room_key);
  return in;
}

CommandOutcome SqliteStore::apply_account_change(const CommandKey& key,
                                                 const AccountChange& change,
                                                 const std::vector<NewEvent>& events,
                                                 const nlohmann::json& result, UnixTime now) {
  return run_command(key, events, result, now, [&](Database& db) {
    if (change.account) sqlite::insert_account(db, *change.account, change.created_by);
    for (const AccountTask& t : change.tasks) sqlite::write_account_task(db, t, now);
  });
}

}  // namespace portal::server

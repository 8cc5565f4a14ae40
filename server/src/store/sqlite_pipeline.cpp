// The Leads and Deals rooms' calls of SqliteStore: reading leads, deals and notes, and writing
// what a pipeline command changes together with its events and command record. They run on the
// writer connection under its mutex: a command's read-check-write and a snapshot's rows + seq
// must each see one moment. (The reader pool is private to sqlite_store.cpp.)
#include "store/sqlite.h"
#include "store/sqlite_log.h"
#include "store/sqlite_reader_lease.h"
#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace portal::server {
namespace {

using sqlite::Database;
using sqlite::Query;
using sqlite::Transaction;
using sqlite::TransactionMode;

void write_lead(Database& db, const LeadRecord& r) {
  db.query("UPDATE leads SET stage = ?, updated_at = ?, closed_at = ?, deal_id = ? WHERE id = ?")
      .bind(1, to_string(r.lead.stage))
      .bind(2, r.updated_at)
      .bind(3, r.lead.closed_at)
      .bind(4, r.deal_id)
      .bind(5, r.lead.id)
      .run();
}

void write_note(Database& db, const DealNoteRecord& n) {
  db.query(
        "INSERT INTO deal_notes (id, deal_id, author_id, author_name, body, created_at) "
        "VALUES (?,?,?,?,?,?)")
      .bind(1, n.note.id)
      .bind(2, n.note.deal_id)
      .bind(3, n.note.author_id)
      .bind(4, n.author_name)
      .bind(5, n.note.body)
      .bind(6, n.note.created_at)
      .run();
}

}  // namespace

std::optional<nlohmann::json> SqliteStore::command_result(const CommandKey& key) {
  std::lock_guard lock(write_mutex_);
  return sqlite::recorded_result(*writer_, key);
}

std::optional<LeadRecord> SqliteStore::find_lead(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + sqlite::kLeadRowColumns + " WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return sqlite::read_lead_record(q);
}

std::optional<Deal> SqliteStore::find_deal(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + sqlite::kDealColumns + " WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return sqlite::read_deal(q);
}

std::vector<ExistingRegistration> SqliteStore::lead_registrations(const RegistrationKeys& k) {
  // One indexed lookup per non-empty key (SQLite answers the OR from the three indexes); the
  // rule in portal_core then decides what really matches, exactly as over every lead.
  std::vector<std::pair<const char*, const std::string*>> terms;
  if (!k.company.empty()) terms.push_back({"company_key = ?", &k.company});
  if (!k.mail_domain.empty()) {
    terms.push_back({"mail_key = ?", &k.mail_domain});
    terms.push_back({"web_key = ?", &k.mail_domain});
  }
  if (!k.web_domain.empty()) {
    terms.push_back({"web_key = ?", &k.web_domain});
    terms.push_back({"mail_key = ?", &k.web_domain});
  }
  std::vector<ExistingRegistration> out;
  if (terms.empty()) return out;
  std::string sql = std::string("SELECT ") + sqlite::kLeadRowColumns + " WHERE ";
  for (size_t i = 0; i < terms.size(); ++i) sql += (i ? " OR " : "") + std::string(terms[i].first);
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(sql);
  for (size_t i = 0; i < terms.size(); ++i) q.bind(static_cast<int>(i + 1), *terms[i].second);
  while (q.step()) {
    const LeadRecord r = sqlite::read_lead_record(q);
    ExistingRegistration e;
    e.id = r.lead.id;
    e.org_id = r.lead.org_id;
    e.company = r.lead.draft.company;
    e.email = r.lead.draft.email;
    e.website = r.lead.draft.website;
    e.stage = r.lead.stage;
    e.registered_at = r.lead.created_at;
    if (r.lead.closed_at != 0) e.closed_at = r.lead.closed_at;
    out.push_back(std::move(e));
  }
  return out;
}

PipelineInputs SqliteStore::pipeline_inputs(const std::optional<Id>& org, RoomKind room,
                                            const std::string& room_key) {
  ReaderLease lease(*this);
  Database& db = lease.db();
  Transaction tx(db, TransactionMode::Deferred);
  PipelineInputs in;
  const std::string org_filter =
      org ? " WHERE org_id = ?"
          : " WHERE org_id IN (SELECT id FROM organisations WHERE kind = 'partner')";
  {
    Query q =
        db.query(std::string("SELECT ") + sqlite::kOrgColumns +
                 std::string(org ? " WHERE id = ?" : " WHERE kind = 'partner' ORDER BY name"));
    if (org) q.bind(1, *org);
    while (q.step()) in.orgs.push_back(sqlite::read_org(q));
  }
  if (room == RoomKind::Leads) {
    Query q = db.query(std::string("SELECT ") + sqlite::kLeadRowColumns + org_filter +
                       " ORDER BY created_at DESC, rowid DESC");
    if (org) q.bind(1, *org);
    while (q.step()) in.leads.push_back(sqlite::read_lead_record(q));
  }
  if (room == RoomKind::Deals) {
    {
      Query q = db.query(std::string("SELECT ") + sqlite::kDealColumns + org_filter +
                         " ORDER BY updated_at DESC, rowid DESC");
      if (org) q.bind(1, *org);
      while (q.step()) in.deals.push_back(sqlite::read_deal(q));
    }
    Query q = db.query(
        "SELECT n.id, n.deal_id, n.author_id, n.author_name, n.body, n.created_at "
        "FROM deal_notes n JOIN deals d ON d.id = n.deal_id" +
        std::string(org ? " WHERE d.org_id = ?" : "") + " ORDER BY n.created_at, n.rowid");
    if (org) q.bind(1, *org);
    while (q.step()) {
      DealNoteRecord n;
      n.note = DealNote{q.column_text(0), q.column_text(1), q.column_text(2), q.column_text(4),
                        q.column_int(5)};
      n.author_name = q.column_text(3);
      in.notes.push_back(std::move(n));
    }
  }
  in.seq = sqlite::latest_seq(db, room_key);
  return in;
}

CommandOutcome SqliteStore::apply_pipeline_change(const CommandKey& key,
                                                  const PipelineChange& change,
                                                  const std::vector<NewEvent>& events,
                                                  const nlohmann::json& result, UnixTime now) {
  return run_command(key, events, result, now, [&](Database& db) {
    if (change.deal) sqlite::write_deal(db, *change.deal);
    if (change.lead) write_lead(db, *change.lead);
    if (change.note) write_note(db, *change.note);
  });
}

}  // namespace portal::server

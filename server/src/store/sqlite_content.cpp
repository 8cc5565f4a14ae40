// The content rooms' calls of SqliteStore: Resources and Brand guidelines (one catalogue
// table), Contacts, Custom rooms, Cases and the knowledge base. Like sqlite_accounts.cpp the
// reads run on the writer connection under its mutex, so a snapshot's rows and its seq see one
// moment; every write goes through run_command. Row codecs are in sqlite_content_rows.cpp.
#include <unordered_map>

#include "store/sqlite.h"
#include "store/sqlite_content_rows.h"
#include "store/sqlite_log.h"
#include "store/sqlite_store.h"

namespace portal::server {
namespace {

using sqlite::Database;
using sqlite::Query;
using sqlite::Transaction;
using sqlite::TransactionMode;
using namespace sqlite::content;

// The audience condition for a partner: every partner, its type or itself. Binds ?8 (org) and
// ?9 (type).
constexpr const char* kAudienceFilter =
    " AND (c.audience_kind = 'all' OR (c.audience_kind = 'partner' AND c.audience_id = ?8) OR "
    "(c.audience_kind = 'partner_type' AND ?9 <> '' AND c.audience_id = ?9))";

std::optional<PartnerRef> read_partner_ref(Database& db, const Id& org) {
  Query q = db.query(
      "SELECT o.id, COALESCE(p.type_id, ''), COALESCE(p.id, '') FROM organisations o "
      "LEFT JOIN partnerships p ON p.org_id = o.id WHERE o.id = ? AND o.kind = 'partner'");
  q.bind(1, org);
  if (!q.step()) return std::nullopt;
  return PartnerRef{q.column_text(0), q.column_text(1), q.column_text(2)};
}

}  // namespace

std::vector<PartnerRef> SqliteStore::partner_refs() {
  std::lock_guard lock(write_mutex_);
  std::vector<PartnerRef> out;
  Query q = writer_->query(
      "SELECT o.id, COALESCE(p.type_id, ''), COALESCE(p.id, '') FROM organisations o "
      "LEFT JOIN partnerships p ON p.org_id = o.id WHERE o.kind = 'partner' ORDER BY o.id");
  while (q.step()) out.push_back({q.column_text(0), q.column_text(1), q.column_text(2)});
  return out;
}

std::optional<PartnerRef> SqliteStore::partner_ref(const Id& org) {
  std::lock_guard lock(write_mutex_);
  return read_partner_ref(*writer_, org);
}

bool SqliteStore::partner_type_exists(const Id& type_id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query("SELECT 1 FROM partner_types WHERE id = ?");
  q.bind(1, type_id);
  return q.step();
}

CatalogueInputs SqliteStore::catalogue_inputs(CatalogueKind kind,
                                              const std::optional<ContentScope>& scope,
                                              const std::string& room_key) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Deferred);
  CatalogueInputs in;
  Query q = writer_->query(std::string("SELECT ") + kCatalogueColumns +
                           " WHERE c.kind = ?1 AND c.archived_at = 0" +
                           (scope ? kAudienceFilter : "") +
                           " ORDER BY c.published_at DESC, c.id");
  q.bind(1, to_string(kind));
  if (scope) q.bind(8, scope->org_id).bind(9, scope->type_id);
  while (q.step()) in.entries.push_back(read_catalogue(q));
  in.seq = sqlite::latest_seq(*writer_, room_key);
  tx.commit();
  return in;
}

ContactsInputs SqliteStore::contacts_inputs(const std::optional<ContentScope>& scope,
                                            const Id& vendor_org, const std::string& room_key) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Deferred);
  ContactsInputs in;
  Query q = writer_->query(std::string("SELECT ") + kContactColumns +
                           (scope ? " WHERE org_id IN (?1, ?2)" : "") + " ORDER BY name, id");
  if (scope) q.bind(1, vendor_org).bind(2, scope->org_id);
  while (q.step()) in.contacts.push_back(read_contact(q));
  in.seq = sqlite::latest_seq(*writer_, room_key);
  tx.commit();
  return in;
}

CustomRoomsInputs SqliteStore::custom_rooms_inputs(const std::optional<ContentScope>& scope,
                                                   const std::string& room_key) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Deferred);
  CustomRoomsInputs in;
  Query q = writer_->query(std::string("SELECT ") + kRoomColumns +
                           (scope ? " WHERE published = 1" : "") + " ORDER BY title, id");
  while (q.step()) {
    CustomRoom r = read_room(q);
    // A partner without a partnership has no rooms switched on.
    if (!scope || (!scope->partnership_id.empty() && is_shown_to(r, scope->partnership_id)))
      in.rooms.push_back(std::move(r));
  }
  in.seq = sqlite::latest_seq(*writer_, room_key);
  tx.commit();
  return in;
}

CasesInputs SqliteStore::cases_inputs(const std::optional<ContentScope>& scope,
                                      const std::string& room_key) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Deferred);
  CasesInputs in;
  {
    Query q = writer_->query(std::string("SELECT ") + kCaseColumns +
                             (scope ? " WHERE org_id = ?1" : "") +
                             " ORDER BY updated_at DESC, id");
    if (scope) q.bind(1, scope->org_id);
    while (q.step()) in.cases.push_back({read_case(q), {}});
  }
  {
    Query q = writer_->query(
        std::string("SELECT ") + kCommentColumns +
        (scope ? " WHERE case_id IN (SELECT id FROM support_cases WHERE org_id = ?1)" : "") +
        " ORDER BY at, id");
    if (scope) q.bind(1, scope->org_id);
    std::unordered_map<Id, size_t> index;
    for (size_t i = 0; i < in.cases.size(); ++i) index.emplace(in.cases[i].support_case.id, i);
    while (q.step()) {
      CaseComment c = read_comment(q);
      if (auto it = index.find(c.case_id); it != index.end())
        in.cases[it->second].comments.push_back(std::move(c));
    }
  }
  {
    Query q = writer_->query(std::string("SELECT ") + kArticleColumns +
                             (scope ? " WHERE published = 1" : "") + " ORDER BY title, id");
    while (q.step()) in.articles.push_back(read_article(q));
  }
  in.seq = sqlite::latest_seq(*writer_, room_key);
  tx.commit();
  return in;
}

std::optional<CatalogueRecord> SqliteStore::find_catalogue_entry(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + kCatalogueColumns + " WHERE c.id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_catalogue(q);
}

std::optional<Contact> SqliteStore::find_contact(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + kContactColumns + " WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_contact(q);
}

std::optional<CustomRoom> SqliteStore::find_custom_room(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + kRoomColumns + " WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_room(q);
}

std::optional<Id> SqliteStore::custom_room_by_slug(const std::string& slug) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query("SELECT id FROM custom_rooms WHERE slug = ?");
  q.bind(1, slug);
  if (!q.step()) return std::nullopt;
  return q.column_text(0);
}

std::optional<SupportCase> SqliteStore::find_case(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + kCaseColumns + " WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_case(q);
}

std::optional<KbArticle> SqliteStore::find_kb_article(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + kArticleColumns + " WHERE k.id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_article(q);
}

std::vector<CatalogueRecord> SqliteStore::search_catalogue(
    CatalogueKind kind, const std::optional<ContentScope>& scope, const std::string& match,
    const std::string& category, size_t limit) {
  std::lock_guard lock(write_mutex_);
  std::vector<CatalogueRecord> out;
  Query q = writer_->query(
      std::string("SELECT ") + kCatalogueColumns +
      " JOIN catalogue_search s ON s.rowid = c.rowid WHERE catalogue_search MATCH ?2 AND "
      "c.kind = ?1 AND c.archived_at = 0 AND (?3 = '' OR c.category = ?3)" +
      (scope ? kAudienceFilter : "") + " ORDER BY s.rank LIMIT ?4");
  q.bind(1, to_string(kind)).bind(2, match).bind(3, category).bind(4, int64_t(limit));
  if (scope) q.bind(8, scope->org_id).bind(9, scope->type_id);
  while (q.step()) out.push_back(read_catalogue(q));
  return out;
}

std::vector<KbArticle> SqliteStore::search_kb(const std::string& match, bool drafts,
                                              size_t limit) {
  std::lock_guard lock(write_mutex_);
  std::vector<KbArticle> out;
  Query q = writer_->query(std::string("SELECT ") + kArticleColumns +
                             " JOIN kb_search s ON s.rowid = k.rowid WHERE kb_search MATCH ?1" +
                             (drafts ? "" : " AND k.published = 1") + " ORDER BY s.rank LIMIT ?2");
  q.bind(1, match).bind(2, int64_t(limit));
  while (q.step()) out.push_back(read_article(q));
  return out;
}

CommandOutcome SqliteStore::apply_content_change(const CommandKey& key,
                                                 const ContentChange& change,
                                                 const std::vector<NewEvent>& events,
                                                 const nlohmann::json& result, UnixTime now) {
  return run_command(key, events, result, now, [&](Database& db) {
    if (change.catalogue) write_catalogue(db, *change.catalogue, change.actor_id);
    if (change.contact) write_contact(db, *change.contact, now);
    if (change.removed_contact)
      db.query("DELETE FROM contacts WHERE id = ?").bind(1, *change.removed_contact).run();
    if (change.room) write_room(db, *change.room, change.actor_id);
    if (change.removed_room)
      db.query("DELETE FROM custom_rooms WHERE id = ?").bind(1, *change.removed_room).run();
    if (change.support_case) write_case(db, *change.support_case);
    if (change.comment) write_comment(db, *change.comment);
    if (change.article) write_article(db, *change.article);
    if (change.removed_article) remove_article(db, *change.removed_article);
  });
}

void SqliteStore::insert_content_seed(const ContentSeed& seed) {
  Database& db = *writer_;
  for (const CatalogueRecord& r : seed.catalogue) write_catalogue(db, r, Id());
  for (const Contact& c : seed.contacts) write_contact(db, c, 0);
  for (const CustomRoom& r : seed.rooms) write_room(db, r, Id());
  for (const CaseEntry& e : seed.cases) {
    write_case(db, e.support_case);
    for (const CaseComment& c : e.comments) write_comment(db, c);
  }
  for (const KbArticle& a : seed.articles) write_article(db, a);
}

}  // namespace portal::server

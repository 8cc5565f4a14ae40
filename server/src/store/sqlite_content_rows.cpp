// Row codecs of the content tables (sqlite_content_rows.h). Lists (tags, sections,
// partnership ids) are stored as JSON text; the search indexes are kept in step with their rows.
#include "store/sqlite_content_rows.h"

#include "portal/protocol/model_codecs.h"
#include "store/sqlite_log.h"

namespace portal::server {

std::string_view to_string(CatalogueKind k) {
  return k == CatalogueKind::Brand ? "brand" : "resource";
}

std::optional<ResourceEntry> resource_entry(const CatalogueRecord& r) {
  auto category = resource_category_from_string(r.category);
  if (!category) return std::nullopt;
  Resource res{r.id, *category, r.title, r.description, r.file_id, r.tags, r.published_at,
               r.updated_at};
  return ResourceEntry{std::move(res), r.audience};
}

std::optional<BrandEntry> brand_entry(const CatalogueRecord& r) {
  auto category = brand_category_from_string(r.category);
  if (!category) return std::nullopt;
  BrandAsset a{r.id, *category, r.title, r.description, r.file_id, r.tags, r.published_at,
               r.updated_at};
  return BrandEntry{std::move(a), r.audience};
}

namespace sqlite::content {
namespace {

std::vector<std::string> text_list(const std::string& stored) {
  std::vector<std::string> out;
  const Json j = Json::parse(stored, nullptr, false);
  if (!j.is_array()) return out;
  for (const Json& x : j)
    if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

std::string text_list_json(const std::vector<std::string>& v) {
  Json a = Json::array();
  for (const std::string& s : v) a.push_back(s);
  return dump_json(a);
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

// The row number of `id` in `table` (the key of its search index row).
int64_t row_of(Database& db, const char* table, const Id& id) {
  Query q = db.query(std::string("SELECT rowid FROM ") + table + " WHERE id = ?");
  q.bind(1, id);
  return q.step() ? q.column_int(0) : 0;
}

}  // namespace

CatalogueRecord read_catalogue(const Query& q) {
  CatalogueRecord r;
  r.id = q.column_text(0);
  r.kind = q.column_text(1) == "brand" ? CatalogueKind::Brand : CatalogueKind::Resource;
  r.category = q.column_text(2);
  r.title = q.column_text(3);
  r.description = q.column_text(4);
  r.file_id = q.column_text(5);
  r.tags = text_list(q.column_text(6));
  r.audience.kind = audience_kind_from_string(q.column_text(7)).value_or(AudienceKind::Partner);
  r.audience.id = q.column_text(8);
  r.published_at = q.column_int(9);
  r.updated_at = q.column_int(10);
  r.archived_at = q.column_int(11);
  return r;
}

Contact read_contact(const Query& q) {
  Contact c;
  c.id = q.column_text(0);
  c.org_id = q.column_text(1);
  c.user_id = q.column_text(2);
  c.name = q.column_text(3);
  c.role = q.column_text(4);
  c.contact_for = q.column_text(5);
  c.email = q.column_text(6);
  c.phone = q.column_text(7);
  c.preferred = contact_channel_from_string(q.column_text(8)).value_or(ContactChannel::Email);
  return c;
}

CustomRoom read_room(const Query& q) {
  CustomRoom r;
  r.id = q.column_text(0);
  r.title = q.column_text(1);
  r.slug = q.column_text(2);
  r.kind = room_template_from_string(q.column_text(3)).value_or(RoomTemplate::Blank);
  const Json sections = Json::parse(q.column_text(4), nullptr, false);
  if (sections.is_array()) {
    for (const Json& s : sections) {
      RoomSection section;
      section.title = s.value("title", "");
      section.kind = section_kind_from_string(s.value("kind", "")).value_or(SectionKind::Text);
      section.body = s.value("body", "");
      if (s.contains("item_ids") && s["item_ids"].is_array())
        for (const Json& id : s["item_ids"])
          if (id.is_string()) section.item_ids.push_back(id.get<std::string>());
      r.sections.push_back(std::move(section));
    }
  }
  r.partnership_ids = text_list(q.column_text(5));
  r.published = q.column_int(6) != 0;
  r.updated_at = q.column_int(7);
  return r;
}

SupportCase read_case(const Query& q) {
  SupportCase c;
  c.id = q.column_text(0);
  c.org_id = q.column_text(1);
  c.subject = q.column_text(2);
  c.description = q.column_text(3);
  c.priority = case_priority_from_string(q.column_text(4)).value_or(CasePriority::Normal);
  c.status = case_status_from_string(q.column_text(5)).value_or(CaseStatus::Open);
  c.opened_by = q.column_text(6);
  c.assignee_id = q.column_text(7);
  c.conversation_id = q.column_text(8);
  c.opened_at = q.column_int(9);
  c.updated_at = q.column_int(10);
  c.resolved_at = q.column_int(11);
  return c;
}

CaseComment read_comment(const Query& q) {
  CaseComment c;
  c.id = q.column_text(0);
  c.case_id = q.column_text(1);
  c.author_id = q.column_text(2);
  c.author_name = q.column_text(3);
  c.from_vendor = q.column_int(4) != 0;
  c.body = q.column_text(5);
  c.at = q.column_int(6);
  return c;
}

KbArticle read_article(const Query& q) {
  KbArticle a;
  a.id = q.column_text(0);
  a.title = q.column_text(1);
  a.body = q.column_text(2);
  a.category = q.column_text(3);
  a.tags = text_list(q.column_text(4));
  a.published = q.column_int(5) != 0;
  a.author_id = q.column_text(6);
  a.updated_at = q.column_int(7);
  return a;
}

void write_catalogue(Database& db, const CatalogueRecord& r, const Id& created_by) {
  db.query(
        "INSERT INTO catalogue_entries (id, kind, category, title, description, file_id, tags, "
        "audience_kind, audience_id, created_by, published_at, updated_at, archived_at) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13) ON CONFLICT(id) DO UPDATE SET "
        "category = excluded.category, title = excluded.title, "
        "description = excluded.description, file_id = excluded.file_id, tags = excluded.tags, "
        "audience_kind = excluded.audience_kind, audience_id = excluded.audience_id, "
        "updated_at = excluded.updated_at, archived_at = excluded.archived_at")
      .bind(1, r.id)
      .bind(2, to_string(r.kind))
      .bind(3, r.category)
      .bind(4, r.title)
      .bind(5, r.description)
      .bind(6, r.file_id)
      .bind(7, text_list_json(r.tags))
      .bind(8, to_string(r.audience.kind))
      .bind(9, r.audience.id)
      .bind(10, created_by)
      .bind(11, r.published_at)
      .bind(12, r.updated_at)
      .bind(13, r.archived_at)
      .run();
  const int64_t row = row_of(db, "catalogue_entries", r.id);
  db.query("DELETE FROM catalogue_search WHERE rowid = ?").bind(1, row).run();
  if (r.archived_at == 0)
    db.query("INSERT INTO catalogue_search (rowid, title, description, tags) VALUES (?,?,?,?)")
        .bind(1, row)
        .bind(2, r.title)
        .bind(3, r.description)
        .bind(4, joined(r.tags))
        .run();
}

void write_contact(Database& db, const Contact& c, UnixTime now) {
  db.query(
        "INSERT INTO contacts (id, org_id, user_id, name, role, contact_for, email, phone, "
        "preferred, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
        "user_id = excluded.user_id, name = excluded.name, role = excluded.role, "
        "contact_for = excluded.contact_for, email = excluded.email, phone = excluded.phone, "
        "preferred = excluded.preferred, updated_at = excluded.updated_at")
      .bind(1, c.id)
      .bind(2, c.org_id)
      .bind(3, c.user_id)
      .bind(4, c.name)
      .bind(5, c.role)
      .bind(6, c.contact_for)
      .bind(7, c.email)
      .bind(8, c.phone)
      .bind(9, to_string(c.preferred))
      .bind(10, now)
      .run();
}

void write_room(Database& db, const CustomRoom& r, const Id& created_by) {
  Json sections = Json::array();
  for (const RoomSection& s : r.sections) {
    Json items = Json::array();
    for (const Id& id : s.item_ids) items.push_back(id);
    sections.push_back(
        {{"title", s.title}, {"kind", to_string(s.kind)}, {"body", s.body}, {"item_ids", items}});
  }
  db.query(
        "INSERT INTO custom_rooms (id, title, slug, template, sections, partnership_ids, "
        "published, created_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO "
        "UPDATE SET title = excluded.title, slug = excluded.slug, template = excluded.template, "
        "sections = excluded.sections, partnership_ids = excluded.partnership_ids, "
        "published = excluded.published, updated_at = excluded.updated_at")
      .bind(1, r.id)
      .bind(2, r.title)
      .bind(3, r.slug)
      .bind(4, to_string(r.kind))
      .bind(5, dump_json(sections))
      .bind(6, text_list_json(r.partnership_ids))
      .bind(7, int64_t{r.published ? 1 : 0})
      .bind(8, created_by)
      .bind(9, r.updated_at)
      .run();
}

void write_case(Database& db, const SupportCase& c) {
  db.query(
        "INSERT INTO support_cases (id, org_id, subject, description, priority, status, "
        "opened_by, assignee_id, conversation_id, opened_at, updated_at, resolved_at) VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET priority = excluded.priority, "
        "status = excluded.status, assignee_id = excluded.assignee_id, "
        "updated_at = excluded.updated_at, resolved_at = excluded.resolved_at")
      .bind(1, c.id)
      .bind(2, c.org_id)
      .bind(3, c.subject)
      .bind(4, c.description)
      .bind(5, to_string(c.priority))
      .bind(6, to_string(c.status))
      .bind(7, c.opened_by)
      .bind(8, c.assignee_id)
      .bind(9, c.conversation_id)
      .bind(10, c.opened_at)
      .bind(11, c.updated_at)
      .bind(12, c.resolved_at)
      .run();
}

void write_comment(Database& db, const CaseComment& c) {
  db.query(
        "INSERT INTO case_comments (id, case_id, author_id, author_name, from_vendor, body, at) "
        "VALUES (?,?,?,?,?,?,?)")
      .bind(1, c.id)
      .bind(2, c.case_id)
      .bind(3, c.author_id)
      .bind(4, c.author_name)
      .bind(5, int64_t{c.from_vendor ? 1 : 0})
      .bind(6, c.body)
      .bind(7, c.at)
      .run();
  db.query("UPDATE support_cases SET updated_at = MAX(updated_at, ?) WHERE id = ?")
      .bind(1, c.at)
      .bind(2, c.case_id)
      .run();
}

void write_article(Database& db, const KbArticle& a) {
  db.query(
        "INSERT INTO kb_articles (id, title, body, category, tags, published, author_id, "
        "updated_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
        "title = excluded.title, body = excluded.body, category = excluded.category, "
        "tags = excluded.tags, published = excluded.published, updated_at = excluded.updated_at")
      .bind(1, a.id)
      .bind(2, a.title)
      .bind(3, a.body)
      .bind(4, a.category)
      .bind(5, text_list_json(a.tags))
      .bind(6, int64_t{a.published ? 1 : 0})
      .bind(7, a.author_id)
      .bind(8, a.updated_at)
      .run();
  const int64_t row = row_of(db, "kb_articles", a.id);
  db.query("DELETE FROM kb_search WHERE rowid = ?").bind(1, row).run();
  db.query("INSERT INTO kb_search (rowid, title, body, category, tags) VALUES (?,?,?,?,?)")
      .bind(1, row)
      .bind(2, a.title)
      .bind(3, a.body)
      .bind(4, a.category)
      .bind(5, joined(a.tags))
      .run();
}

void remove_article(Database& db, const Id& id) {
  const int64_t row = row_of(db, "kb_articles", id);
  db.query("DELETE FROM kb_search WHERE rowid = ?").bind(1, row).run();
  db.query("DELETE FROM kb_articles WHERE id = ?").bind(1, id).run();
}

}  // namespace sqlite::content
}  // namespace portal::server

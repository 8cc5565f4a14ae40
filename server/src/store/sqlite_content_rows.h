// The content tables' columns, row readers and row writers (schema_v8_content.h), shared by
// sqlite_content.cpp's reads and its command and seed writes. The caller holds the writer.
#pragma once
#include "store/content_records.h"
#include "store/sqlite.h"

namespace portal::server {

std::string_view to_string(CatalogueKind k);  // "resource", "brand"

namespace sqlite::content {

inline constexpr const char* kCatalogueColumns =
    "c.id, c.kind, c.category, c.title, c.description, c.file_id, c.tags, c.audience_kind, "
    "c.audience_id, c.published_at, c.updated_at, c.archived_at FROM catalogue_entries c";
inline constexpr const char* kContactColumns =
    "id, org_id, user_id, name, role, contact_for, email, phone, preferred FROM contacts";
inline constexpr const char* kRoomColumns =
    "id, title, slug, template, sections, partnership_ids, published, updated_at "
    "FROM custom_rooms";
inline constexpr const char* kCaseColumns =
    "id, org_id, subject, description, priority, status, opened_by, assignee_id, "
    "conversation_id, opened_at, updated_at, resolved_at FROM support_cases";
inline constexpr const char* kCommentColumns =
    "id, case_id, author_id, author_name, from_vendor, body, at FROM case_comments";
inline constexpr const char* kArticleColumns =
    "k.id, k.title, k.body, k.category, k.tags, k.published, k.author_id, k.updated_at "
    "FROM kb_articles k";

CatalogueRecord read_catalogue(const Query& q);
Contact read_contact(const Query& q);
CustomRoom read_room(const Query& q);
SupportCase read_case(const Query& q);
CaseComment read_comment(const Query& q);
KbArticle read_article(const Query& q);

// Each inserts the row or replaces the stored row of its id, search index included.
void write_catalogue(Database& db, const CatalogueRecord& r, const Id& created_by);
void write_contact(Database& db, const Contact& c, UnixTime now);
void write_room(Database& db, const CustomRoom& r, const Id& created_by);
void write_case(Database& db, const SupportCase& c);
void write_comment(Database& db, const CaseComment& c);
void write_article(Database& db, const KbArticle& a);
void remove_article(Database& db, const Id& id);

}  // namespace sqlite::content
}  // namespace portal::server

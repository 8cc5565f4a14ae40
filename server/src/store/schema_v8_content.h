// Schema version 8: what the content rooms hold. Resources and brand assets share one catalogue
// table (kind 'resource' or 'brand') with their audience (every partner, a partner type or one
// partner organisation) and an archive date; contacts of both teams; the vendor's custom rooms
// (sections and partnerships as JSON lists); support cases with their comments; and the
// knowledge base. catalogue_search and kb_search are FTS5 indexes keyed by the row number of
// their table, written in the same transaction as the row itself.
#pragma once
#include <string_view>

namespace portal::server {

inline constexpr std::string_view kSchemaV8Content = R"sql(
CREATE TABLE catalogue_entries (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('resource', 'brand')),
  category      TEXT NOT NULL,
  title         TEXT NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  file_id       TEXT NOT NULL,
  tags          TEXT NOT NULL DEFAULT '[]',
  audience_kind TEXT NOT NULL CHECK (audience_kind IN ('all', 'partner_type', 'partner')),
  audience_id   TEXT NOT NULL DEFAULT '',
  created_by    TEXT NOT NULL DEFAULT '',
  published_at  INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  archived_at   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX catalogue_room ON catalogue_entries(kind, archived_at, audience_kind, audience_id);
CREATE VIRTUAL TABLE catalogue_search USING fts5(title, description, tags,
  tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE contacts (
  id          TEXT PRIMARY KEY,
  org_id      TEXT NOT NULL REFERENCES organisations(id),
  user_id     TEXT NOT NULL DEFAULT '',
  name        TEXT NOT NULL,
  role        TEXT NOT NULL,
  contact_for TEXT NOT NULL DEFAULT '',
  email       TEXT NOT NULL,
  phone       TEXT NOT NULL DEFAULT '',
  preferred   TEXT NOT NULL CHECK (preferred IN ('email', 'phone', 'chat', 'video')),
  updated_at  INTEGER NOT NULL
);
CREATE INDEX contacts_org ON contacts(org_id, name);

CREATE TABLE custom_rooms (
  id              TEXT PRIMARY KEY,
  title           TEXT NOT NULL,
  slug            TEXT NOT NULL UNIQUE,
  template        TEXT NOT NULL,
  sections        TEXT NOT NULL DEFAULT '[]',
  partnership_ids TEXT NOT NULL DEFAULT '[]',
  published       INTEGER NOT NULL DEFAULT 0,
  created_by      TEXT NOT NULL DEFAULT '',
  updated_at      INTEGER NOT NULL
);

CREATE TABLE support_cases (
  id              TEXT PRIMARY KEY,
  org_id          TEXT NOT NULL REFERENCES organisations(id),
  subject         TEXT NOT NULL,
  description     TEXT NOT NULL,
  priority        TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status          TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'waiting_on_partner',
                                                  'resolved', 'closed')),
  opened_by       TEXT NOT NULL,
  assignee_id     TEXT NOT NULL DEFAULT '',
  conversation_id TEXT NOT NULL DEFAULT '',
  opened_at       INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  resolved_at     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX support_cases_org ON support_cases(org_id, updated_at);

CREATE TABLE case_comments (
  id          TEXT PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES support_cases(id) ON DELETE CASCADE,
  author_id   TEXT NOT NULL,
  author_name TEXT NOT NULL,
  from_vendor INTEGER NOT NULL DEFAULT 0,
  body        TEXT NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX case_comments_case ON case_comments(case_id, at);

CREATE TABLE kb_articles (
  id         TEXT PRIMARY KEY,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  category   TEXT NOT NULL DEFAULT '',
  tags       TEXT NOT NULL DEFAULT '[]',
  published  INTEGER NOT NULL DEFAULT 0,
  author_id  TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);
CREATE INDEX kb_articles_published ON kb_articles(published, title);
CREATE VIRTUAL TABLE kb_search USING fts5(title, body, category, tags,
  tokenize = 'unicode61 remove_diacritics 2');
)sql";

}  // namespace portal::server

// Schema version 7: uploads and the Shared files store. An upload is one file received over
// HTTP (POST /api/uploads); its bytes live on disk under <data>/files/, named by their sha256, so
// the row only points at them. A message attachment or a file version refers to an upload.
// An upload is attached to at most one message (message_attachments.upload_id is the key).
#pragma once
#include <string_view>

namespace portal::server {

inline constexpr std::string_view kSchemaV7Files = R"sql(
CREATE TABLE uploads (
  id           TEXT PRIMARY KEY,
  org_id       TEXT NOT NULL,
  uploader     TEXT NOT NULL,
  name         TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX uploads_uploader ON uploads(uploader, created_at);

CREATE TABLE message_attachments (
  upload_id  TEXT PRIMARY KEY REFERENCES uploads(id),
  message_id TEXT NOT NULL,
  position   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX message_attachments_message ON message_attachments(message_id, position);

CREATE TABLE folders (
  id         TEXT PRIMARY KEY,
  org_id     TEXT NOT NULL,
  parent_id  TEXT NOT NULL DEFAULT '',
  name       TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX folders_org ON folders(org_id);

CREATE TABLE files (
  id         TEXT PRIMARY KEY,
  org_id     TEXT NOT NULL,
  folder_id  TEXT NOT NULL DEFAULT '',
  name       TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX files_org ON files(org_id);

CREATE TABLE file_versions (
  id          TEXT PRIMARY KEY,
  file_id     TEXT NOT NULL REFERENCES files(id),
  number      INTEGER NOT NULL,
  upload_id   TEXT NOT NULL REFERENCES uploads(id),
  note        TEXT NOT NULL DEFAULT '',
  uploaded_by TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL,
  UNIQUE (file_id, number)
);

CREATE TABLE downloads (
  id            TEXT PRIMARY KEY,
  file_id       TEXT NOT NULL,
  version_id    TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  downloaded_at INTEGER NOT NULL
);
CREATE INDEX downloads_file ON downloads(file_id, downloaded_at);

CREATE TABLE file_comments (
  id         TEXT PRIMARY KEY,
  file_id    TEXT NOT NULL REFERENCES files(id),
  author_id  TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX file_comments_file ON file_comments(file_id, created_at);
)sql";

}  // namespace portal::server

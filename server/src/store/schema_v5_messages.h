// Schema version 5: the Messages room. Conversations (a direct message between two people or a
// topic channel) belong to one partner organisation; members are listed explicitly (a channel is
// also seen by every user of its partner). Messages are numbered per conversation without gaps
// (seq) and never removed: a deletion keeps a tombstone. message_reads holds each reader's
// position (the read receipt). message_search is an FTS5 index over the bodies, keyed by the
// message's row number and written in the same transaction as the message itself (until
// schema 15, which indexes in runs).
#pragma once
#include <string_view>

namespace portal::server {

inline constexpr std::string_view kSchemaV5Messages = R"sql(
CREATE TABLE conversations (
  id         TEXT PRIMARY KEY,
  org_id     TEXT NOT NULL REFERENCES organisations(id),
  kind       TEXT NOT NULL CHECK (kind IN ('direct', 'topic')),
  title      TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  archived   INTEGER NOT NULL DEFAULT 0,
  direct_key TEXT UNIQUE  -- "<user id>|<user id>" (sorted) for direct messages, else NULL
);
CREATE INDEX conversations_org ON conversations(org_id);

CREATE TABLE conversation_members (
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  user_id         TEXT NOT NULL REFERENCES users(id),
  added_at        INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
CREATE INDEX conversation_members_user ON conversation_members(user_id);

CREATE TABLE messages (
  row_id          INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  seq             INTEGER NOT NULL,
  author_id       TEXT NOT NULL REFERENCES users(id),
  body            TEXT NOT NULL,
  parent_id       TEXT NOT NULL DEFAULT '',
  sent_at         INTEGER NOT NULL,
  edited_at       INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0,
  UNIQUE (conversation_id, seq)
);

CREATE TABLE message_reads (
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  user_id         TEXT NOT NULL REFERENCES users(id),
  last_read_seq   INTEGER NOT NULL,
  read_at         INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE message_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
)sql";

}  // namespace portal::server

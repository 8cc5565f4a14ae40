// Schema version 15: the message search index catches up in runs instead of per message.
// Indexing one message per command cost more than storing it: every command of a batch runs
// in a savepoint, and FTS5 writes out (and later merges) a segment at each one, some 15 KiB of
// log per message. The index now reads the bodies from `messages` itself (external content, so
// the text is no longer stored twice) and holds the rows up to message_search_progress's mark;
// the store indexes what lies past the mark in one statement once enough has gathered, and
// always before a search, so a search still finds a message the moment it was sent.
#pragma once
#include <string_view>

namespace portal::server {

inline constexpr std::string_view kSchemaV15SearchCatchup = R"sql(
DROP TABLE message_search;
CREATE VIRTUAL TABLE message_search USING fts5(
  body, content = 'messages', content_rowid = 'row_id',
  tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE message_search_progress (
  only            INTEGER PRIMARY KEY CHECK (only = 1),
  indexed_through INTEGER NOT NULL  -- every message with row_id <= this is indexed (unless deleted)
);
INSERT INTO message_search (rowid, body) SELECT row_id, body FROM messages WHERE deleted = 0;
INSERT INTO message_search_progress (only, indexed_through)
  SELECT 1, coalesce(max(row_id), 0) FROM messages;
)sql";

}  // namespace portal::server

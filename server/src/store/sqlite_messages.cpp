// The Messages rooms' calls of SqliteStore: conversations, their people, messages, read markers
// and the FTS5 search index. Like the pipeline's, they run on the writer connection under its
// mutex so a command's read-check-write and a snapshot's rows + seq each see one moment.
#include <algorithm>

#include "store/sqlite.h"
#include "store/sqlite_files.h"
#include "store/sqlite_log.h"
#include "store/sqlite_store.h"

namespace portal::server {
namespace {

using sqlite::Database;
using sqlite::Query;
using sqlite::Transaction;
using sqlite::TransactionMode;

constexpr const char* kConversationColumns =
    "c.id, c.org_id, c.kind, c.title, c.created_by, c.created_at, c.archived";
constexpr const char* kMessageColumns =
    "m.id, m.conversation_id, m.seq, m.author_id, m.body, m.parent_id, m.sent_at, m.edited_at, "
    "m.deleted";

// The conversations a user sees: where they are a member, and the channels of their partner.
constexpr const char* kVisibleConversations =
    "(c.id IN (SELECT conversation_id FROM conversation_members WHERE user_id = ?1) OR "
    "(c.kind = 'topic' AND c.org_id = ?2))";

Conversation read_conversation(const Query& q) {
  Conversation c;
  c.id = q.column_text(0);
  c.org_id = q.column_text(1);
  c.kind = conversation_kind_from_string(q.column_text(2)).value_or(ConversationKind::Topic);
  c.title = q.column_text(3);
  c.created_by = q.column_text(4);
  c.created_at = q.column_int(5);
  c.archived = q.column_int(6) != 0;
  return c;
}

Message read_message(const Query& q, int first = 0) {
  Message m;
  m.id = q.column_text(first + 0);
  m.conversation_id = q.column_text(first + 1);
  m.seq = q.column_int(first + 2);
  m.author_id = q.column_text(first + 3);
  m.body = q.column_text(first + 4);
  m.parent_id = q.column_text(first + 5);
  m.sent_at = q.column_int(first + 6);
  m.edited_at = q.column_int(first + 7);
  m.edited = m.edited_at != 0;
  m.deleted = q.column_int(first + 8) != 0;
  return m;
}

void load_members(Database& db, Conversation& c) {
  Query q = db.query(
      "SELECT user_id FROM conversation_members WHERE conversation_id = ? ORDER BY added_at, "
      "user_id");
  q.bind(1, c.id);
  c.member_ids.clear();
  while (q.step()) c.member_ids.push_back(q.column_text(0));
}

std::optional<Conversation> conversation_by_id(Database& db, const Id& id) {
  Query q = db.query(std::string("SELECT ") + kConversationColumns +
                     " FROM conversations c WHERE c.id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  Conversation c = read_conversation(q);
  load_members(db, c);
  return c;
}

std::vector<Person> people_of(Database& db, const Conversation& c) {
  std::vector<Person> out;
  // Two indexed halves joined by UNION: with an OR between them SQLite scanned every user,
  // which was a tenth of the server's CPU per message at 10,000 users.
  Query q = db.query(
      "SELECT u.id, u.name, u.org_id, o.kind FROM conversation_members m "
      "JOIN users u ON u.id = m.user_id JOIN organisations o ON o.id = u.org_id "
      "WHERE m.conversation_id = ?1 "
      "UNION SELECT u.id, u.name, u.org_id, o.kind FROM users u "
      "JOIN organisations o ON o.id = u.org_id WHERE ?2 = 'topic' AND u.org_id = ?3 "
      "ORDER BY 4 DESC, 2");
  q.bind(1, c.id).bind(2, to_string(c.kind)).bind(3, c.org_id);
  while (q.step())
    out.push_back(Person{q.column_text(0), q.column_text(1), q.column_text(2),
                         q.column_text(3) == "vendor"});
  return out;
}

int64_t read_position(Database& db, const Id& conversation, const Id& user) {
  Query q = db.query(
      "SELECT last_read_seq FROM message_reads WHERE conversation_id = ? AND user_id = ?");
  q.bind(1, conversation).bind(2, user);
  return q.step() ? q.column_int(0) : 0;
}

int32_t count_unread(Database& db, const Id& conversation, const Id& user, int64_t after) {
  Query q = db.query(
      "SELECT count(*) FROM messages WHERE conversation_id = ? AND seq > ? AND author_id != ? "
      "AND deleted = 0");
  q.bind(1, conversation).bind(2, after).bind(3, user);
  q.step();
  return static_cast<int32_t>(q.column_int(0));
}

void insert_conversation(Database& db, const Conversation& c, UnixTime now) {
  Query q = db.query(
      "INSERT INTO conversations (id, org_id, kind, title, created_by, created_at, archived, "
      "direct_key) VALUES (?,?,?,?,?,?,?,?)");
  q.bind(1, c.id)
      .bind(2, c.org_id)
      .bind(3, to_string(c.kind))
      .bind(4, c.title)
      .bind(5, c.created_by)
      .bind(6, c.created_at)
      .bind(7, int64_t{c.archived ? 1 : 0});
  if (c.kind == ConversationKind::Direct && c.member_ids.size() == 2) {
    const auto [lo, hi] = std::minmax(c.member_ids[0], c.member_ids[1]);
    q.bind(8, lo + "|" + hi);
  } else {
    q.bind_null(8);
  }
  q.run();
  for (const Id& user : c.member_ids)
    db.query("INSERT OR IGNORE INTO conversation_members (conversation_id, user_id, added_at) "
             "VALUES (?,?,?)")
        .bind(1, c.id)
        .bind(2, user)
        .bind(3, now)
        .run();
}

void insert_message(Database& db, const Message& m) {
  db.query(
        "INSERT INTO messages (id, conversation_id, seq, author_id, body, parent_id, sent_at, "
        "edited_at, deleted) VALUES (?,?,?,?,?,?,?,?,?)")
      .bind(1, m.id)
      .bind(2, m.conversation_id)
      .bind(3, m.seq)
      .bind(4, m.author_id)
      .bind(5, m.body)
      .bind(6, m.parent_id)
      .bind(7, m.sent_at)
      .bind(8, m.edited_at)
      .bind(9, int64_t{m.deleted ? 1 : 0})
      .run();
  // Not indexed here: index_messages does it in runs (schema_v15_search_catchup.h).
}

// Every message with a row number up to this one is in the search index, unless deleted.
int64_t indexed_through(Database& db) {
  return db.scalar_int("SELECT indexed_through FROM message_search_progress");
}

// How many messages wait to be indexed in one run.
constexpr int64_t kIndexRun = 256;

// Indexes the messages past the mark when at least `at_least` (1 or more) of them wait. One
// statement for the run, so FTS5 writes one segment for all of it.
void index_messages(Database& db, int64_t at_least) {
  const int64_t mark = indexed_through(db);
  const int64_t last = db.scalar_int("SELECT coalesce(max(row_id), 0) FROM messages");
  if (last - mark < std::max<int64_t>(at_least, 1)) return;
  // The entries and the mark move together, also where no command's savepoint surrounds the
  // run (a search inside the open batch): a mark left behind would index rows twice.
  db.query("SAVEPOINT index_run").run();
  try {
    db.query(
          "INSERT INTO message_search (rowid, body) SELECT row_id, body FROM messages "
          "WHERE row_id > ? AND deleted = 0")
        .bind(1, mark)
        .run();
    db.query("UPDATE message_search_progress SET indexed_through = ?").bind(1, last).run();
    db.query("RELEASE index_run").run();
  } catch (...) {
    try {
      db.query("ROLLBACK TO index_run").run();
      db.query("RELEASE index_run").run();
    } catch (const sqlite::Error&) {
      // SQLite already rolled the whole transaction back: nothing of the run is left.
    }
    throw;
  }
}

void update_message(Database& db, const Message& m) {
  int64_t row = 0;
  std::string old_body;
  bool was_deleted = false;
  {
    Query q = db.query("SELECT row_id, body, deleted FROM messages WHERE id = ?");
    q.bind(1, m.id);
    if (!q.step()) throw sqlite::Error("message " + m.id + " vanished during its update");
    row = q.column_int(0);
    old_body = q.column_text(1);
    was_deleted = q.column_int(2) != 0;
  }
  db.query("UPDATE messages SET body = ?, edited_at = ?, deleted = ? WHERE row_id = ?")
      .bind(1, m.body)
      .bind(2, m.edited_at)
      .bind(3, int64_t{m.deleted ? 1 : 0})
      .bind(4, row)
      .run();
  // An indexed message's entry follows its text: replaced on an edit, gone with a deletion.
  // The index reads no text of its own, so it is told the words it holds for the row (the old
  // body) to take them out. A message past the mark is indexed later as it is then.
  if (row > indexed_through(db)) return;
  if (!was_deleted)
    db.query("INSERT INTO message_search (message_search, rowid, body) VALUES ('delete', ?, ?)")
        .bind(1, row)
        .bind(2, old_body)
        .run();
  if (!m.deleted)
    db.query("INSERT INTO message_search (rowid, body) VALUES (?, ?)")
        .bind(1, row)
        .bind(2, m.body)
        .run();
}

void raise_read(Database& db, const ReadMarker& r) {
  db.query(
        "INSERT INTO message_reads (conversation_id, user_id, last_read_seq, read_at) "
        "VALUES (?,?,?,?) ON CONFLICT(conversation_id, user_id) DO UPDATE SET "
        "last_read_seq = excluded.last_read_seq, read_at = excluded.read_at "
        "WHERE excluded.last_read_seq > message_reads.last_read_seq")
      .bind(1, r.conversation_id)
      .bind(2, r.user_id)
      .bind(3, r.last_read_seq)
      .bind(4, r.read_at)
      .run();
}

}  // namespace

std::optional<Conversation> SqliteStore::find_conversation(const Id& id) {
  std::lock_guard lock(write_mutex_);
  return conversation_by_id(*writer_, id);
}

std::optional<Conversation> SqliteStore::find_direct_conversation(const Id& a, const Id& b) {
  std::lock_guard lock(write_mutex_);
  const auto [lo, hi] = std::minmax(a, b);
  Id id;
  {
    Query q = writer_->query("SELECT id FROM conversations WHERE direct_key = ?");
    q.bind(1, lo + "|" + hi);
    if (!q.step()) return std::nullopt;
    id = q.column_text(0);
  }
  return conversation_by_id(*writer_, id);
}

std::vector<Person> SqliteStore::conversation_people(const Conversation& c) {
  std::lock_guard lock(write_mutex_);
  return people_of(*writer_, c);
}

std::vector<Id> SqliteStore::conversation_member_ids(const Conversation& c) {
  // The members came with the conversation (reading them a second time, with the channel's
  // users in one UNION, was ~13 % of the worker threads' samples); a channel adds its partner's
  // users from a covering index.
  std::vector<Id> ids = c.member_ids;
  if (c.kind != ConversationKind::Topic) return ids;
  {
    std::lock_guard lock(write_mutex_);
    Query q = writer_->query("SELECT id FROM users WHERE org_id = ?");
    q.bind(1, c.org_id);
    while (q.step()) ids.push_back(q.column_text(0));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::optional<Message> SqliteStore::find_message(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + kMessageColumns +
                           " FROM messages m WHERE m.id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  Message m = read_message(q);
  sqlite::load_attachments(*writer_, m);
  return m;
}

int64_t SqliteStore::next_message_seq(const Id& conversation_id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query("SELECT coalesce(max(seq), 0) + 1 FROM messages WHERE conversation_id = ?");
  q.bind(1, conversation_id);
  q.step();
  return q.column_int(0);
}

int32_t SqliteStore::unread_after(const Id& conversation_id, const Id& user, int64_t seq) {
  std::lock_guard lock(write_mutex_);
  return portal::server::count_unread(*writer_, conversation_id, user, seq);
}

std::vector<ReadState> SqliteStore::read_states(const Id& conversation_id,
                                                const std::vector<Id>& users) {
  std::lock_guard lock(write_mutex_);
  // Commands plan with this: inside a batch they read it as it stands (one connection under one
  // lock reads consistently), and a batch is not committed just to read.
  std::optional<Transaction> tx;
  if (!batch_open()) tx.emplace(*writer_, TransactionMode::Deferred);
  std::vector<ReadState> out;
  for (const Id& user : users) {
    const int64_t read = read_position(*writer_, conversation_id, user);
    out.push_back(ReadState{user, read, count_unread(*writer_, conversation_id, user, read)});
  }
  return out;
}

MessagesInputs SqliteStore::messages_inputs(const Id& user, const std::optional<Id>& channel_org,
                                            const std::string& room_key) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Deferred);
  MessagesInputs in;
  {
    Query q = writer_->query(std::string("SELECT ") + kConversationColumns +
                             ", o.name FROM conversations c JOIN organisations o ON o.id = "
                             "c.org_id WHERE " + kVisibleConversations);
    q.bind(1, user).bind(2, channel_org.value_or(std::string()));
    while (q.step()) {
      ConversationListRow row;
      row.conversation = read_conversation(q);
      row.org_name = q.column_text(7);
      in.rows.push_back(std::move(row));
    }
  }
  for (ConversationListRow& row : in.rows) {
    Conversation& c = row.conversation;
    load_members(*writer_, c);
    {
      Query q = writer_->query(std::string("SELECT ") + kMessageColumns +
                               " FROM messages m WHERE m.conversation_id = ? ORDER BY m.seq DESC "
                               "LIMIT 1");
      q.bind(1, c.id);
      if (q.step()) row.last = read_message(q);
    }
    row.read_seq = read_position(*writer_, c.id, user);
    row.unread = count_unread(*writer_, c.id, user, row.read_seq);
    for (Person& p : people_of(*writer_, c))
      if (!find_person(in.people, p.id)) in.people.push_back(std::move(p));
  }
  in.seq = sqlite::latest_seq(*writer_, room_key);
  return in;
}

ConversationInputs SqliteStore::conversation_inputs(const Conversation& c, size_t limit,
                                                    const std::string& room_key) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Deferred);
  ConversationInputs in;
  in.conversation = c;
  load_members(*writer_, in.conversation);
  {
    Query q = writer_->query("SELECT name FROM organisations WHERE id = ?");
    q.bind(1, c.org_id);
    if (q.step()) in.org_name = q.column_text(0);
  }
  in.people = people_of(*writer_, c);
  {
    Query q = writer_->query(std::string("SELECT ") + kMessageColumns +
                             " FROM messages m WHERE m.conversation_id = ? ORDER BY m.seq DESC "
                             "LIMIT ?");
    q.bind(1, c.id).bind(2, static_cast<int64_t>(limit + 1));
    while (q.step()) in.messages.push_back(read_message(q));
  }
  if (in.messages.size() > limit) {
    in.messages.pop_back();
    in.has_older = true;
  }
  std::reverse(in.messages.begin(), in.messages.end());
  sqlite::load_attachments(*writer_, in.messages);
  {
    Query q = writer_->query(
        "SELECT user_id, last_read_seq, read_at FROM message_reads WHERE conversation_id = ? "
        "ORDER BY user_id");
    q.bind(1, c.id);
    while (q.step())
      in.reads.push_back(ReadMarker{c.id, q.column_text(0), q.column_int(1), q.column_int(2)});
  }
  in.seq = sqlite::latest_seq(*writer_, room_key);
  return in;
}

std::vector<Message> SqliteStore::messages_before(const Id& conversation_id, int64_t before_seq,
                                                  size_t limit, bool& has_older) {
  std::lock_guard lock(write_mutex_);
  std::vector<Message> out;
  Query q = writer_->query(std::string("SELECT ") + kMessageColumns +
                           " FROM messages m WHERE m.conversation_id = ? AND m.seq < ? ORDER BY "
                           "m.seq DESC LIMIT ?");
  q.bind(1, conversation_id).bind(2, before_seq).bind(3, static_cast<int64_t>(limit + 1));
  while (q.step()) out.push_back(read_message(q));
  has_older = out.size() > limit;
  if (has_older) out.pop_back();
  std::reverse(out.begin(), out.end());
  sqlite::load_attachments(*writer_, out);
  return out;
}

std::vector<Message> SqliteStore::search_messages(const Id& user,
                                                  const std::optional<Id>& channel_org,
                                                  const std::string& match, size_t limit) {
  std::lock_guard lock(write_mutex_);
  // Whatever was sent up to now is found: the index catches up first (in the open batch, if
  // any, so it commits, or rolls back, with the messages it indexes).
  if (batch_open()) {
    index_messages(*writer_, 1);
  } else {
    Transaction tx(*writer_, TransactionMode::Immediate);
    index_messages(*writer_, 1);
    tx.commit();
  }
  std::vector<Message> out;
  // Visibility is part of the query itself: a row the user may not see is never read.
  Query q = writer_->query(std::string("SELECT ") + kMessageColumns +
                           " FROM message_search s JOIN messages m ON m.row_id = s.rowid "
                           "JOIN conversations c ON c.id = m.conversation_id "
                           "WHERE message_search MATCH ?3 AND m.deleted = 0 AND " +
                           kVisibleConversations + " ORDER BY s.rank, m.sent_at DESC LIMIT ?4");
  q.bind(1, user).bind(2, channel_org.value_or(std::string())).bind(3, match);
  q.bind(4, static_cast<int64_t>(limit));
  while (q.step()) out.push_back(read_message(q));
  return out;
}

CommandOutcome SqliteStore::apply_message_change(const CommandKey& key,
                                                 const MessageChange& change,
                                                 const std::vector<NewEvent>& events,
                                                 const nlohmann::json& result, UnixTime now) {
  return run_command(
      key, events, result, now,
      [&](Database& db) {
        if (change.conversation) insert_conversation(db, *change.conversation, now);
        if (change.message) {
          if (change.new_message) {
            insert_message(db, *change.message);
            sqlite::insert_attachments(db, *change.message);
            index_messages(db, kIndexRun);
          } else
            update_message(db, *change.message);
        }
        if (change.read) raise_read(db, *change.read);
      },
      /*batched=*/true);
}

void SqliteStore::insert_seed_conversations(const SeedData& data) {
  for (const SeedConversation& sc : data.conversations) {
    insert_conversation(*writer_, sc.conversation, sc.conversation.created_at);
    for (const Message& m : sc.messages) insert_message(*writer_, m);
    for (const ReadMarker& r : sc.reads) raise_read(*writer_, r);
  }
  index_messages(*writer_, 1);
}

}  // namespace portal::server

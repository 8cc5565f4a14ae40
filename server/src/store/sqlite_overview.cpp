// The Overview's calls of SqliteStore: announcements, the quarter's revenue and new accounts per
// partner, the leaderboard setting, users' visits and the recent events of a room. Like
// sqlite_pipeline.cpp they run on the writer connection under its mutex, so a command's check
// and write, and a snapshot's reads, each see one moment.
#include "store/sqlite_overview.h"

#include "store/sqlite_log.h"
#include "store/sqlite_reader_lease.h"
#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace portal::server {
namespace sqlite {

void insert_announcements(Database& db, const std::vector<AnnouncementRecord>& list) {
  for (const AnnouncementRecord& r : list) {
    const OverviewAnnouncement& a = r.announcement;
    db.query(
          "INSERT INTO announcements (id, title, body, audience_org, author_id, author_name, "
          "posted_at) VALUES (?,?,?,?,?,?,?)")
        .bind(1, a.id)
        .bind(2, a.title)
        .bind(3, a.body)
        .bind(4, a.audience_org)
        .bind(5, r.author_id)
        .bind(6, a.author_name)
        .bind(7, a.posted_at)
        .run();
  }
}

}  // namespace sqlite

using sqlite::Database;
using sqlite::Query;
using sqlite::Transaction;
using sqlite::TransactionMode;

std::vector<OverviewAnnouncement> SqliteStore::announcements(const std::optional<Id>& org,
                                                             size_t limit) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(
      "SELECT a.id, a.title, a.body, a.audience_org, COALESCE(o.name, ''), a.author_name, "
      "a.posted_at FROM announcements a LEFT JOIN organisations o ON o.id = a.audience_org" +
      std::string(org ? " WHERE a.audience_org IN ('', ?)" : "") +
      " ORDER BY a.posted_at DESC, a.rowid DESC LIMIT " + std::to_string(limit));
  if (org) q.bind(1, *org);
  std::vector<OverviewAnnouncement> out;
  while (q.step()) {
    out.push_back(OverviewAnnouncement{q.column_text(0), q.column_text(1), q.column_text(2),
                                       q.column_text(3), q.column_text(4), q.column_text(5),
                                       q.column_int(6)});
  }
  return out;
}

CommandOutcome SqliteStore::post_announcement(const CommandKey& key, const AnnouncementRecord& a,
                                              const std::vector<NewEvent>& events,
                                              const nlohmann::json& result, UnixTime now) {
  return run_command(key, events, result, now, [&](Database& db) {
    sqlite::insert_announcements(db, {a});
  });
}

std::vector<LeaderboardEntry> SqliteStore::revenue_entries(UnixTime from, UnixTime to,
                                                           const std::string& currency) {
  std::lock_guard lock(write_mutex_);
  // Deals won before won_at existed (schema 1) count at their last update, as in read_deal.
  Query q = writer_->query(
      "SELECT o.id, o.name, COALESCE(SUM(d.value_minor), 0) FROM organisations o "
      "LEFT JOIN deals d ON d.org_id = o.id AND d.stage = 'closed_won' AND d.currency = ? "
      "AND (CASE WHEN d.won_at = 0 THEN d.updated_at ELSE d.won_at END) >= ? "
      "AND (CASE WHEN d.won_at = 0 THEN d.updated_at ELSE d.won_at END) < ? "
      "WHERE o.kind = 'partner' GROUP BY o.id, o.name");
  q.bind(1, currency).bind(2, from).bind(3, to);
  std::vector<LeaderboardEntry> out;
  while (q.step()) {
    LeaderboardEntry e;
    e.org_id = q.column_text(0);
    e.name = q.column_text(1);
    e.revenue_minor = q.column_int(2);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<LeaderboardEntry> SqliteStore::new_account_entries(UnixTime from, UnixTime to) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(
      "SELECT o.id, o.name, COUNT(a.id) FROM organisations o "
      "LEFT JOIN customer_accounts a ON a.org_id = o.id AND a.created_at >= ? AND a.created_at < ? "
      "WHERE o.kind = 'partner' GROUP BY o.id, o.name");
  q.bind(1, from).bind(2, to);
  std::vector<LeaderboardEntry> out;
  while (q.step()) {
    LeaderboardEntry e;
    e.org_id = q.column_text(0);
    e.name = q.column_text(1);
    e.new_accounts = static_cast<int32_t>(q.column_int(2));
    out.push_back(std::move(e));
  }
  return out;
}

namespace {
// A LIKE pattern for "contains `text`", with the text's own % and _ escaped (ESCAPE '\\'), so
// they match themselves.
std::string contains_pattern(const std::string& text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + '%';
}
}  // namespace

std::vector<RoomPartner> SqliteStore::search_partners(const std::string& query, size_t limit) {
  const std::string pattern = contains_pattern(query);
  ReaderLease lease(*this);  // a read: it never waits for, nor holds up, the writer
  Query q = lease.db().query(
      "SELECT id, name, revenue_share_bp FROM organisations WHERE kind = 'partner' AND name LIKE ? "
      "ESCAPE '\\' ORDER BY name, id LIMIT ?");
  q.bind(1, pattern).bind(2, static_cast<int64_t>(limit));
  std::vector<RoomPartner> out;
  while (q.step())
    out.push_back(RoomPartner{q.column_text(0), q.column_text(1),
                              static_cast<int32_t>(q.column_int(2))});
  return out;
}

std::vector<PersonRow> SqliteStore::find_people(const PeopleQuery& query) {
  const std::string pattern = contains_pattern(query.text);
  const std::string orgs = query.orgs.empty() ? std::string() : Json(query.orgs).dump();
  ReaderLease lease(*this);  // a read: it never waits for, nor holds up, the writer
  // With organisations named, their users are read through the org index (0.1 ms at 50,000
  // users); without, every user is (about 10-45 ms there).
  Query q = lease.db().query(
      std::string("SELECT u.id, u.org_id, u.email, u.name, u.role, o.name FROM users u "
                  "JOIN organisations o ON o.id = u.org_id "
                  "WHERE (u.name LIKE ?1 ESCAPE '\\' OR u.email LIKE ?1 ESCAPE '\\') "
                  "AND u.id != ?2 AND u.org_id != ?3 ") +
      (orgs.empty() ? "AND ?4 = '' " : "AND u.org_id IN (SELECT value FROM json_each(?4)) ") +
      "ORDER BY u.name, u.id LIMIT ?5");
  q.bind(1, pattern).bind(2, query.exclude_user).bind(3, query.exclude_org).bind(4, orgs);
  q.bind(5, static_cast<int64_t>(query.limit));
  std::vector<PersonRow> out;
  while (q.step()) {
    out.push_back(PersonRow{sqlite::read_user(q), q.column_text(5)});
  }
  return out;
}

NameDisclosure SqliteStore::leaderboard_disclosure() {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query("SELECT value FROM program_settings WHERE key = 'leaderboard_names'");
  return q.step() && q.column_text(0) == "named" ? NameDisclosure::Named
                                                  : NameDisclosure::Anonymised;
}

UnixTime SqliteStore::begin_visit(const Id& user_id, UnixTime now) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Immediate);
  UnixTime since = 0;
  {
    Query q = writer_->query("SELECT last_seen_at FROM user_visits WHERE user_id = ?");
    q.bind(1, user_id);
    if (q.step()) since = q.column_int(0);
  }
  writer_
      ->query(
          "INSERT INTO user_visits (user_id, last_seen_at, visit_since) VALUES (?, ?, ?) "
          "ON CONFLICT(user_id) DO UPDATE SET last_seen_at = excluded.last_seen_at, "
          "visit_since = excluded.visit_since")
      .bind(1, user_id)
      .bind(2, now)
      .bind(3, since)
      .run();
  tx.commit();
  return since;
}

void SqliteStore::touch_visit(const Id& user_id, UnixTime now) {
  std::lock_guard lock(write_mutex_);
  settled_writer()
      .query(
          "INSERT INTO user_visits (user_id, last_seen_at, visit_since) VALUES (?, ?, 0) "
          "ON CONFLICT(user_id) DO UPDATE SET last_seen_at = MAX(last_seen_at, "
          "excluded.last_seen_at)")
      .bind(1, user_id)
      .bind(2, now)
      .run();
}

UnixTime SqliteStore::visit_since(const Id& user_id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query("SELECT visit_since FROM user_visits WHERE user_id = ?");
  q.bind(1, user_id);
  return q.step() ? q.column_int(0) : 0;
}

std::vector<StoredEvent> SqliteStore::events_since(const std::string& room_key, UnixTime since,
                                                   size_t limit) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(
      "SELECT seq, type, data, at FROM events WHERE room = ? AND at > ? ORDER BY seq DESC "
      "LIMIT " + std::to_string(limit));
  q.bind(1, room_key).bind(2, since);
  std::vector<StoredEvent> out;
  while (q.step()) {
    StoredEvent e;
    e.room_key = room_key;
    e.seq = q.column_int(0);
    e.type = q.column_text(1);
    e.data = nlohmann::json::parse(q.column_text(2), nullptr, false);
    e.at = q.column_int(3);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace portal::server

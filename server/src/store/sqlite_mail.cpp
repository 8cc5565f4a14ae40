// The mail calls of SqliteStore: the outbox the mailer delivers, invitations, and the digests of
// offline users. The rows a command causes are written by write_outbox_rows inside run_command's
// transaction (see store/outbox_scope.h). Everything here uses the writer connection: these
// are small, and the mailer must see what a command committed a moment ago.
#include <algorithm>
#include <cassert>

#include <nlohmann/json.hpp>

#include "store/outbox_scope.h"
#include "store/sqlite.h"
#include "store/sqlite_projects.h"
#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace portal::server {

namespace {
thread_local OutboxScope* t_outbox = nullptr;

std::string_view to_string(MailStatus s) {
  switch (s) {
    case MailStatus::Pending: return "pending";
    case MailStatus::Sent: return "sent";
    case MailStatus::Failed: return "failed";
  }
  return "pending";
}
MailStatus mail_status_from(std::string_view s) {
  if (s == "sent") return MailStatus::Sent;
  if (s == "failed") return MailStatus::Failed;
  return MailStatus::Pending;
}
}  // namespace

OutboxScope::OutboxScope() : previous_(t_outbox) { t_outbox = this; }
OutboxScope::~OutboxScope() { t_outbox = previous_; }
OutboxScope* OutboxScope::current() { return t_outbox; }
void OutboxScope::add_mail(OutboxMail mail) {
  // A mail added outside a command's scope would never be written: a programmer error.
  assert(t_outbox != nullptr);
  if (t_outbox) t_outbox->mails_.push_back(std::move(mail));
}
void OutboxScope::add_digest(PendingDigest digest) {
  assert(t_outbox != nullptr);  // as add_mail
  if (t_outbox) t_outbox->digests_.push_back(std::move(digest));
}

using sqlite::Database;
using sqlite::Query;
using sqlite::Transaction;
using sqlite::TransactionMode;

namespace sqlite {
namespace {

constexpr const char* kMailColumns =
    "id, kind, to_addr, to_name, subject, body, created_at, status, attempts, next_attempt_at, "
    "last_error, sent_at FROM email_outbox";
constexpr const char* kInvitationColumns =
    "id, org_id, email, name, role, invited_by, created_at, expires_at, used_at, revoked_at "
    "FROM invitations";

OutboxMail read_mail(const Query& q) {
  OutboxMail m;
  m.id = q.column_text(0);
  m.kind = q.column_text(1);
  m.to_addr = q.column_text(2);
  m.to_name = q.column_text(3);
  m.subject = q.column_text(4);
  m.body = q.column_text(5);
  m.created_at = q.column_int(6);
  m.status = mail_status_from(q.column_text(7));
  m.attempts = static_cast<int32_t>(q.column_int(8));
  m.next_attempt_at = q.column_int(9);
  m.last_error = q.column_text(10);
  m.sent_at = q.column_int(11);
  return m;
}

InvitationRecord read_invitation(const Query& q) {
  InvitationRecord i;
  i.id = q.column_text(0);
  i.org_id = q.column_text(1);
  i.email = q.column_text(2);
  i.name = q.column_text(3);
  i.role = role_from_string(q.column_text(4)).value_or(Role::PartnerUser);
  i.invited_by = q.column_text(5);
  i.created_at = q.column_int(6);
  i.expires_at = q.column_int(7);
  i.used_at = q.column_int(8);
  i.revoked_at = q.column_int(9);
  return i;
}

void insert_mail(Database& db, const OutboxMail& m) {
  db.query(
        "INSERT INTO email_outbox (id, kind, to_addr, to_name, subject, body, created_at, status, "
        "attempts, next_attempt_at) VALUES (?,?,?,?,?,?,?,'pending',0,?)")
      .bind(1, m.id)
      .bind(2, m.kind)
      .bind(3, m.to_addr)
      .bind(4, m.to_name)
      .bind(5, m.subject)
      .bind(6, m.body)
      .bind(7, m.created_at)
      .bind(8, m.created_at)
      .run();
}

// The digests a message causes share its conversation, seq and due time and differ only in
// the user: each such run is one statement over a JSON list of users, not one per member.
void insert_digests(Database& db, const std::vector<PendingDigest>& digests) {
  for (size_t at = 0; at < digests.size();) {
    const PendingDigest& d = digests[at];
    nlohmann::json users = nlohmann::json::array();
    size_t end = at;
    for (; end < digests.size() && digests[end].conversation_id == d.conversation_id &&
           digests[end].from_seq == d.from_seq && digests[end].due_at == d.due_at;
         ++end)
      users.push_back(digests[end].user_id);
    // A digest already pending for this conversation covers the new message too.
    db.query(
          "INSERT INTO message_digests (user_id, conversation_id, from_seq, due_at) "
          "SELECT value, ?2, ?3, ?4 FROM json_each(?1) WHERE true "
          "ON CONFLICT (user_id, conversation_id) DO NOTHING")
        .bind(1, users.dump())
        .bind(2, d.conversation_id)
        .bind(3, d.from_seq)
        .bind(4, d.due_at)
        .run();
    at = end;
  }
}

SeatUse seat_use_in(Database& db, const Id& org, UnixTime now,
                    const std::string& replacing_email) {
  SeatUse s;
  {
    Query q = db.query(kSeatsInForce);
    q.bind(1, org).bind(2, now);
    s.seats = q.step() ? q.column_int(0) : 0;
  }
  {
    Query q = db.query("SELECT COUNT(*) FROM users WHERE org_id = ?");
    q.bind(1, org);
    s.users = q.step() ? q.column_int(0) : 0;
  }
  {
    Query q = db.query(
        "SELECT COUNT(*) FROM invitations WHERE org_id = ? AND used_at = 0 AND revoked_at = 0 "
        "AND expires_at > ? AND email != ?");
    q.bind(1, org).bind(2, now).bind(3, replacing_email);
    s.pending_invitations = q.step() ? q.column_int(0) : 0;
  }
  return s;
}

}  // namespace

void write_outbox_rows(Database& db) {
  OutboxScope* scope = OutboxScope::current();
  if (scope == nullptr) return;
  for (const OutboxMail& m : scope->take_mails()) insert_mail(db, m);
  insert_digests(db, scope->take_digests());
}

}  // namespace sqlite

SeatUse SqliteStore::seat_use(const Id& org, UnixTime now, const std::string& replacing_email) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Deferred);
  return sqlite::seat_use_in(*writer_, org, now, replacing_email);
}

std::optional<InvitationRecord> SqliteStore::find_invitation(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + sqlite::kInvitationColumns + " WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return sqlite::read_invitation(q);
}

std::vector<InvitationRecord> SqliteStore::open_invitations(const Id& org, UnixTime now,
                                                            size_t limit) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + sqlite::kInvitationColumns +
                           " WHERE org_id = ? AND used_at = 0 AND revoked_at = 0 AND "
                           "expires_at > ? ORDER BY created_at DESC, rowid DESC LIMIT ?");
  q.bind(1, org).bind(2, now).bind(3, static_cast<int64_t>(limit));
  std::vector<InvitationRecord> out;
  while (q.step()) out.push_back(sqlite::read_invitation(q));
  return out;
}

std::optional<InvitationRecord> SqliteStore::find_invitation_by_token(const std::string& token_hash) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + sqlite::kInvitationColumns +
                           " WHERE token_hash = ?");
  q.bind(1, token_hash);
  if (!q.step()) return std::nullopt;
  return sqlite::read_invitation(q);
}

CommandOutcome SqliteStore::apply_invitation_change(const CommandKey& key,
                                                    const InvitationChange& change,
                                                    const std::vector<NewEvent>& events,
                                                    const nlohmann::json& result, UnixTime now) {
  return run_command(key, events, result, now, [&](Database& db) {
    if (const auto& i = change.created) {
      // A new invitation to the same e-mail from the same organisation replaces its open one (a
      // "resend"): only one link works, and it holds one seat, not two. Another organisation's
      // invitation is never touched by this one.
      db.query(
            "UPDATE invitations SET revoked_at = ? WHERE email = ? AND org_id = ? AND "
            "used_at = 0 AND revoked_at = 0")
          .bind(1, now)
          .bind(2, i->email)
          .bind(3, i->org_id)
          .run();
      db.query(
            "INSERT INTO invitations (id, token_hash, org_id, email, name, role, invited_by, "
            "created_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?)")
          .bind(1, i->id)
          .bind(2, change.token_hash)
          .bind(3, i->org_id)
          .bind(4, i->email)
          .bind(5, i->name)
          .bind(6, portal::to_string(i->role))
          .bind(7, i->invited_by)
          .bind(8, i->created_at)
          .bind(9, i->expires_at)
          .run();
    }
    if (change.revoked) {
      db.query("UPDATE invitations SET revoked_at = ? WHERE id = ? AND used_at = 0 AND revoked_at = 0")
          .bind(1, now)
          .bind(2, *change.revoked)
          .run();
    }
  });
}

std::variant<User, InvitationRefusal> SqliteStore::accept_invitation(
    const std::string& token_hash, const UserRecord& user, UnixTime now) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Immediate);
  InvitationRecord inv;
  {
    Query q = writer_->query(std::string("SELECT ") + sqlite::kInvitationColumns +
                             " WHERE token_hash = ?");
    q.bind(1, token_hash);
    if (!q.step()) return InvitationRefusal{InvitationStatus::Unknown, {}};
    inv = sqlite::read_invitation(q);
  }
  if (inv.used_at != 0) return InvitationRefusal{InvitationStatus::Used, {}};
  if (inv.revoked_at != 0) return InvitationRefusal{InvitationStatus::Revoked, {}};
  if (inv.expires_at <= now) return InvitationRefusal{InvitationStatus::Expired, {}};
  {
    Query q = writer_->query("SELECT COUNT(*) FROM users WHERE email = ?");
    q.bind(1, inv.email);
    if (q.step() && q.column_int(0) > 0)
      return InvitationRefusal{InvitationStatus::Open,
                               "There is already a portal user with the e-mail " + inv.email +
                                   ". Log in instead."};
  }
  // This invitation holds one of the seats counted as pending: the users alone must fit.
  const SeatUse seats = sqlite::seat_use_in(*writer_, inv.org_id, now, "");
  if (seats.users >= seats.seats)
    return InvitationRefusal{InvitationStatus::Open,
                             "Every licence of the organisation is in use. Ask your "
                             "administrator to free a seat or get more licences."};
  User u = user.user;
  u.org_id = inv.org_id;
  u.email = inv.email;
  u.role = inv.role;
  SeedData data;
  data.users.push_back(SeedUser{UserRecord{u, user.password_hash}, now});
  insert_seed_rows(data);
  writer_->query("UPDATE invitations SET used_at = ?, user_id = ? WHERE id = ?")
      .bind(1, now)
      .bind(2, u.id)
      .bind(3, inv.id)
      .run();
  tx.commit();
  return u;
}

std::vector<OutboxMail> SqliteStore::due_mails(UnixTime now, size_t limit) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + sqlite::kMailColumns +
                           " WHERE status = 'pending' AND next_attempt_at <= ? "
                           "ORDER BY next_attempt_at, created_at LIMIT ?");
  q.bind(1, now).bind(2, static_cast<int64_t>(limit));
  std::vector<OutboxMail> out;
  while (q.step()) out.push_back(sqlite::read_mail(q));
  return out;
}

std::optional<OutboxMail> SqliteStore::find_mail(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + sqlite::kMailColumns + " WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return sqlite::read_mail(q);
}

void SqliteStore::record_mail_attempt(const OutboxMail& m) {
  std::lock_guard lock(write_mutex_);
  // A pending invitation mail must keep its link to be delivered; once sent or failed, the
  // one-time token goes, so the database holds only its hash (as for sessions).
  settled_writer()
      .query(
          "UPDATE email_outbox SET status = ?1, attempts = ?2, next_attempt_at = ?3, "
          "last_error = ?4, sent_at = ?5, body = CASE WHEN ?1 != 'pending' AND kind = "
          "'invitation' THEN '(the invitation link is not kept once the mail is handed on)' "
          "ELSE body END WHERE id = ?6")
      .bind(1, to_string(m.status))
      .bind(2, static_cast<int64_t>(m.attempts))
      .bind(3, m.next_attempt_at)
      .bind(4, m.last_error.substr(0, 500))
      .bind(5, m.sent_at)
      .bind(6, m.id)
      .run();
}

std::vector<DueDigest> SqliteStore::due_digests(UnixTime now, size_t limit) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Deferred);
  std::vector<DueDigest> out;
  std::vector<std::pair<PendingDigest, int64_t>> rows;
  {
    Query q = writer_->query(
        "SELECT d.user_id, d.conversation_id, d.from_seq, d.due_at, "
        "COALESCE((SELECT last_read_seq FROM message_reads r WHERE r.conversation_id = "
        "d.conversation_id AND r.user_id = d.user_id), 0) "
        "FROM message_digests d WHERE d.due_at <= ? ORDER BY d.due_at LIMIT ?");
    q.bind(1, now).bind(2, static_cast<int64_t>(limit));
    while (q.step())
      rows.push_back({PendingDigest{q.column_text(0), q.column_text(1), q.column_int(2),
                                    q.column_int(3)},
                      q.column_int(4)});
  }
  for (const auto& [d, read_seq] : rows) {
    DueDigest due;
    due.user_id = d.user_id;
    due.conversation_id = d.conversation_id;
    {
      Query q = writer_->query("SELECT email, name FROM users WHERE id = ? AND role != 'kiosk'");
      q.bind(1, d.user_id);
      if (q.step()) {
        due.email = q.column_text(0);
        due.user_name = q.column_text(1);
      }
    }
    {
      Query q = writer_->query("SELECT title FROM conversations WHERE id = ?");
      q.bind(1, d.conversation_id);
      if (q.step()) due.conversation_title = q.column_text(0);
    }
    {
      Query q = writer_->query(
          "SELECT m.seq, u.name FROM messages m JOIN users u ON u.id = m.author_id "
          "WHERE m.conversation_id = ? AND m.seq >= ? AND m.seq > ? AND m.author_id != ? "
          "AND m.deleted = 0 ORDER BY m.seq");
      q.bind(1, d.conversation_id).bind(2, d.from_seq).bind(3, read_seq).bind(4, d.user_id);
      while (q.step()) {
        ++due.unread;
        due.last_seq = q.column_int(0);
        std::string name = q.column_text(1);
        if (std::find(due.senders.begin(), due.senders.end(), name) == due.senders.end())
          due.senders.push_back(std::move(name));
      }
    }
    if (due.last_seq == 0) due.last_seq = d.from_seq - 1;
    out.push_back(std::move(due));
  }
  return out;
}

void SqliteStore::settle_digest(const DueDigest& d, const std::optional<OutboxMail>& mail,
                                UnixTime next_due) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Immediate);
  writer_->query("DELETE FROM message_digests WHERE user_id = ? AND conversation_id = ?")
      .bind(1, d.user_id)
      .bind(2, d.conversation_id)
      .run();
  if (mail) sqlite::insert_mail(*writer_, *mail);
  // A message that came after the digest was read (its own digest row was not written, this
  // one was pending) starts the next digest.
  Query q = writer_->query(
      "SELECT MIN(seq) FROM messages WHERE conversation_id = ?1 AND seq > ?2 AND author_id != ?3 "
      "AND deleted = 0 AND seq > COALESCE((SELECT last_read_seq FROM message_reads WHERE "
      "conversation_id = ?1 AND user_id = ?3), 0)");
  q.bind(1, d.conversation_id).bind(2, d.last_seq).bind(3, d.user_id);
  if (q.step() && q.column_int(0) > 0) {
    const int64_t from = q.column_int(0);
    sqlite::insert_digests(*writer_, {PendingDigest{d.user_id, d.conversation_id, from, next_due}});
  }
  tx.commit();
}

}  // namespace portal::server

// The Projects room's calls of SqliteStore, the notification rows and the audit trail. Like
// sqlite_pipeline.cpp they run on the writer connection under its mutex, so a command's
// read-check-write and a snapshot's rows + seq each see one moment.
#include <set>

#include "auth/tokens.h"
#include "portal/protocol/model_codecs.h"
#include "portal/protocol/projects_commands.h"
#include "store/audit_scope.h"
#include "store/sqlite.h"
#include "store/sqlite_log.h"
#include "store/sqlite_projects.h"
#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace portal::server {

// [SECTION] Audit scope

namespace {
thread_local const AuditContext* t_audit = nullptr;
}  // namespace

AuditScope::AuditScope(AuditContext context)
    : context_(std::move(context)), previous_(t_audit) {
  t_audit = &context_;
}
AuditScope::~AuditScope() { t_audit = previous_; }
const AuditContext* AuditScope::current() { return t_audit; }

namespace sqlite {
namespace {

constexpr const char* kProjectColumns =
    "id, org_id, name, description, customer_account_id, status, starts_at, due_at, owner_id "
    "FROM projects";
constexpr const char* kTaskColumns =
    "t.id, t.project_id, t.title, t.description, t.assignee_side, t.assignee_id, t.status, "
    "t.due_at, t.completed_at, p.org_id FROM project_tasks t JOIN projects p ON p.id = "
    "t.project_id";
constexpr const char* kPostColumns =
    "x.id, x.project_id, x.kind, x.title, x.body, x.author_id, x.posted_at, x.milestone_at, "
    "x.reached, x.author_name FROM project_posts x JOIN projects p ON p.id = x.project_id";
constexpr const char* kDeliverableColumns =
    "d.id, d.project_id, d.title, d.file_ids, d.status, d.submitted_by, d.submitted_at, "
    "d.reviewed_by, d.reviewed_at, d.review_note, p.org_id FROM deliverables d JOIN projects p "
    "ON p.id = d.project_id";
constexpr const char* kNotificationColumns =
    "id, user_id, kind, title, body, link, created_at, read_at, emailed FROM notifications";

Project read_project(const Query& q) {
  Project p;
  p.id = q.column_text(0);
  p.org_id = q.column_text(1);
  p.name = q.column_text(2);
  p.description = q.column_text(3);
  p.customer_account_id = q.column_text(4);
  p.status = project_status_from_string(q.column_text(5)).value_or(ProjectStatus::Planned);
  p.starts_at = q.column_int(6);
  p.due_at = q.column_int(7);
  p.owner_id = q.column_text(8);
  return p;
}

ProjectTaskRecord read_task(const Query& q) {
  ProjectTaskRecord r;
  ProjectTask& t = r.task;
  t.id = q.column_text(0);
  t.project_id = q.column_text(1);
  t.title = q.column_text(2);
  t.description = q.column_text(3);
  t.assignee_side = side_from_string(q.column_text(4)).value_or(Side::Partner);
  t.assignee_id = q.column_text(5);
  t.status = task_status_from_string(q.column_text(6)).value_or(TaskStatus::Open);
  t.due_at = q.column_int(7);
  t.completed_at = q.column_int(8);
  r.org_id = q.column_text(9);
  return r;
}

ProjectPostRecord read_post(const Query& q) {
  ProjectPostRecord r;
  ProjectPost& p = r.post;
  p.id = q.column_text(0);
  p.project_id = q.column_text(1);
  p.kind = post_kind_from_string(q.column_text(2)).value_or(PostKind::Update);
  p.title = q.column_text(3);
  p.body = q.column_text(4);
  p.author_id = q.column_text(5);
  p.posted_at = q.column_int(6);
  p.milestone_at = q.column_int(7);
  p.reached = q.column_int(8) != 0;
  r.author_name = q.column_text(9);
  return r;
}

DeliverableRecord read_deliverable(const Query& q) {
  DeliverableRecord r;
  Deliverable& d = r.deliverable;
  d.id = q.column_text(0);
  d.project_id = q.column_text(1);
  d.title = q.column_text(2);
  const nlohmann::json ids = nlohmann::json::parse(q.column_text(3), nullptr, false);
  if (ids.is_array())
    for (const auto& id : ids)
      if (id.is_string()) d.file_ids.push_back(id.get<std::string>());
  d.status = review_status_from_string(q.column_text(4)).value_or(ReviewStatus::Draft);
  d.submitted_by = q.column_text(5);
  d.submitted_at = q.column_int(6);
  d.reviewed_by = q.column_text(7);
  d.reviewed_at = q.column_int(8);
  d.review_note = q.column_text(9);
  r.org_id = q.column_text(10);
  return r;
}

Notification read_notification(const Query& q) {
  Notification n;
  n.id = q.column_text(0);
  n.user_id = q.column_text(1);
  n.kind = notification_kind_from_string(q.column_text(2)).value_or(NotificationKind::DealUpdate);
  n.title = q.column_text(3);
  n.body = q.column_text(4);
  n.link = q.column_text(5);
  n.created_at = q.column_int(6);
  n.read_at = q.column_int(7);
  n.emailed = q.column_int(8) != 0;
  return n;
}

void write_project(Database& db, const Project& p, UnixTime now) {
  db.query(
        "INSERT INTO projects (id, org_id, name, description, customer_account_id, status, "
        "starts_at, due_at, owner_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description, "
        "status = excluded.status, starts_at = excluded.starts_at, due_at = excluded.due_at, "
        "owner_id = excluded.owner_id")
      .bind(1, p.id)
      .bind(2, p.org_id)
      .bind(3, p.name)
      .bind(4, p.description)
      .bind(5, p.customer_account_id)
      .bind(6, to_string(p.status))
      .bind(7, p.starts_at)
      .bind(8, p.due_at)
      .bind(9, p.owner_id)
      .bind(10, now)
      .run();
}

void write_task(Database& db, const ProjectTask& t) {
  db.query(
        "INSERT INTO project_tasks (id, project_id, title, description, assignee_side, "
        "assignee_id, status, due_at, completed_at) VALUES (?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(id) DO UPDATE SET title = excluded.title, description = "
        "excluded.description, assignee_side = excluded.assignee_side, assignee_id = "
        "excluded.assignee_id, status = excluded.status, due_at = excluded.due_at, "
        "completed_at = excluded.completed_at")
      .bind(1, t.id)
      .bind(2, t.project_id)
      .bind(3, t.title)
      .bind(4, t.description)
      .bind(5, to_string(t.assignee_side))
      .bind(6, t.assignee_id)
      .bind(7, to_string(t.status))
      .bind(8, t.due_at)
      .bind(9, t.completed_at)
      .run();
}

void insert_post(Database& db, const ProjectPostRecord& r) {
  const ProjectPost& p = r.post;
  db.query(
        "INSERT INTO project_posts (id, project_id, kind, title, body, author_id, author_name, "
        "posted_at, milestone_at, reached) VALUES (?,?,?,?,?,?,?,?,?,?)")
      .bind(1, p.id)
      .bind(2, p.project_id)
      .bind(3, to_string(p.kind))
      .bind(4, p.title)
      .bind(5, p.body)
      .bind(6, p.author_id)
      .bind(7, r.author_name)
      .bind(8, p.posted_at)
      .bind(9, p.milestone_at)
      .bind(10, int64_t{p.reached ? 1 : 0})
      .run();
}

void write_deliverable(Database& db, const Deliverable& d) {
  db.query(
        "INSERT INTO deliverables (id, project_id, title, file_ids, status, submitted_by, "
        "submitted_at, reviewed_by, reviewed_at, review_note) VALUES (?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(id) DO UPDATE SET title = excluded.title, file_ids = excluded.file_ids, "
        "status = excluded.status, reviewed_by = excluded.reviewed_by, reviewed_at = "
        "excluded.reviewed_at, review_note = excluded.review_note")
      .bind(1, d.id)
      .bind(2, d.project_id)
      .bind(3, d.title)
      .bind(4, dump_json(nlohmann::json(d.file_ids)))
      .bind(5, to_string(d.status))
      .bind(6, d.submitted_by)
      .bind(7, d.submitted_at)
      .bind(8, d.reviewed_by)
      .bind(9, d.reviewed_at)
      .bind(10, d.review_note)
      .run();
}

void insert_notification(Database& db, const Notification& n) {
  db.query(
        "INSERT OR IGNORE INTO notifications (id, user_id, kind, title, body, link, created_at, "
        "read_at, emailed) VALUES (?,?,?,?,?,?,?,?,?)")
      .bind(1, n.id)
      .bind(2, n.user_id)
      .bind(3, to_string(n.kind))
      .bind(4, n.title)
      .bind(5, n.body)
      .bind(6, n.link)
      .bind(7, n.created_at)
      .bind(8, n.read_at)
      .bind(9, int64_t{n.emailed ? 1 : 0})
      .run();
}

// "org:<id>/leads" -> "<id>"; anything else -> "".
std::string org_of_room(const std::string& room_key) {
  if (!room_key.starts_with("org:")) return {};
  const auto slash = room_key.find('/');
  return slash == std::string::npos ? std::string() : room_key.substr(4, slash - 4);
}

// The audit row of the command running in `scope`, from what it changed: the partner is the one
// whose rooms got events, the target the id the result names (the one that matches the action's
// noun first: "lead.convert" -> "lead_id"), the summary the events in plain order; a scope that
// names its organisation and summary itself (an invitation) is taken at its word.
AuditEntry derive_audit(const AuditContext& scope, const std::vector<NewEvent>& events,
                        const nlohmann::json& result, UnixTime now, Id& target_org) {
  AuditEntry e;
  e.id = new_id();
  e.at = now;
  e.actor_id = scope.actor_id;
  e.actor_org_id = scope.actor_org_id;
  e.action = scope.action.substr(0, 64);
  target_org = scope.target_org;
  for (const NewEvent& ev : events) {
    if (!target_org.empty()) break;
    if (auto org = org_of_room(ev.room_key); !org.empty()) target_org = org;
  }
  const std::string noun = e.action.substr(0, e.action.find('.'));
  if (result.is_object()) {
    if (auto it = result.find(noun + "_id"); it != result.end() && it->is_string()) {
      e.target_kind = noun;
      e.target_id = it->get<std::string>();
    } else {
      for (auto it = result.begin(); it != result.end(); ++it)
        if (it.key().ends_with("_id") && it.value().is_string()) {
          e.target_kind = it.key().substr(0, it.key().size() - 3);
          e.target_id = it.value().get<std::string>();
          break;
        }
    }
  }
  std::string summary;
  std::set<std::string> seen;
  for (const NewEvent& ev : events) {
    if (ev.room_key.starts_with("user:") || !seen.insert(ev.type).second) continue;
    if (!summary.empty()) summary += ", ";
    summary += ev.type;
  }
  if (result.is_object())
    for (const char* detail : {"stage", "status", "decision", "level"})
      if (auto it = result.find(detail); it != result.end() && it->is_string())
        summary += std::string(summary.empty() ? "" : "; ") + detail + " " +
                   it->get<std::string>();
  if (!scope.summary.empty()) summary = scope.summary;
  e.summary = summary.empty() ? e.action : summary.substr(0, 500);
  return e;
}

}  // namespace

void write_side_rows(Database& db, const std::vector<NewEvent>& events,
                     const nlohmann::json& result, UnixTime now) {
  for (const NewEvent& ev : events) {
    if (ev.type != kEvNotificationAdded || !ev.room_key.starts_with("user:")) continue;
    const auto* nj = ev.data.is_object() && ev.data.contains("notification")
                         ? &ev.data["notification"]
                         : nullptr;
    if (auto n = nj ? notification_from_json(*nj) : std::nullopt) insert_notification(db, *n);
  }
  const AuditContext* scope = AuditScope::current();
  if (scope == nullptr || (events.empty() && scope->summary.empty())) return;
  Id target_org;
  const AuditEntry e = derive_audit(*scope, events, result, now, target_org);
  db.query(
        "INSERT INTO audit_log (id, at, actor_id, actor_org_id, action, target_org, target_kind, "
        "target_id, summary) VALUES (?,?,?,?,?,?,?,?,?)")
      .bind(1, e.id)
      .bind(2, e.at)
      .bind(3, e.actor_id)
      .bind(4, e.actor_org_id)
      .bind(5, e.action)
      .bind(6, target_org)
      .bind(7, e.target_kind)
      .bind(8, e.target_id)
      .bind(9, e.summary)
      .run();
}

}  // namespace sqlite

using sqlite::Database;
using sqlite::Query;
using sqlite::Transaction;
using sqlite::TransactionMode;

// [SECTION] Projects

ProjectsInputs SqliteStore::projects_inputs(const std::optional<Id>& org,
                                            const std::string& room_key) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Deferred);
  ProjectsInputs in;
  {
    Query q = writer_->query(
        std::string("SELECT ") + sqlite::kOrgColumns +
        std::string(org ? " WHERE id = ?" : " WHERE kind = 'partner' ORDER BY name"));
    if (org) q.bind(1, *org);
    while (q.step()) in.orgs.push_back(sqlite::read_org(q));
  }
  const std::string where = org ? " WHERE p.org_id = ?" : "";
  {
    Query q = writer_->query(std::string("SELECT ") + sqlite::kProjectColumns +
                             (org ? " WHERE org_id = ?" : "") + " ORDER BY created_at, rowid");
    if (org) q.bind(1, *org);
    while (q.step()) in.projects.push_back(sqlite::read_project(q));
  }
  {
    Query q = writer_->query(std::string("SELECT ") + sqlite::kTaskColumns + where);
    if (org) q.bind(1, *org);
    while (q.step()) in.tasks.push_back(sqlite::read_task(q).task);
  }
  {
    Query q = writer_->query(std::string("SELECT ") + sqlite::kPostColumns + where);
    if (org) q.bind(1, *org);
    while (q.step()) in.posts.push_back(sqlite::read_post(q));
  }
  {
    Query q = writer_->query(std::string("SELECT ") + sqlite::kDeliverableColumns + where);
    if (org) q.bind(1, *org);
    while (q.step()) in.deliverables.push_back(sqlite::read_deliverable(q).deliverable);
  }
  in.seq = sqlite::latest_seq(*writer_, room_key);
  tx.commit();
  return in;
}

std::optional<Project> SqliteStore::find_project(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + sqlite::kProjectColumns + " WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return sqlite::read_project(q);
}

std::optional<ProjectTaskRecord> SqliteStore::find_project_task(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + sqlite::kTaskColumns + " WHERE t.id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return sqlite::read_task(q);
}

std::optional<DeliverableRecord> SqliteStore::find_deliverable(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q =
      writer_->query(std::string("SELECT ") + sqlite::kDeliverableColumns + " WHERE d.id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return sqlite::read_deliverable(q);
}

int64_t SqliteStore::project_item_count(const Id& project_id, std::string_view table) {
  // `table` is one of three fixed names, never user input.
  if (table != "project_tasks" && table != "project_posts" && table != "deliverables") return 0;
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query("SELECT COUNT(*) FROM " + std::string(table) + " WHERE project_id = ?");
  q.bind(1, project_id);
  return q.step() ? q.column_int(0) : 0;
}

CommandOutcome SqliteStore::apply_project_change(const CommandKey& key,
                                                 const ProjectChange& change,
                                                 const std::vector<NewEvent>& events,
                                                 const nlohmann::json& result, UnixTime now) {
  return run_command(key, events, result, now, [&](Database& db) {
    if (change.project) sqlite::write_project(db, *change.project, now);
    if (change.task) sqlite::write_task(db, *change.task);
    if (change.post) sqlite::insert_post(db, *change.post);
    if (change.deliverable) sqlite::write_deliverable(db, *change.deliverable);
  });
}

// [SECTION] Notifications

NotificationsInputs SqliteStore::notifications_inputs(const Id& user, const std::string& room_key,
                                                      size_t limit) {
  std::lock_guard lock(write_mutex_);
  Transaction tx(settled_writer(), TransactionMode::Deferred);
  NotificationsInputs in;
  Query q = writer_->query(std::string("SELECT ") + sqlite::kNotificationColumns +
                           " WHERE user_id = ? ORDER BY read_at != 0, created_at DESC, id DESC "
                           "LIMIT ?");
  q.bind(1, user).bind(2, static_cast<int64_t>(limit));
  while (q.step()) in.items.push_back(sqlite::read_notification(q));
  in.seq = sqlite::latest_seq(*writer_, room_key);
  tx.commit();
  return in;
}

std::vector<Id> SqliteStore::unread_notification_ids(const Id& user, const std::optional<Id>& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(
      std::string("SELECT id FROM notifications WHERE user_id = ? AND read_at = 0") +
      (id ? " AND id = ?" : "") + " ORDER BY created_at, id");
  q.bind(1, user);
  if (id) q.bind(2, *id);
  std::vector<Id> ids;
  while (q.step()) ids.push_back(q.column_text(0));
  return ids;
}

std::optional<Notification> SqliteStore::find_notification(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + sqlite::kNotificationColumns + " WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return sqlite::read_notification(q);
}

CommandOutcome SqliteStore::apply_notification_read(const CommandKey& key,
                                                    const NotificationReadChange& change,
                                                    const std::vector<NewEvent>& events,
                                                    const nlohmann::json& result, UnixTime now) {
  return run_command(key, events, result, now, [&](Database& db) {
    for (const Id& id : change.ids)
      db.query("UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at = 0")
          .bind(1, change.read_at)
          .bind(2, id)
          .bind(3, change.user_id)
          .run();
  });
}

// [SECTION] Audit trail

std::vector<AuditRow> SqliteStore::audit_page(const AuditQuery& aq, bool& more) {
  std::lock_guard lock(write_mutex_);
  std::string sql =
      "SELECT id, at, actor_id, actor_org_id, action, target_kind, target_id, summary, "
      "target_org FROM audit_log WHERE 1 = 1";
  if (!aq.org_id.empty()) sql += " AND target_org = ?";
  if (aq.before > 0) sql += " AND at < ?";
  sql += " ORDER BY at DESC, rowid DESC LIMIT ?";
  Query q = writer_->query(sql);
  int i = 1;
  if (!aq.org_id.empty()) q.bind(i++, aq.org_id);
  if (aq.before > 0) q.bind(i++, aq.before);
  q.bind(i, aq.limit + 1);
  std::vector<AuditRow> rows;
  while (q.step()) {
    AuditRow r;
    r.entry.id = q.column_text(0);
    r.entry.at = q.column_int(1);
    r.entry.actor_id = q.column_text(2);
    r.entry.actor_org_id = q.column_text(3);
    r.entry.action = q.column_text(4);
    r.entry.target_kind = q.column_text(5);
    r.entry.target_id = q.column_text(6);
    r.entry.summary = q.column_text(7);
    r.target_org = q.column_text(8);
    rows.push_back(std::move(r));
  }
  more = rows.size() > static_cast<size_t>(aq.limit);
  if (more) {
    rows.pop_back();
    // The next page asks for entries before the oldest second held, so a page must not end
    // inside a second: the rest of that second would be skipped. Its entries move to the next
    // page (unless the whole page is one second).
    const UnixTime edge = rows.back().entry.at;
    if (rows.front().entry.at != edge)
      while (rows.back().entry.at == edge) rows.pop_back();
  }
  return rows;
}

}  // namespace portal::server

// Schema version 9: joint projects (tasks, timeline posts, deliverables), each user's in-app
// notifications, the audit trail of what vendor staff changed, and licence grants as the one
// source of portal seats (the organisations.licences number becomes an open-ended grant).
#pragma once
#include <string_view>

namespace portal::server {

inline constexpr std::string_view kSchemaV9Projects = R"sql(
CREATE TABLE projects (
  id                  TEXT PRIMARY KEY,
  org_id              TEXT NOT NULL REFERENCES organisations(id),
  name                TEXT NOT NULL,
  description         TEXT NOT NULL DEFAULT '',
  customer_account_id TEXT NOT NULL DEFAULT '',
  status              TEXT NOT NULL,
  starts_at           INTEGER NOT NULL DEFAULT 0,
  due_at              INTEGER NOT NULL DEFAULT 0,
  owner_id            TEXT NOT NULL DEFAULT '',
  created_at          INTEGER NOT NULL
);
CREATE INDEX projects_org ON projects(org_id);

CREATE TABLE project_tasks (
  id            TEXT PRIMARY KEY,
  project_id    TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  title         TEXT NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  assignee_side TEXT NOT NULL,
  assignee_id   TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL,
  due_at        INTEGER NOT NULL DEFAULT 0,
  completed_at  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX project_tasks_project ON project_tasks(project_id);

CREATE TABLE project_posts (
  id           TEXT PRIMARY KEY,
  project_id   TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL,
  title        TEXT NOT NULL,
  body         TEXT NOT NULL DEFAULT '',
  author_id    TEXT NOT NULL,
  author_name  TEXT NOT NULL,
  posted_at    INTEGER NOT NULL,
  milestone_at INTEGER NOT NULL DEFAULT 0,
  reached      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX project_posts_project ON project_posts(project_id, posted_at);

-- file_ids: a JSON array of the files service's ids (no foreign key: files live elsewhere).
CREATE TABLE deliverables (
  id           TEXT PRIMARY KEY,
  project_id   TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  title        TEXT NOT NULL,
  file_ids     TEXT NOT NULL,
  status       TEXT NOT NULL,
  submitted_by TEXT NOT NULL DEFAULT '',
  submitted_at INTEGER NOT NULL DEFAULT 0,
  reviewed_by  TEXT NOT NULL DEFAULT '',
  reviewed_at  INTEGER NOT NULL DEFAULT 0,
  review_note  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX deliverables_project ON deliverables(project_id);

CREATE TABLE notifications (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL DEFAULT '',
  link       TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  read_at    INTEGER NOT NULL DEFAULT 0,
  emailed    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, created_at);

-- Written once, never updated or deleted.
CREATE TABLE audit_log (
  id           TEXT PRIMARY KEY,
  at           INTEGER NOT NULL,
  actor_id     TEXT NOT NULL,
  actor_org_id TEXT NOT NULL,
  action       TEXT NOT NULL,
  target_org   TEXT NOT NULL DEFAULT '',
  target_kind  TEXT NOT NULL DEFAULT '',
  target_id    TEXT NOT NULL DEFAULT '',
  summary      TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_org_at ON audit_log(target_org, at);

CREATE TABLE licences (
  id          TEXT PRIMARY KEY,
  org_id      TEXT NOT NULL REFERENCES organisations(id),
  seats       INTEGER NOT NULL CHECK (seats >= 0),
  valid_from  INTEGER NOT NULL DEFAULT 0,
  valid_until INTEGER NOT NULL DEFAULT 0,
  granted_by  TEXT NOT NULL DEFAULT '',
  granted_at  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX licences_org ON licences(org_id);

-- Every organisation's seat count becomes an open-ended grant, in force since the beginning.
INSERT INTO licences (id, org_id, seats, valid_from, valid_until, granted_by, granted_at)
  SELECT 'lic-' || id, id, licences, 0, 0, '', 0 FROM organisations WHERE licences > 0;
-- ... and the number on the organisation goes: the grants are the one source of seats.
ALTER TABLE organisations DROP COLUMN licences;
)sql";

}  // namespace portal::server

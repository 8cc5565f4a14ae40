// What the store reads and writes for the Projects room, the notifications room and the audit
// trail (see store.h, sqlite_projects.cpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "portal/model/audit.h"
#include "portal/model/entities.h"
#include "portal/model/projects.h"

namespace portal::server {

struct ProjectPostRecord {
  ProjectPost post;
  std::string author_name;
};

// Everything a Projects room is built from, read in one consistent snapshot.
struct ProjectsInputs {
  std::vector<Organisation> orgs;  // the partner itself, or every partner for vendor staff
  std::vector<Project> projects;
  std::vector<ProjectTask> tasks;
  std::vector<ProjectPostRecord> posts;
  std::vector<Deliverable> deliverables;
  int64_t seq = 0;
};

// The rows one project command writes (each inserted, or replacing the row of its id), in the
// same transaction as its events.
struct ProjectChange {
  std::optional<Project> project;
  std::optional<ProjectTask> task;
  std::optional<ProjectPostRecord> post;
  std::optional<Deliverable> deliverable;
};

// A task with the organisation of its project, for permission checks.
struct ProjectTaskRecord {
  ProjectTask task;
  Id org_id;
};
struct DeliverableRecord {
  Deliverable deliverable;
  Id org_id;
};

// notification.read / notification.read_all: marks `ids` of `user_id` read at `read_at`.
struct NotificationReadChange {
  Id user_id;
  std::vector<Id> ids;
  UnixTime read_at = 0;
};

// The newest notifications of a user (unread first), as the notifications room starts from.
struct NotificationsInputs {
  std::vector<Notification> items;
  int64_t seq = 0;
};

// One page of the audit trail, newest first, plus the organisation each entry touched.
struct AuditRow {
  AuditEntry entry;
  Id target_org;
};
struct AuditQuery {
  Id org_id;            // "" = every organisation
  UnixTime before = 0;  // 0 = from the newest
  int64_t limit = 100;
};

}  // namespace portal::server

// Command and event names of the Projects room, the per-user notifications room and the audit
// query, with the payload readers both hosts share (the browser checks a payload with the same
// reader before it sends). docs/protocol.md shows every payload with an example.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "portal/model/projects.h"
#include "portal/protocol/frames.h"
#include "portal/rules/validation.h"

namespace portal {

// [SECTION] Projects commands
//   project.create       {"org_id"? (vendor staff only), "name", "description"?,
//                         "customer_account_id"?, "starts_at"?, "due_at"?}
//   project.set_status   {"project_id", "status"}
//   task.add             {"project_id", "title", "description"?, "assignee_side"?,
//                         "assignee_id"?, "due_at"?}
//   task.assign          {"task_id", "assignee_id"}  ("" = unassigned)
//   task.set_status      {"task_id", "status"}
//   post.add             {"project_id", "kind": "update"|"milestone", "title", "body"?,
//                         "milestone_at"?, "reached"?}
//   deliverable.add      {"project_id", "title", "file_id" (a Shared file of the same partner)}
//   deliverable.review   {"deliverable_id", "decision": "approve"|"request_changes", "note"?}
inline constexpr std::string_view kCmdProjectCreate = "project.create";
inline constexpr std::string_view kCmdProjectSetStatus = "project.set_status";
inline constexpr std::string_view kCmdTaskAdd = "task.add";
inline constexpr std::string_view kCmdTaskAssign = "task.assign";
inline constexpr std::string_view kCmdTaskSetStatus = "task.set_status";
inline constexpr std::string_view kCmdPostAdd = "post.add";
inline constexpr std::string_view kCmdDeliverableAdd = "deliverable.add";
inline constexpr std::string_view kCmdDeliverableReview = "deliverable.review";

// [SECTION] Projects events (to "org:<id>/projects" and "vendor/projects")
//   project.created          {"project": Project, "by"}
//   project.status_changed   {"project": Project (after), "by", "at"}
//   project.task_added       {"task": ProjectTask, "by"}
//   project.task_changed     {"task": ProjectTask (after an assign or a status), "by", "at"}
//   project.post_added       {"post": ProjectPost, "author_name"}
//   project.deliverable_added    {"deliverable": Deliverable}
//   project.deliverable_reviewed {"deliverable": Deliverable (after the review)}
inline constexpr std::string_view kEvProjectCreated = "project.created";
inline constexpr std::string_view kEvProjectStatusChanged = "project.status_changed";
inline constexpr std::string_view kEvProjectTaskAdded = "project.task_added";
inline constexpr std::string_view kEvProjectTaskChanged = "project.task_changed";
inline constexpr std::string_view kEvProjectPostAdded = "project.post_added";
inline constexpr std::string_view kEvDeliverableAdded = "project.deliverable_added";
inline constexpr std::string_view kEvDeliverableReviewed = "project.deliverable_reviewed";

inline constexpr size_t kMaxTasksPerProject = 500;
inline constexpr size_t kMaxPostsPerProject = 1000;
inline constexpr size_t kMaxDeliverablesPerProject = 200;

// [SECTION] Notifications (room "notifications" on the wire, "user:<id>/notifications")
//   notification.read      {"notification_id"}
//   notification.read_all  {}
// Events: notification.added {"notification": Notification}
//         notification.read  {"ids": [id], "read_at"}
inline constexpr std::string_view kCmdNotificationRead = "notification.read";
inline constexpr std::string_view kCmdNotificationReadAll = "notification.read_all";
inline constexpr std::string_view kEvNotificationAdded = "notification.added";
inline constexpr std::string_view kEvNotificationRead = "notification.read";
inline constexpr std::string_view kNotificationsRoom = "notifications";

// [SECTION] Audit trail (vendor admins only; answered in the ack, not a room)
//   audit.list  {"org_id"?, "before"? (unix time, exclusive), "limit"? (1..500, default 100)}
//   ack result: {"entries": [AuditEntry], "more": bool}
inline constexpr std::string_view kCmdAuditList = "audit.list";
inline constexpr int64_t kDefaultAuditPage = 100;
inline constexpr int64_t kMaxAuditPage = 500;

// [SECTION] Payload readers
// Each reads a payload; a missing or mistyped field comes back as one FieldError per field. The
// content is then checked by rules/entity_validation.h on the entity the server builds.

struct ProjectCreateRequest {
  Id org_id;  // vendor staff name the partner; "" for partners (their own organisation)
  Project project;
};
std::variant<ProjectCreateRequest, std::vector<FieldError>> project_create_from_json(
    const Json& j);

struct ProjectStatusRequest {
  Id project_id;
  ProjectStatus status = ProjectStatus::Active;
};
std::variant<ProjectStatusRequest, std::vector<FieldError>> project_status_from_json(
    const Json& j);

// task.add: `task` has no id yet.
std::variant<ProjectTask, std::vector<FieldError>> task_add_from_json(const Json& j);

struct TaskAssignRequest {
  Id task_id;
  Id assignee_id;
};
std::variant<TaskAssignRequest, std::vector<FieldError>> task_assign_from_json(const Json& j);

struct ProjectTaskStatusRequest {
  Id task_id;
  TaskStatus status = TaskStatus::Done;
};
std::variant<ProjectTaskStatusRequest, std::vector<FieldError>> project_task_status_from_json(
    const Json& j);

// post.add: `post` has no id, author or time yet.
std::variant<ProjectPost, std::vector<FieldError>> post_add_from_json(const Json& j);

struct DeliverableAddRequest {
  Id project_id;
  std::string title;
  Id file_id;
};
std::variant<DeliverableAddRequest, std::vector<FieldError>> deliverable_add_from_json(
    const Json& j);

enum class ReviewDecision { Approve, RequestChanges };
struct DeliverableReviewRequest {
  Id deliverable_id;
  ReviewDecision decision = ReviewDecision::Approve;
  std::string note;
};
std::variant<DeliverableReviewRequest, std::vector<FieldError>> deliverable_review_from_json(
    const Json& j);

struct NotificationReadRequest {
  Id notification_id;
};
std::variant<NotificationReadRequest, std::vector<FieldError>> notification_read_from_json(
    const Json& j);

struct AuditListRequest {
  Id org_id;             // "" = every organisation
  UnixTime before = 0;   // 0 = newest
  int64_t limit = kDefaultAuditPage;
};
std::variant<AuditListRequest, std::vector<FieldError>> audit_list_from_json(const Json& j);

}  // namespace portal

#include "portal/protocol/projects_commands.h"

#include "protocol/json_fields.h"

namespace portal {
namespace {

using detail::field;

using Errors = std::vector<FieldError>;

// Reads the fields of one payload object, collecting one FieldError per missing or mistyped one.
class In {
 public:
  In(const Json& j, Errors& errors) : j_(j), errors_(errors) {}

  bool present(const char* name) const {
    const Json* f = field(j_, name);
    return f != nullptr && !f->is_null();
  }
  // Text; `required` adds "Enter ..." when it is absent.
  void text(const char* name, std::string& out, const char* what, bool required) {
    if (!present(name)) {
      if (required) errors_.push_back({name, std::string("Enter ") + what + "."});
      return;
    }
    if (auto s = detail::get_string(j_, name))
      out = *s;
    else
      errors_.push_back({name, std::string("The ") + what + " must be text."});
  }
  void time(const char* name, UnixTime& out, const char* what) {
    if (!present(name)) return;
    if (auto n = detail::get_int(j_, name))
      out = *n;
    else
      errors_.push_back({name, std::string("The ") + what + " must be a time in seconds."});
  }
  void flag(const char* name, bool& out, const char* what) {
    if (!present(name)) return;
    if (auto b = detail::get_bool(j_, name))
      out = *b;
    else
      errors_.push_back({name, std::string(what) + " must be true or false."});
  }
  // A wire name turned into an enum by `parse`; `choices` lists the names for the message.
  template <class E, class Parse>
  void choice(const char* name, E& out, Parse parse, const char* choices, bool required) {
    if (!present(name)) {
      if (required) errors_.push_back({name, std::string("Choose one of ") + choices + "."});
      return;
    }
    auto s = detail::get_string(j_, name);
    auto v = s ? parse(*s) : std::nullopt;
    if (v)
      out = *v;
    else
      errors_.push_back({name, std::string("Choose one of ") + choices + "."});
  }

 private:
  const Json& j_;
  Errors& errors_;
};

Errors not_an_object() { return {{"", "The payload must be a JSON object."}}; }

constexpr const char* kTaskStatuses = "open, in_progress, done or cancelled";

}  // namespace

std::variant<ProjectCreateRequest, Errors> project_create_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  ProjectCreateRequest r;
  In in(j, e);
  in.text("org_id", r.org_id, "partner organisation", false);
  in.text("name", r.project.name, "the project's name", true);
  in.text("description", r.project.description, "description", false);
  in.text("customer_account_id", r.project.customer_account_id, "customer account", false);
  in.time("starts_at", r.project.starts_at, "start date");
  in.time("due_at", r.project.due_at, "due date");
  if (!e.empty()) return e;
  return r;
}

std::variant<ProjectStatusRequest, Errors> project_status_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  ProjectStatusRequest r;
  In in(j, e);
  in.text("project_id", r.project_id, "the project", true);
  in.choice("status", r.status, project_status_from_string,
            "planned, active, on_hold, completed or cancelled", true);
  if (!e.empty()) return e;
  return r;
}

std::variant<ProjectTask, Errors> task_add_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  ProjectTask t;
  In in(j, e);
  in.text("project_id", t.project_id, "the project", true);
  in.text("title", t.title, "the task's title", true);
  in.text("description", t.description, "description", false);
  in.choice("assignee_side", t.assignee_side, side_from_string, "vendor or partner", false);
  in.text("assignee_id", t.assignee_id, "assignee", false);
  in.time("due_at", t.due_at, "due date");
  if (!e.empty()) return e;
  return t;
}

std::variant<TaskAssignRequest, Errors> task_assign_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  TaskAssignRequest r;
  In in(j, e);
  in.text("task_id", r.task_id, "the task", true);
  in.text("assignee_id", r.assignee_id, "the assignee (\"\" to unassign)", true);
  if (!e.empty()) return e;
  return r;
}

std::variant<ProjectTaskStatusRequest, Errors> project_task_status_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  ProjectTaskStatusRequest r;
  In in(j, e);
  in.text("task_id", r.task_id, "the task", true);
  in.choice("status", r.status, task_status_from_string, kTaskStatuses, true);
  if (!e.empty()) return e;
  return r;
}

std::variant<ProjectPost, Errors> post_add_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  ProjectPost p;
  In in(j, e);
  in.text("project_id", p.project_id, "the project", true);
  in.choice("kind", p.kind, post_kind_from_string, "update or milestone", true);
  in.text("title", p.title, "a title", true);
  in.text("body", p.body, "text", false);
  in.time("milestone_at", p.milestone_at, "milestone date");
  in.flag("reached", p.reached, "Reached");
  if (!e.empty()) return e;
  return p;
}

std::variant<DeliverableAddRequest, Errors> deliverable_add_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  DeliverableAddRequest r;
  In in(j, e);
  in.text("project_id", r.project_id, "the project", true);
  in.text("title", r.title, "a title", true);
  in.text("file_id", r.file_id, "the uploaded file", true);
  if (!e.empty()) return e;
  return r;
}

std::variant<DeliverableReviewRequest, Errors> deliverable_review_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  DeliverableReviewRequest r;
  In in(j, e);
  in.text("deliverable_id", r.deliverable_id, "the deliverable", true);
  in.choice(
      "decision", r.decision,
      [](std::string_view s) -> std::optional<ReviewDecision> {
        if (s == "approve") return ReviewDecision::Approve;
        if (s == "request_changes") return ReviewDecision::RequestChanges;
        return std::nullopt;
      },
      "approve or request_changes", true);
  in.text("note", r.note, "note", false);
  if (e.empty() && r.decision == ReviewDecision::RequestChanges && r.note.empty())
    e.push_back({"note", "Say what should change."});
  if (!e.empty()) return e;
  return r;
}

std::variant<NotificationReadRequest, Errors> notification_read_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  NotificationReadRequest r;
  In in(j, e);
  in.text("notification_id", r.notification_id, "the notification", true);
  if (!e.empty()) return e;
  return r;
}

std::variant<AuditListRequest, Errors> audit_list_from_json(const Json& j) {
  if (j.is_null()) return AuditListRequest{};
  if (!j.is_object()) return not_an_object();
  Errors e;
  AuditListRequest r;
  In in(j, e);
  in.text("org_id", r.org_id, "organisation", false);
  in.time("before", r.before, "\"before\" time");
  if (in.present("limit")) {
    auto n = detail::get_int(j, "limit");
    if (!n || *n < 1 || *n > kMaxAuditPage)
      e.push_back({"limit", "The limit must be a whole number from 1 to " +
                                std::to_string(kMaxAuditPage) + "."});
    else
      r.limit = *n;
  }
  if (r.before < 0) e.push_back({"before", "The \"before\" time cannot be negative."});
  if (!e.empty()) return e;
  return r;
}

}  // namespace portal

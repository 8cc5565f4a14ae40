// The Projects room's commands: project.create, project.set_status, task.add, task.assign,
// task.set_status, post.add, deliverable.add and deliverable.review. Each reads what it targets,
// checks who may do it (rules/permissions.h) and the payload (rules/entity_validation.h), then
// writes the rows, the events of the partner's and the vendor's Projects rooms (and the
// notifications of an assignment) and the command record in one transaction, acks and
// publishes. Another organisation's project, task or deliverable is answered "not_found", never
// "forbidden": a partner learns nothing about ids that are not its own.
#include <variant>

#include "app/clock.h"
#include "app/fan_out.h"
#include "app/notify.h"
#include "app/portal_service.h"
#include "app/room_keys.h"
#include "auth/tokens.h"
#include "portal/protocol/model_codecs.h"
#include "portal/protocol/projects_commands.h"
#include "portal/rules/entity_validation.h"

namespace portal::server {
namespace {

struct Plan {
  ProjectChange change;
  std::vector<NewEvent> events;
  Json result;
};

struct Context {
  const Identity& who;
  Actor actor;
  Id vendor_org;
  UnixTime now;
};

using Outcome = std::variant<Plan, Error>;

const char* kCheckFields = "Please check the highlighted fields.";
const char* kLookOnly = "This account can only look at projects.";
const char* kNoProject = "That project does not exist (or is not yours to see).";

Error invalid(std::vector<FieldError> fields) {
  return Error{ErrorCode::Validation, kCheckFields, std::move(fields)};
}
Error not_found(const char* message) { return Error{ErrorCode::NotFound, message, {}}; }

template <class T>
const std::vector<FieldError>* errors_of(const std::variant<T, std::vector<FieldError>>& v) {
  return std::get_if<std::vector<FieldError>>(&v);
}

// The project the actor may see, or nothing (also for an id that is too long to be one).
std::optional<Project> visible_project(const Context& c, Store& store, const Id& id) {
  if (id.empty() || id.size() > kMaxIdBytes) return std::nullopt;
  std::optional<Project> p = store.find_project(id);
  if (!p || !may_read_org(c.actor, p->org_id, c.vendor_org)) return std::nullopt;
  return p;
}

// A project that is completed or cancelled takes no more work.
std::optional<Error> refuse_closed(const Project& p) {
  if (p.status == ProjectStatus::Completed || p.status == ProjectStatus::Cancelled)
    return Error{ErrorCode::Conflict,
                 "This project is " + std::string(project_status_label(p.status)) +
                     "; reopen it before changing it.",
                 {}};
  return std::nullopt;
}

// Checks the assignee of a task of `project`: a user of the partner or of the vendor (not a
// kiosk). Sets the task's side from the user's organisation.
std::optional<Error> check_assignee(const Context& c, Store& store, const Project& project,
                                    ProjectTask& task) {
  if (task.assignee_id.empty()) return std::nullopt;
  std::optional<User> u =
      task.assignee_id.size() <= kMaxIdBytes ? store.find_user(task.assignee_id) : std::nullopt;
  if (!u || u->role == Role::Kiosk || (u->org_id != project.org_id && u->org_id != c.vendor_org))
    return invalid({{"assignee_id", "Choose someone of the partner's or the vendor's team."}});
  task.assignee_side = u->org_id == c.vendor_org ? Side::Vendor : Side::Partner;
  return std::nullopt;
}

// Tells the assignee of `task` that it is theirs (not when they assigned it to themselves).
void notify_assignee(const Context& c, const Project& project, const ProjectTask& task,
                     std::vector<NewEvent>& events) {
  if (task.assignee_id.empty() || task.assignee_id == c.actor.user_id) return;
  notify_user(task.assignee_id,
              {NotificationKind::Task, "Task assigned: " + task.title,
               c.who.user.name + " assigned you a task in " + project.name + ".",
               "projects/" + project.id},
              c.now, events);
}

std::optional<Error> refuse_full(Store& store, const Id& project_id, std::string_view table,
                                 size_t limit, const char* what) {
  if (store.project_item_count(project_id, table) < static_cast<int64_t>(limit))
    return std::nullopt;
  return Error{ErrorCode::Conflict,
               "This project already has " + std::to_string(limit) + " " + what + ".",
               {}};
}

// [SECTION] project.create, project.set_status

Outcome plan_create(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = project_create_from_json(f.payload);
  if (auto* e = errors_of(parsed)) return invalid(*e);
  ProjectCreateRequest& req = std::get<ProjectCreateRequest>(parsed);
  const bool vendor = is_vendor_actor(c.actor, c.vendor_org);
  if (!vendor && !req.org_id.empty() && req.org_id != c.actor.org_id)
    return not_found("That partner organisation does not exist.");
  const Id org_id = vendor ? req.org_id : c.actor.org_id;
  if (vendor && org_id.empty())
    return invalid({{"org_id", "Choose the partner the project is run with."}});
  std::optional<Organisation> org =
      org_id.size() <= kMaxIdBytes ? store.find_org(org_id) : std::nullopt;
  if (!org || org->kind != OrgKind::Partner)
    return not_found("That partner organisation does not exist.");
  if (!may_run_project(c.actor, org->id, c.vendor_org))
    return Error{ErrorCode::Forbidden,
                 "Only partner admins and the vendor's partner managers start projects.",
                 {}};
  Project p = std::move(req.project);
  p.id = new_id();
  p.org_id = org->id;
  p.owner_id = c.actor.user_id;
  p.status = ProjectStatus::Planned;
  if (p.starts_at == 0) p.starts_at = c.now;
  if (auto fields = validate_project(p); !fields.empty()) return invalid(fields);
  if (!p.customer_account_id.empty()) {
    std::optional<CustomerAccount> account = store.find_account(p.customer_account_id);
    if (!account || account->org_id != org->id)
      return invalid({{"customer_account_id", "Choose one of this partner's customer accounts."}});
  }
  Plan plan;
  fan_out(plan.events, org->id, {RoomKind::Projects}, kEvProjectCreated,
          {{"project", to_json(p)}, {"by", c.actor.user_id}});
  plan.result = {{"project_id", p.id}};
  plan.change.project = std::move(p);
  return plan;
}

Outcome plan_set_status(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = project_status_from_json(f.payload);
  if (auto* e = errors_of(parsed)) return invalid(*e);
  const ProjectStatusRequest& req = std::get<ProjectStatusRequest>(parsed);
  std::optional<Project> p = visible_project(c, store, req.project_id);
  if (!p) return not_found(kNoProject);
  if (!may_run_project(c.actor, p->org_id, c.vendor_org))
    return Error{ErrorCode::Forbidden,
                 "Only partner admins and the vendor's partner managers change a project's "
                 "status.",
                 {}};
  p->status = req.status;
  Plan plan;
  fan_out(plan.events, p->org_id, {RoomKind::Projects}, kEvProjectStatusChanged,
          {{"project", to_json(*p)}, {"by", c.actor.user_id}, {"at", c.now}});
  plan.result = {{"project_id", p->id}, {"status", to_string(p->status)}};
  plan.change.project = std::move(*p);
  return plan;
}

// [SECTION] task.add, task.assign, task.set_status

Outcome plan_task_add(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = task_add_from_json(f.payload);
  if (auto* e = errors_of(parsed)) return invalid(*e);
  ProjectTask task = std::move(std::get<ProjectTask>(parsed));
  std::optional<Project> p = visible_project(c, store, task.project_id);
  if (!p) return not_found(kNoProject);
  if (!may_work_project(c.actor, p->org_id, c.vendor_org))
    return Error{ErrorCode::Forbidden, kLookOnly, {}};
  if (auto e = refuse_closed(*p)) return *e;
  task.id = new_id();
  task.status = TaskStatus::Open;
  task.completed_at = 0;
  if (auto fields = validate_project_task(task); !fields.empty()) return invalid(fields);
  if (auto e = check_assignee(c, store, *p, task)) return *e;
  if (auto e = refuse_full(store, p->id, "project_tasks", kMaxTasksPerProject, "tasks")) return *e;
  Plan plan;
  fan_out(plan.events, p->org_id, {RoomKind::Projects}, kEvProjectTaskAdded,
          {{"task", to_json(task)}, {"by", c.actor.user_id}});
  notify_assignee(c, *p, task, plan.events);
  plan.result = {{"task_id", task.id}};
  plan.change.task = std::move(task);
  return plan;
}

// The task the actor may work on, with its project; or the error to answer.
std::variant<std::pair<ProjectTask, Project>, Error> workable_task(const Context& c, Store& store,
                                                                   const Id& task_id) {
  std::optional<ProjectTaskRecord> rec =
      task_id.size() <= kMaxIdBytes ? store.find_project_task(task_id) : std::nullopt;
  if (!rec || !may_read_org(c.actor, rec->org_id, c.vendor_org))
    return not_found("That task does not exist (or is not yours to see).");
  if (!may_work_project(c.actor, rec->org_id, c.vendor_org))
    return Error{ErrorCode::Forbidden, kLookOnly, {}};
  std::optional<Project> p = store.find_project(rec->task.project_id);
  if (!p) return not_found(kNoProject);
  if (auto e = refuse_closed(*p)) return *e;
  return std::pair{std::move(rec->task), std::move(*p)};
}

Outcome plan_task_assign(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = task_assign_from_json(f.payload);
  if (auto* e = errors_of(parsed)) return invalid(*e);
  const TaskAssignRequest& req = std::get<TaskAssignRequest>(parsed);
  auto found = workable_task(c, store, req.task_id);
  if (auto* e = std::get_if<Error>(&found)) return *e;
  auto& [task, project] = std::get<std::pair<ProjectTask, Project>>(found);
  task.assignee_id = req.assignee_id;
  if (auto e = check_assignee(c, store, project, task)) return *e;
  Plan plan;
  fan_out(plan.events, project.org_id, {RoomKind::Projects}, kEvProjectTaskChanged,
          {{"task", to_json(task)}, {"by", c.actor.user_id}, {"at", c.now}});
  notify_assignee(c, project, task, plan.events);
  plan.result = {{"task_id", task.id}, {"assignee_id", task.assignee_id}};
  plan.change.task = std::move(task);
  return plan;
}

Outcome plan_task_status(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = project_task_status_from_json(f.payload);
  if (auto* e = errors_of(parsed)) return invalid(*e);
  const ProjectTaskStatusRequest& req = std::get<ProjectTaskStatusRequest>(parsed);
  auto found = workable_task(c, store, req.task_id);
  if (auto* e = std::get_if<Error>(&found)) return *e;
  auto& [task, project] = std::get<std::pair<ProjectTask, Project>>(found);
  if (task.status != req.status) {
    task.status = req.status;
    task.completed_at = req.status == TaskStatus::Done ? c.now : 0;
  }
  Plan plan;
  fan_out(plan.events, project.org_id, {RoomKind::Projects}, kEvProjectTaskChanged,
          {{"task", to_json(task)}, {"by", c.actor.user_id}, {"at", c.now}});
  plan.result = {{"task_id", task.id}, {"status", to_string(task.status)}};
  plan.change.task = std::move(task);
  return plan;
}

// [SECTION] post.add

Outcome plan_post(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = post_add_from_json(f.payload);
  if (auto* e = errors_of(parsed)) return invalid(*e);
  ProjectPost post = std::move(std::get<ProjectPost>(parsed));
  std::optional<Project> p = visible_project(c, store, post.project_id);
  if (!p) return not_found(kNoProject);
  if (!may_work_project(c.actor, p->org_id, c.vendor_org))
    return Error{ErrorCode::Forbidden, kLookOnly, {}};
  post.id = new_id();
  post.author_id = c.actor.user_id;
  post.posted_at = c.now;
  if (auto fields = validate_project_post(post); !fields.empty()) return invalid(fields);
  if (auto e = refuse_full(store, p->id, "project_posts", kMaxPostsPerProject, "posts")) return *e;
  Plan plan;
  fan_out(plan.events, p->org_id, {RoomKind::Projects}, kEvProjectPostAdded,
          {{"post", to_json(post)}, {"author_name", c.who.user.name}});
  plan.result = {{"post_id", post.id}, {"project_id", p->id}};
  plan.change.post = ProjectPostRecord{std::move(post), c.who.user.name};
  return plan;
}

// [SECTION] deliverable.add, deliverable.review

Outcome plan_deliverable_add(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = deliverable_add_from_json(f.payload);
  if (auto* e = errors_of(parsed)) return invalid(*e);
  DeliverableAddRequest& req = std::get<DeliverableAddRequest>(parsed);
  std::optional<Project> p = visible_project(c, store, req.project_id);
  if (!p) return not_found(kNoProject);
  if (!may_work_project(c.actor, p->org_id, c.vendor_org))
    return Error{ErrorCode::Forbidden, kLookOnly, {}};
  if (auto e = refuse_closed(*p)) return *e;
  Deliverable d;
  d.id = new_id();
  d.project_id = p->id;
  d.title = std::move(req.title);
  d.file_ids = {req.file_id};
  d.status = ReviewStatus::Submitted;
  d.submitted_by = c.actor.user_id;
  d.submitted_at = c.now;
  if (auto fields = validate_deliverable(d); !fields.empty()) {
    for (FieldError& fe : fields)
      if (fe.field.starts_with("file_ids")) fe.field = "file_id";
    return invalid(fields);
  }
  // The deliverable is one of the partner's Shared files: another organisation's file (or one
  // that does not exist) is refused alike, so its id reveals nothing.
  std::optional<StoredFile> file = store.find_file(req.file_id);
  if (!file || file->org_id != p->org_id)
    return invalid({{"file_id", "Choose one of this partner's shared files."}});
  if (auto e = refuse_full(store, p->id, "deliverables", kMaxDeliverablesPerProject,
                           "deliverables"))
    return *e;
  Plan plan;
  fan_out(plan.events, p->org_id, {RoomKind::Projects}, kEvDeliverableAdded,
          {{"deliverable", to_json(d)}});
  plan.result = {{"deliverable_id", d.id}, {"project_id", p->id}};
  plan.change.deliverable = std::move(d);
  return plan;
}

Outcome plan_deliverable_review(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = deliverable_review_from_json(f.payload);
  if (auto* e = errors_of(parsed)) return invalid(*e);
  DeliverableReviewRequest& req = std::get<DeliverableReviewRequest>(parsed);
  std::optional<DeliverableRecord> rec = req.deliverable_id.size() <= kMaxIdBytes
                                             ? store.find_deliverable(req.deliverable_id)
                                             : std::nullopt;
  if (!rec || !may_read_org(c.actor, rec->org_id, c.vendor_org))
    return not_found("That deliverable does not exist (or is not yours to see).");
  if (!may_review_deliverable(c.actor, c.vendor_org))
    return Error{ErrorCode::Forbidden, "Only the vendor's partner managers review deliverables.",
                 {}};
  Deliverable d = std::move(rec->deliverable);
  d.status = req.decision == ReviewDecision::Approve ? ReviewStatus::Approved
                                                     : ReviewStatus::ChangesRequested;
  d.reviewed_by = c.actor.user_id;
  d.reviewed_at = c.now;
  d.review_note = std::move(req.note);
  if (auto fields = validate_deliverable(d); !fields.empty()) {
    for (FieldError& fe : fields)
      if (fe.field == "review_note") fe.field = "note";
    return invalid(fields);
  }
  Plan plan;
  fan_out(plan.events, rec->org_id, {RoomKind::Projects}, kEvDeliverableReviewed,
          {{"deliverable", to_json(d)}});
  if (!d.submitted_by.empty() && d.submitted_by != c.actor.user_id) {
    const bool approved = d.status == ReviewStatus::Approved;
    notify_user(d.submitted_by,
                {NotificationKind::Task,
                 std::string(approved ? "Deliverable approved: " : "Changes requested: ") +
                     d.title,
                 d.review_note, "projects/" + d.project_id},
                c.now, plan.events);
  }
  plan.result = {{"deliverable_id", d.id}, {"status", to_string(d.status)}};
  plan.change.deliverable = std::move(d);
  return plan;
}

}  // namespace

bool is_project_command(std::string_view type) {
  return type == kCmdProjectCreate || type == kCmdProjectSetStatus || type == kCmdTaskAdd ||
         type == kCmdTaskAssign || type == kCmdTaskSetStatus || type == kCmdPostAdd ||
         type == kCmdDeliverableAdd || type == kCmdDeliverableReview;
}

void PortalService::on_project_command(Client& client, const Identity& who,
                                       const CommandFrame& f) {
  Outcome (*planner)(const Context&, const CommandFrame&, Store&) = nullptr;
  if (f.type == kCmdProjectCreate) planner = plan_create;
  if (f.type == kCmdProjectSetStatus) planner = plan_set_status;
  if (f.type == kCmdTaskAdd) planner = plan_task_add;
  if (f.type == kCmdTaskAssign) planner = plan_task_assign;
  if (f.type == kCmdTaskSetStatus) planner = plan_task_status;
  if (f.type == kCmdPostAdd) planner = plan_post;
  if (f.type == kCmdDeliverableAdd) planner = plan_deliverable_add;
  if (f.type == kCmdDeliverableReview) planner = plan_deliverable_review;
  if (planner == nullptr) {
    client.send(error_frame(ErrorCode::UnknownType,
                            "The server does not know the command \"" + f.type.substr(0, 64) +
                                "\".",
                            f.id));
    return;
  }
  // Read, check, write, ack and publish in one critical section, as the pipeline commands do.
  std::lock_guard lock(publish_mutex_);
  const Actor actor = who.actor();
  const CommandKey key{actor.user_id, f.id, f.type};
  if (auto recorded = store_.command_result(key)) {
    // Answered only once durable: the first try may still be waiting for its sync.
    return ack_and_publish(client, f.id, CommandOutcome{std::move(*recorded), {}, true});
  }
  const std::optional<Organisation> vendor = store_.vendor_org();
  const Context c{who, actor, vendor ? vendor->id : Id(), unix_now()};
  Outcome planned = planner(c, f, store_);
  if (auto* e = std::get_if<Error>(&planned)) {
    client.send(error_frame(e->code, std::move(e->message), f.id, std::move(e->fields)));
    return;
  }
  Plan& plan = std::get<Plan>(planned);
  ack_and_publish(client, f.id,
                  store_.apply_project_change(key, plan.change, plan.events, plan.result, c.now));
}

}  // namespace portal::server

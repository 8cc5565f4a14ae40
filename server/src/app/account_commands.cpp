// The Customer accounts room's commands: account.add, account.task_set_status and
// account.add_task. Each reads what it targets, checks who may do it (rules/permissions.h) and
// the payload (rules/entity_validation.h), then writes the rows, the events of the partner's
// and the vendor's Accounts rooms and the command record in one transaction, acks and
// publishes. Another organisation's account or task is answered "not_found", never
// "forbidden": a partner learns nothing about ids that are not its own.
#include <variant>

#include "app/clock.h"
#include "app/fan_out.h"
#include "app/overview_builder.h"
#include "app/portal_service.h"
#include "app/room_keys.h"
#include "auth/tokens.h"
#include "portal/protocol/accounts_commands.h"
#include "portal/protocol/model_codecs.h"
#include "portal/rooms/accounts.h"
#include "portal/rules/entity_validation.h"

namespace portal::server {
namespace {

struct Plan {
  AccountChange change;
  std::vector<NewEvent> events;
  Json result;
};

struct Context {
  Actor actor;
  Id vendor_org;
  UnixTime now;
};

using Outcome = std::variant<Plan, Error>;

const char* kCheckFields = "Please check the highlighted fields.";
const char* kLookOnly = "This account can only look at customer accounts.";

Error invalid(std::vector<FieldError> fields) {
  return Error{ErrorCode::Validation, kCheckFields, std::move(fields)};
}

// The event in the partner's and the vendor's Accounts rooms, and in their Overview rooms (whose
AccountTask new_task(const Id& account_id, AccountTaskKind kind, std::string title,
                     UnixTime due_at) {
  AccountTask t;
  t.id = new_id();
  t.account_id = account_id;
  t.kind = kind;
  t.title = std::move(title);
  t.due_at = due_at;
  return t;
}

// [SECTION] account.add

Outcome plan_add(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = account_add_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  AccountAddRequest& req = std::get<AccountAddRequest>(parsed);
  const bool vendor = is_vendor_actor(c.actor, c.vendor_org);
  if (!vendor && !req.org_id.empty() && req.org_id != c.actor.org_id) {
    // A partner naming another organisation learns nothing about it.
    return Error{ErrorCode::NotFound, "That partner organisation does not exist.", {}};
  }
  const Id org_id = vendor ? req.org_id : c.actor.org_id;
  if (vendor && org_id.empty())
    return invalid({{"org_id", "Choose the partner the account belongs to."}});
  std::optional<Organisation> org = org_id.size() <= kMaxIdBytes ? store.find_org(org_id)
                                                                 : std::nullopt;
  if (!org || org->kind != OrgKind::Partner)
    return Error{ErrorCode::NotFound, "That partner organisation does not exist.", {}};
  if (!may_work_accounts(c.actor, org->id, c.vendor_org))
    return Error{ErrorCode::Forbidden, kLookOnly, {}};

  CustomerAccount account = std::move(req.account);
  account.id = new_id();
  account.org_id = org->id;
  account.created_at = c.now;
  if (!f.payload.contains("currency")) account.lifetime_revenue.currency = org->currency;
  for (CommitmentPlan& p : account.plans) {
    p.id = new_id();
    p.value.currency = account.lifetime_revenue.currency;
  }
  if (auto fields = validate_customer_account(account); !fields.empty()) return invalid(fields);
  if (store.account_name_taken(org->id, account.name))
    return Error{ErrorCode::Conflict,
                 "There is already a customer account called \"" + account.name +
                     "\" for this partner.",
                 {{"name", "This partner already has an account of this name."}}};

  Plan plan;
  Json tasks = Json::array();
  for (AccountTaskKind kind : starter_tasks(account)) {
    plan.change.tasks.push_back(new_task(account.id, kind, {}, 0));
    tasks.push_back(to_json(plan.change.tasks.back()));
  }
  fan_out(plan.events, org->id, {RoomKind::Accounts, RoomKind::Overview}, kEvAccountAdded,
          {{"account", to_json(account)}, {"tasks", std::move(tasks)}, {"by", c.actor.user_id}});
  append_new_account_events(store, org->id, c.vendor_org, c.now, plan.events);
  plan.result = {{"account_id", account.id}};
  plan.change.created_by = c.actor.user_id;
  plan.change.account = std::move(account);
  return plan;
}

// [SECTION] account.task_set_status

Outcome plan_task_status(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = task_status_request_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  const TaskStatusRequest& req = std::get<TaskStatusRequest>(parsed);
  std::optional<AccountTaskRecord> rec = store.find_account_task(req.task_id);
  if (!rec || !may_read_org(c.actor, rec->org_id, c.vendor_org))
    return Error{ErrorCode::NotFound, "That task does not exist (or is not yours to see).", {}};
  if (!may_work_accounts(c.actor, rec->org_id, c.vendor_org))
    return Error{ErrorCode::Forbidden, kLookOnly, {}};
  AccountTask task = rec->task;
  const TaskStatus from = task.status;
  // The Overview's task list names the account.
  const std::optional<CustomerAccount> account = store.find_account(task.account_id);
  if (task.status != req.status) {
    task.status = req.status;
    task.completed_at = req.status == TaskStatus::Done ? c.now : 0;
  }
  Plan plan;
  fan_out(plan.events, rec->org_id, {RoomKind::Accounts, RoomKind::Overview},
          kEvAccountTaskStatusChanged,
          {{"task", to_json(task)},
           {"from", to_string(from)},
           {"account_name", account ? account->name : std::string()},
           {"at", c.now},
           {"by", c.actor.user_id}});
  plan.result = {{"task_id", task.id}, {"status", to_string(task.status)}};
  plan.change.tasks.push_back(std::move(task));
  return plan;
}

// [SECTION] account.add_task

Outcome plan_add_task(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = add_task_request_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  AddTaskRequest& req = std::get<AddTaskRequest>(parsed);
  std::optional<CustomerAccount> account =
      req.account_id.size() <= kMaxIdBytes ? store.find_account(req.account_id) : std::nullopt;
  if (!account || !may_read_org(c.actor, account->org_id, c.vendor_org))
    return Error{ErrorCode::NotFound, "That account does not exist (or is not yours to see).", {}};
  if (!may_work_accounts(c.actor, account->org_id, c.vendor_org))
    return Error{ErrorCode::Forbidden, kLookOnly, {}};
  AccountTask task = new_task(account->id, req.kind, std::move(req.title), req.due_at);
  if (auto fields = validate_account_task(task); !fields.empty()) return invalid(fields);
  if (store.account_task_count(account->id) >= int64_t(kMaxTasksPerAccount))
    return Error{ErrorCode::Conflict,
                 "This account already has " + std::to_string(kMaxTasksPerAccount) +
                     " tasks; close some before adding more.",
                 {}};
  Plan plan;
  fan_out(plan.events, account->org_id, {RoomKind::Accounts, RoomKind::Overview},
          kEvAccountTaskAdded,
          {{"task", to_json(task)}, {"account_name", account->name}, {"by", c.actor.user_id}});
  plan.result = {{"task_id", task.id}};
  plan.change.tasks.push_back(std::move(task));
  return plan;
}

// [SECTION] account.detail (a query: it writes nothing)

// The account's plans and tasks for its side panel, or not_found for an account of another
// organisation, worded exactly like an unknown id.
std::variant<Json, Error> account_detail(const Context& c, const Json& payload, Store& store) {
  const Json* id = payload.is_object() && payload.contains("account_id")
                       ? &payload["account_id"]
                       : nullptr;
  if (id == nullptr || !id->is_string() || id->get<std::string>().empty() ||
      id->get<std::string>().size() > kMaxIdBytes)
    return invalid({{"account_id", "Name the account by its id (text)."}});
  std::optional<CustomerAccount> account = store.find_account(id->get<std::string>());
  if (!account || !may(c.actor.role, RoomKind::Accounts, Action::Read) ||
      !may_read_org(c.actor, account->org_id, c.vendor_org))
    return Error{ErrorCode::NotFound, "That account does not exist (or is not yours to see).", {}};
  // FIXME: reads the organisation's whole accounts room for one account's tasks (a few ms at
  // 10,000 accounts); a Store call for one account's tasks would make it constant.
  AccountsInputs in =
      store.accounts_inputs(account->org_id, partner_room_key(account->org_id, RoomKind::Accounts));
  std::vector<AccountTask> tasks;
  for (AccountTask& t : in.tasks)
    if (t.account_id == account->id) tasks.push_back(std::move(t));
  return account_detail_json(*account, tasks);
}

}  // namespace

void PortalService::on_account_command(Client& client, const Identity& who,
                                       const CommandFrame& f) {
  if (f.type == kCmdAccountDetail) {
    // Under the publish mutex: every event committed before this read is already on its way
    // to the client ahead of this answer, and every later one follows it.
    std::lock_guard lock(publish_mutex_);
    const std::optional<Organisation> vendor = store_.vendor_org();
    const Context c{who.actor(), vendor ? vendor->id : Id(), unix_now()};
    auto answer = account_detail(c, f.payload, store_);
    if (auto* e = std::get_if<Error>(&answer)) {
      client.send(error_frame(e->code, std::move(e->message), f.id, std::move(e->fields)));
    } else {
      client.send(AckFrame{f.id, std::get<Json>(answer)});
    }
    return;
  }
  Outcome (*planner)(const Context&, const CommandFrame&, Store&) = nullptr;
  if (f.type == kCmdAccountAdd) planner = plan_add;
  if (f.type == kCmdAccountTaskSetStatus) planner = plan_task_status;
  if (f.type == kCmdAccountAddTask) planner = plan_add_task;
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
  const Context c{actor, vendor ? vendor->id : Id(), unix_now()};
  Outcome planned = planner(c, f, store_);
  if (auto* e = std::get_if<Error>(&planned)) {
    client.send(error_frame(e->code, std::move(e->message), f.id, std::move(e->fields)));
    return;
  }
  Plan& plan = std::get<Plan>(planned);
  ack_and_publish(client, f.id,
                  store_.apply_account_change(key, plan.change, plan.events, plan.result, c.now));
}

}  // namespace portal::server

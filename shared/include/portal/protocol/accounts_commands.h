// Command and event names of the Customer accounts room and the payload readers both hosts
// share (the browser validates with the same readers before it sends). docs/protocol.md shows
// every payload with an example.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "portal/model/accounts.h"
#include "portal/protocol/frames.h"
#include "portal/rules/validation.h"

namespace portal {

// [SECTION] Commands
//   account.add              {"org_id"? (vendor staff only), "name", "website"?,
//                             "lifetime_revenue_minor"?, "currency"?, "plans"?: [{"name",
//                             "value_minor", "status"?, "cppo_eligible"?, "via_cppo"?,
//                             "expires_at"?}]}
//   account.task_set_status  {"task_id", "status"}  (tick: "done", untick: "open")
//   account.add_task         {"account_id", "kind", "title"?, "due_at"?}
inline constexpr std::string_view kCmdAccountAdd = "account.add";
inline constexpr std::string_view kCmdAccountTaskSetStatus = "account.task_set_status";
inline constexpr std::string_view kCmdAccountAddTask = "account.add_task";
// A query, stored nowhere: {"account_id"} answered with an ack whose result is
// {"account":CustomerAccount,"tasks":[AccountTask]} (rooms/accounts.h load_account_detail).
inline constexpr std::string_view kCmdAccountDetail = "account.detail";

// [SECTION] Events (to "org:<id>/accounts" and "vendor/accounts")
//   account.added               {"account": CustomerAccount, "tasks": [AccountTask], "by"}
//   account.task_added          {"task": AccountTask, "by"}
//   account.task_status_changed {"task": AccountTask (after the change), "at", "by"}
inline constexpr std::string_view kEvAccountAdded = "account.added";
inline constexpr std::string_view kEvAccountTaskAdded = "account.task_added";
inline constexpr std::string_view kEvAccountTaskStatusChanged = "account.task_status_changed";

inline constexpr size_t kMaxPlansPerAccount = 50;   // on account.add
inline constexpr size_t kMaxTasksPerAccount = 100;  // account.add_task refuses beyond

// What account.add asks for. `account` has no id, org or creation time yet (the server sets
// them); `org_id` is the partner a vendor staff member names ("" for partners: their own).
struct AccountAddRequest {
  Id org_id;
  CustomerAccount account;
};
// Reads the payload; wrong types come back as one FieldError per field. The content itself is
// checked by validate_customer_account once the server has filled in the organisation.
std::variant<AccountAddRequest, std::vector<FieldError>> account_add_from_json(const Json& j);
Json to_json(const AccountAddRequest& r);

struct TaskStatusRequest {
  Id task_id;
  TaskStatus status = TaskStatus::Done;
};
std::variant<TaskStatusRequest, std::vector<FieldError>> task_status_request_from_json(
    const Json& j);

struct AddTaskRequest {
  Id account_id;
  AccountTaskKind kind = AccountTaskKind::Other;
  std::string title;
  UnixTime due_at = 0;
};
std::variant<AddTaskRequest, std::vector<FieldError>> add_task_request_from_json(const Json& j);

// The tasks every new account starts with: complete onboarding, enable marketplace, and a
// private offer when a plan could be sold through one but is not.
std::vector<AccountTaskKind> starter_tasks(const CustomerAccount& account);

}  // namespace portal

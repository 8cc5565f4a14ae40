#include "portal/protocol/accounts_commands.h"

#include "portal/rules/entity_validation.h"
#include "portal/rules/success_metrics.h"
#include "protocol/json_fields.h"

namespace portal {
namespace {

using detail::field;

// Reads optional typed fields of one JSON object, collecting one FieldError per mistyped field.
class Reader {
 public:
  Reader(const Json& j, std::vector<FieldError>& errors, std::string prefix = {})
      : j_(j), errors_(errors), prefix_(std::move(prefix)) {}

  bool present(const char* name) const {
    const Json* f = field(j_, name);
    return f != nullptr && !f->is_null();
  }
  void text(const char* name, std::string& out, const char* what) {
    if (!present(name)) return;
    const Json* f = field(j_, name);
    if (f->is_string())
      out = f->get<std::string>();
    else
      fail(name, std::string(what) + " must be text.");
  }
  void number(const char* name, int64_t& out, const char* what) {
    if (!present(name)) return;
    if (auto n = detail::get_int(j_, name))
      out = *n;
    else
      fail(name, std::string(what) + " must be a whole number.");
  }
  void flag(const char* name, bool& out, const char* what) {
    if (!present(name)) return;
    if (auto b = detail::get_bool(j_, name))
      out = *b;
    else
      fail(name, std::string(what) + " must be true or false.");
  }
  void fail(const char* name, std::string message) {
    errors_.push_back({prefix_.empty() ? name : prefix_, std::move(message)});
  }

 private:
  const Json& j_;
  std::vector<FieldError>& errors_;
  std::string prefix_;
};

std::vector<FieldError> not_an_object(const char* what) {
  return {{"", std::string(what) + " must be a JSON object."}};
}

}  // namespace

std::variant<AccountAddRequest, std::vector<FieldError>> account_add_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object("The account");
  std::vector<FieldError> errors;
  AccountAddRequest r;
  CustomerAccount& a = r.account;
  Reader in(j, errors);
  in.text("org_id", r.org_id, "The partner organisation");
  in.text("name", a.name, "The account name");
  if (!in.present("name")) errors.push_back({"name", "Enter the account's name."});
  in.text("website", a.website, "The website");
  in.number("lifetime_revenue_minor", a.lifetime_revenue.minor, "Lifetime revenue");
  in.text("currency", a.lifetime_revenue.currency, "The currency");
  if (const Json* plans = field(j, "plans"); plans != nullptr && !plans->is_null()) {
    if (!plans->is_array()) {
      errors.push_back({"plans", "Plans must be a list."});
    } else if (plans->size() > kMaxPlansPerAccount) {
      errors.push_back(
          {"plans", "Use at most " + std::to_string(kMaxPlansPerAccount) + " plans."});
    } else {
      for (size_t i = 0; i < plans->size(); ++i) {
        const Json& p = (*plans)[i];
        const std::string row = "Plan " + std::to_string(i + 1);
        if (!p.is_object()) {
          errors.push_back({"plans", row + " must be a JSON object."});
          break;
        }
        CommitmentPlan plan;
        plan.value.currency = a.lifetime_revenue.currency;
        Reader pr(p, errors, "plans");
        pr.text("name", plan.name, (row + " name").c_str());
        pr.number("value_minor", plan.value.minor, (row + " value").c_str());
        pr.number("expires_at", plan.expires_at, (row + " expiry").c_str());
        pr.flag("cppo_eligible", plan.cppo_eligible, (row + " eligibility").c_str());
        pr.flag("via_cppo", plan.via_cppo, (row + " private offer").c_str());
        std::string status = "executable";
        pr.text("status", status, (row + " status").c_str());
        if (auto s = plan_status_from_string(status))
          plan.status = *s;
        else
          errors.push_back({"plans", row + " status must be executed, executable or "
                                           "expired_unexecuted."});
        a.plans.push_back(std::move(plan));
      }
    }
  }
  for (CommitmentPlan& p : a.plans) p.value.currency = a.lifetime_revenue.currency;
  if (!errors.empty()) return errors;
  return r;
}

Json to_json(const AccountAddRequest& r) {
  Json plans = Json::array();
  for (const CommitmentPlan& p : r.account.plans) {
    plans.push_back({{"name", p.name},
                     {"value_minor", p.value.minor},
                     {"status", to_string(p.status)},
                     {"cppo_eligible", p.cppo_eligible},
                     {"via_cppo", p.via_cppo},
                     {"expires_at", p.expires_at}});
  }
  Json j = {{"name", r.account.name},
            {"website", r.account.website},
            {"lifetime_revenue_minor", r.account.lifetime_revenue.minor},
            {"currency", r.account.lifetime_revenue.currency},
            {"plans", std::move(plans)}};
  if (!r.org_id.empty()) j["org_id"] = r.org_id;
  return j;
}

std::variant<TaskStatusRequest, std::vector<FieldError>> task_status_request_from_json(
    const Json& j) {
  if (!j.is_object()) return not_an_object("The request");
  std::vector<FieldError> errors;
  TaskStatusRequest r;
  Reader in(j, errors);
  in.text("task_id", r.task_id, "The task");
  if (r.task_id.empty() && errors.empty())
    errors.push_back({"task_id", "Name the task by its id."});
  else if (r.task_id.size() > kMaxIdBytes)
    errors.push_back({"task_id", "That task id is too long."});
  std::string status;
  in.text("status", status, "The status");
  if (auto s = task_status_from_string(status))
    r.status = *s;
  else
    errors.push_back({"status", "Choose one of open, in_progress, done or cancelled."});
  if (!errors.empty()) return errors;
  return r;
}

std::variant<AddTaskRequest, std::vector<FieldError>> add_task_request_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object("The task");
  std::vector<FieldError> errors;
  AddTaskRequest r;
  Reader in(j, errors);
  in.text("account_id", r.account_id, "The account");
  if (r.account_id.empty() && errors.empty())
    errors.push_back({"account_id", "Name the account by its id."});
  std::string kind;
  in.text("kind", kind, "The kind");
  if (auto k = account_task_kind_from_string(kind))
    r.kind = *k;
  else
    errors.push_back({"kind", "Choose one of complete_onboarding, enable_marketplace, "
                              "create_private_offer, schedule_business_review, renew_plan or "
                              "other."});
  in.text("title", r.title, "The title");
  in.number("due_at", r.due_at, "The due date");
  if (!errors.empty()) return errors;
  return r;
}

std::vector<AccountTaskKind> starter_tasks(const CustomerAccount& account) {
  std::vector<AccountTaskKind> out = {AccountTaskKind::CompleteOnboarding,
                                      AccountTaskKind::EnableMarketplace};
  for (const CommitmentPlan& p : account.plans) {
    if (p.cppo_eligible && !p.via_cppo && p.status == PlanStatus::Executable) {
      out.push_back(AccountTaskKind::CreatePrivateOffer);
      break;
    }
  }
  return out;
}

}  // namespace portal

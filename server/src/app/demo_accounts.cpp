#include "app/demo_accounts.h"

#include "auth/tokens.h"
#include "portal/rules/entity_validation.h"

namespace portal::server {
namespace {

std::string text(const Json& j, const char* field, const std::string& fallback = {}) {
  auto it = j.find(field);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

int64_t number(const Json& j, const char* field) {
  auto it = j.find(field);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

bool flag(const Json& j, const char* field) {
  auto it = j.find(field);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace

std::string read_demo_accounts(const Json& list, const std::map<std::string, Id>& org_ids,
                               const std::function<UnixTime(const std::string&)>& parse_time,
                               SeedData& data) {
  if (!list.is_array()) return "\"accounts\" must be a list";
  for (const Json& j : list) {
    if (!j.is_object()) return "an account must be an object: " + j.dump();
    auto org = org_ids.find(text(j, "org"));
    if (org == org_ids.end()) return "unknown organisation key in account " + j.dump();
    CustomerAccount a;
    a.id = new_id();
    a.org_id = org->second;
    a.name = text(j, "name");
    a.website = text(j, "website");
    const std::string currency = text(j, "currency", "EUR");
    a.lifetime_revenue = Money{number(j, "lifetime_revenue_minor"), currency};
    a.created_at = parse_time(text(j, "created_at"));
    for (const Json& p : j.value("plans", Json::array())) {
      CommitmentPlan plan;
      plan.id = new_id();
      plan.name = text(p, "name");
      plan.value = Money{number(p, "value_minor"), currency};
      auto status = plan_status_from_string(text(p, "status"));
      if (!status) return "unknown plan status in " + p.dump();
      plan.status = *status;
      plan.cppo_eligible = flag(p, "cppo_eligible");
      plan.via_cppo = flag(p, "via_cppo");
      if (!text(p, "expires_at").empty()) plan.expires_at = parse_time(text(p, "expires_at"));
      a.plans.push_back(std::move(plan));
    }
    if (auto fields = validate_customer_account(a); !fields.empty())
      return "bad account \"" + a.name + "\": " + fields.front().message;
    for (const Json& t : j.value("tasks", Json::array())) {
      AccountTask task;
      task.id = new_id();
      task.account_id = a.id;
      auto kind = account_task_kind_from_string(text(t, "kind"));
      auto status = task_status_from_string(text(t, "status", "open"));
      if (!kind || !status) return "unknown task kind or status in " + t.dump();
      task.kind = *kind;
      task.status = *status;
      task.title = text(t, "title");
      if (!text(t, "due_at").empty()) task.due_at = parse_time(text(t, "due_at"));
      if (!text(t, "completed_at").empty())
        task.completed_at = parse_time(text(t, "completed_at"));
      if (auto fields = validate_account_task(task); !fields.empty())
        return "bad task of \"" + a.name + "\": " + fields.front().message;
      data.account_tasks.push_back(std::move(task));
    }
    data.accounts.push_back(std::move(a));
  }
  return {};
}

}  // namespace portal::server

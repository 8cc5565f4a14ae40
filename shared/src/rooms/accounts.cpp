#include "portal/rooms/accounts.h"

#include <algorithm>

#include "portal/protocol/accounts_commands.h"
#include "portal/protocol/model_codecs.h"
#include "protocol/json_fields.h"

namespace portal {
namespace {

using detail::field;
using detail::get_int;
using detail::get_string;

int32_t count_open(const std::vector<AccountTask>& tasks) {
  int32_t n = 0;
  for (const AccountTask& t : tasks) n += is_closed(t.status) ? 0 : 1;
  return n;
}

void add_to_totals(AccountTotals& t, const AccountRow& r, int sign) {
  t.missing_cppos += sign * r.metrics.missing_cppos;
  t.net_missed_revenue_minor += sign * r.metrics.net_missed_revenue_minor;
  t.savings_opportunity_minor += sign * r.metrics.savings_opportunity_minor;
  t.lifetime_revenue_minor += sign * r.metrics.lifetime_revenue_minor;
  t.open_tasks += sign * r.open_tasks;
}

bool row_before(const AccountRow& a, const AccountRow& b) {
  return account_order(a.metrics, b.metrics);
}

AccountRow* find_row(AccountsState& s, const Id& id) {
  for (AccountRow& r : s.accounts)
    if (r.account.id == id) return &r;
  return nullptr;
}

AccountTask* find_task(AccountRow& r, const Id& id) {
  for (AccountTask& t : r.tasks)
    if (t.id == id) return &t;
  return nullptr;
}

// Replaces the row's open-task count and keeps the totals in step.
void refresh_open(AccountsState& s, AccountRow& r) {
  s.totals.open_tasks -= r.open_tasks;
  r.open_tasks = count_open(r.tasks);
  s.totals.open_tasks += r.open_tasks;
}

// A snapshot row is what the table shows: the account without its plans, its figures and its
// counts. Plans and tasks come with account.detail when the side panel opens, so a
// 10,000-account snapshot stays a fraction of what it was (see docs/performance.md).
Json snapshot_row(const AccountRow& r) {
  Json j = to_json(r.account);
  j.erase("plans");
  if (j["website"] == "") j.erase("website");
  const AccountMetrics& m = r.metrics;
  j["metrics"] = Json::array({m.missing_cppos, m.net_missed_revenue_minor,
                              m.savings_opportunity_minor, m.lifetime_revenue_minor});
  j["plan_count"] = r.plan_count;
  j["open_tasks"] = r.open_tasks;
  return j;
}

std::optional<AccountRow> row_from_snapshot(const Json& row, const std::vector<RoomPartner>& ps) {
  if (!row.is_object()) return std::nullopt;
  Json aj = row;
  for (const char* derived : {"metrics", "plan_count", "open_tasks"}) aj.erase(derived);
  aj["plans"] = Json::array();
  if (!aj.contains("website")) aj["website"] = "";
  auto account = customer_account_from_json(aj);
  const Json* mj = field(row, "metrics");
  auto plans = get_int(row, "plan_count");
  auto open = get_int(row, "open_tasks");
  if (!account || mj == nullptr || !mj->is_array() || mj->size() != 4 || !plans || !open ||
      *plans < 0 || *open < 0 || *plans > INT32_MAX || *open > INT32_MAX)
    return std::nullopt;
  for (const Json& v : *mj)
    if (!v.is_number_integer()) return std::nullopt;
  AccountRow r;
  const RoomPartner* p = find_partner(ps, account->org_id);
  r.partner = p ? p->name : std::string();
  r.metrics.account_id = account->id;
  r.metrics.name = account->name;
  r.metrics.missing_cppos = static_cast<int32_t>((*mj)[0].get<int64_t>());
  r.metrics.net_missed_revenue_minor = (*mj)[1].get<int64_t>();
  r.metrics.savings_opportunity_minor = (*mj)[2].get<int64_t>();
  r.metrics.lifetime_revenue_minor = (*mj)[3].get<int64_t>();
  r.plan_count = static_cast<int32_t>(*plans);
  r.open_tasks = static_cast<int32_t>(*open);
  r.account = std::move(*account);
  return r;
}

int32_t open_weight(TaskStatus status) { return is_closed(status) ? 0 : 1; }

}  // namespace

AccountRow make_account_row(CustomerAccount account, std::vector<AccountTask> tasks,
                            const std::vector<RoomPartner>& partners,
                            const std::string& currency) {
  AccountRow r;
  const RoomPartner* p = find_partner(partners, account.org_id);
  r.partner = p ? p->name : std::string();
  r.metrics = account_metrics(account, currency);
  r.open_tasks = count_open(tasks);
  r.plan_count = static_cast<int32_t>(account.plans.size());
  r.detail = true;
  r.tasks = std::move(tasks);
  r.account = std::move(account);
  return r;
}

AccountsState make_accounts_state(std::vector<RoomPartner> partners, std::string currency,
                                  std::vector<AccountRow> rows) {
  AccountsState s;
  s.partners = std::move(partners);
  s.currency = std::move(currency);
  std::sort(rows.begin(), rows.end(), row_before);
  for (const AccountRow& r : rows) add_to_totals(s.totals, r, +1);
  s.accounts = std::move(rows);
  return s;
}

Json to_json(const AccountsState& s) {
  Json accounts = Json::array();
  for (const AccountRow& r : s.accounts) accounts.push_back(snapshot_row(r));
  return {{"partners", to_json(s.partners)},
          {"currency", s.currency},
          {"accounts", std::move(accounts)}};
}

std::optional<AccountsState> accounts_from_json(const Json& j) {
  const Json* partners = field(j, "partners");
  const Json* accounts = field(j, "accounts");
  auto currency = get_string(j, "currency");
  if (partners == nullptr || accounts == nullptr || !accounts->is_array() || !currency)
    return std::nullopt;
  auto ps = room_partners_from_json(*partners);
  if (!ps) return std::nullopt;
  std::vector<AccountRow> rows;
  rows.reserve(accounts->size());
  for (const Json& row : *accounts) {
    auto r = row_from_snapshot(row, *ps);
    if (!r) return std::nullopt;
    rows.push_back(std::move(*r));
  }
  return make_accounts_state(std::move(*ps), *currency, std::move(rows));
}

bool apply(AccountsState& s, std::string_view event_type, const Json& data) {
  if (event_type == kEvAccountAdded) {
    const Json* aj = field(data, "account");
    const Json* tj = field(data, "tasks");
    auto account = aj ? customer_account_from_json(*aj) : std::nullopt;
    if (!account || find_row(s, account->id)) return false;
    std::vector<AccountTask> tasks;
    if (tj != nullptr && tj->is_array()) {
      for (const Json& t : *tj) {
        auto task = account_task_from_json(t);
        if (!task || task->account_id != account->id) return false;
        tasks.push_back(std::move(*task));
      }
    }
    AccountRow row = make_account_row(std::move(*account), std::move(tasks), s.partners,
                                      s.currency);
    add_to_totals(s.totals, row, +1);
    auto at = std::upper_bound(s.accounts.begin(), s.accounts.end(), row, row_before);
    s.accounts.insert(at, std::move(row));
    return true;
  }
  if (event_type == kEvAccountTaskAdded || event_type == kEvAccountTaskStatusChanged) {
    const Json* tj = field(data, "task");
    auto task = tj ? account_task_from_json(*tj) : std::nullopt;
    AccountRow* r = task ? find_row(s, task->account_id) : nullptr;
    if (!r) return false;
    AccountTask* held = r->detail ? find_task(*r, task->id) : nullptr;
    int32_t open_change = 0;
    if (event_type == kEvAccountTaskAdded) {
      if (held) return false;  // already in the loaded detail
      open_change = open_weight(task->status);
      if (r->detail) r->tasks.push_back(std::move(*task));
    } else {
      // The status before the change: the loaded task's, else the event's "from".
      std::optional<TaskStatus> from;
      if (held) {
        from = held->status;
      } else if (auto f = get_string(data, "from")) {
        from = task_status_from_string(*f);
      }
      if (r->detail && !held) return false;  // not a task of this account
      if (from) open_change = open_weight(task->status) - open_weight(*from);
      if (held) *held = std::move(*task);
    }
    r->open_tasks += open_change;
    s.totals.open_tasks += open_change;
    return true;
  }
  return false;
}

bool load_account_detail(AccountsState& s, const Json& detail) {
  const Json* aj = field(detail, "account");
  const Json* tj = field(detail, "tasks");
  auto account = aj ? customer_account_from_json(*aj) : std::nullopt;
  AccountRow* r = account ? find_row(s, account->id) : nullptr;
  if (!r || tj == nullptr || !tj->is_array()) return false;
  std::vector<AccountTask> tasks;
  for (const Json& t : *tj) {
    auto task = account_task_from_json(t);
    if (!task || task->account_id != account->id) return false;
    tasks.push_back(std::move(*task));
  }
  // The row keeps its place and figures; plans and tasks fill in, and the open-task count is
  // taken from the tasks (the answer is at least as new as the events already applied).
  r->account.plans = std::move(account->plans);
  r->plan_count = static_cast<int32_t>(r->account.plans.size());
  r->tasks = std::move(tasks);
  r->detail = true;
  refresh_open(s, *r);
  return true;
}

Json account_detail_json(const CustomerAccount& account, const std::vector<AccountTask>& tasks) {
  Json tj = Json::array();
  for (const AccountTask& t : tasks) tj.push_back(to_json(t));
  return {{"account", to_json(account)}, {"tasks", std::move(tj)}};
}

const AccountRow* find_account(const AccountsState& s, const Id& account_id) {
  for (const AccountRow& r : s.accounts)
    if (r.account.id == account_id) return &r;
  return nullptr;
}

const AccountRow* find_task_row(const AccountsState& s, const Id& task_id) {
  for (const AccountRow& r : s.accounts)
    for (const AccountTask& t : r.tasks)
      if (t.id == task_id) return &r;
  return nullptr;
}

}  // namespace portal

#include "portal/rooms/accounts.h"

#include <algorithm>

#include "portal/protocol/accounts_commands.h"
#include "portal/protocol/model_codecs.h"
#include "protocol/json_fields.h"

namespace portal {
namespace {

using detail::field;
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

// Snapshot rows leave out what the decoder restores by itself (a task's account is the row's;
// empty texts, false flags and unset times are the defaults): a 10,000-account snapshot is one
// frame, and these are most of its keys.
Json snapshot_row(const AccountRow& r) {
  Json j = to_json(r.account);
  for (Json& p : j["plans"]) {
    for (const char* flag : {"via_cppo", "cppo_eligible"})
      if (p[flag] == false) p.erase(flag);
    if (p["expires_at"] == 0) p.erase("expires_at");
  }
  Json tasks = Json::array();
  for (const AccountTask& t : r.tasks) {
    Json tj = to_json(t);
    tj.erase("account_id");
    for (const char* text : {"title", "assignee_id"})
      if (tj[text] == "") tj.erase(text);
    for (const char* time : {"due_at", "completed_at"})
      if (tj[time] == 0) tj.erase(time);
    tasks.push_back(std::move(tj));
  }
  j["tasks"] = std::move(tasks);
  return j;
}

}  // namespace

AccountRow make_account_row(CustomerAccount account, std::vector<AccountTask> tasks,
                            const std::vector<RoomPartner>& partners,
                            const std::string& currency) {
  AccountRow r;
  const RoomPartner* p = find_partner(partners, account.org_id);
  r.partner = p ? p->name : std::string();
  r.metrics = account_metrics(account, currency);
  r.open_tasks = count_open(tasks);
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
    auto account = customer_account_from_json(row);
    const Json* tj = field(row, "tasks");
    if (!account || tj == nullptr || !tj->is_array()) return std::nullopt;
    std::vector<AccountTask> tasks;
    for (const Json& t : *tj) {
      auto task = account_task_from_json(t);
      if (!task) return std::nullopt;
      task->account_id = account->id;
      tasks.push_back(std::move(*task));
    }
    rows.push_back(make_account_row(std::move(*account), std::move(tasks), *ps, *currency));
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
    AccountTask* held = find_task(*r, task->id);
    if (event_type == kEvAccountTaskAdded) {
      if (held) return false;
      r->tasks.push_back(std::move(*task));
    } else {
      if (!held) return false;
      *held = std::move(*task);
    }
    refresh_open(s, *r);
    return true;
  }
  return false;
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

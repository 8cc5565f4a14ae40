// The Customer accounts room's state, its snapshot codec and how an event changes it: the
// partner's customer accounts (or every partner's, for vendor staff) with their success metrics
// and tasks, in table order (savings opportunity descending), and the four totals on top.
// The same apply() runs on the server and in the browser. The snapshot carries each account's
// row as the table shows it (figures and counts), not its plans and tasks: those come with
// account.detail when the account's side panel opens (load_account_detail), and the room's
// events keep both the counts and a loaded account's tasks current.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "portal/model/accounts.h"
#include "portal/protocol/frames.h"
#include "portal/rooms/room_partners.h"
#include "portal/rules/success_metrics.h"

namespace portal {

struct AccountRow {
  CustomerAccount account;         // its plans only once `detail` is loaded
  std::vector<AccountTask> tasks;  // oldest first; only once `detail` is loaded
  std::string partner;             // the organisation's name
  AccountMetrics metrics;          // from the plans, in the room's currency
  int32_t open_tasks = 0;          // tasks not done or cancelled
  int32_t plan_count = 0;
  bool detail = false;             // account.plans and tasks are complete
  friend bool operator==(const AccountRow&, const AccountRow&) = default;
};

struct AccountTotals {
  int32_t missing_cppos = 0;
  int64_t net_missed_revenue_minor = 0;
  int64_t savings_opportunity_minor = 0;
  int64_t lifetime_revenue_minor = 0;
  int32_t open_tasks = 0;
  friend bool operator==(const AccountTotals&, const AccountTotals&) = default;
};

struct AccountsState {
  std::vector<RoomPartner> partners;
  std::string currency = "EUR";    // amounts in other currencies are left out of the metrics
  std::vector<AccountRow> accounts;  // in account_order
  AccountTotals totals;
  friend bool operator==(const AccountsState&, const AccountsState&) = default;
};

// A row for `account` with its metrics, partner name and open-task count.
AccountRow make_account_row(CustomerAccount account, std::vector<AccountTask> tasks,
                            const std::vector<RoomPartner>& partners, const std::string& currency);
// A state holding `rows` sorted in table order, with the totals added up.
AccountsState make_accounts_state(std::vector<RoomPartner> partners, std::string currency,
                                  std::vector<AccountRow> rows);

// Snapshot: {"partners", "currency", "accounts": [row]} where a row is a CustomerAccount
// without its plans plus "metrics":[missing_cppos, net_missed_revenue_minor,
// savings_opportunity_minor, lifetime_revenue_minor] (in the room's currency), "plan_count" and
// "open_tasks". Partner names and totals are derived on both sides, never sent.
Json to_json(const AccountsState& s);
std::optional<AccountsState> accounts_from_json(const Json& j);
// Applies account.added (a row with its detail), account.task_added and
// account.task_status_changed (its "from" status keeps the open-task count right when the
// account's tasks are not loaded); anything else (a malformed event, an account the room does
// not hold, a repeat) leaves the state unchanged and returns false.
bool apply(AccountsState& s, std::string_view event_type, const Json& data);
// The answer of account.detail, {"account":CustomerAccount,"tasks":[AccountTask]}: loads the
// account's plans and tasks into its row (and its open-task count from them). False when the
// room does not hold the account or the answer is malformed.
bool load_account_detail(AccountsState& s, const Json& detail);
// The account.detail answer for `account` and its tasks.
Json account_detail_json(const CustomerAccount& account, const std::vector<AccountTask>& tasks);
const AccountRow* find_account(const AccountsState& s, const Id& account_id);
// The row holding task `task_id`, or nullptr.
const AccountRow* find_task_row(const AccountsState& s, const Id& task_id);

}  // namespace portal

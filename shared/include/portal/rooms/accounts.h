// The Customer accounts room's state, its snapshot codec and how an event changes it: the
// partner's customer accounts (or every partner's, for vendor staff) with their success metrics
// and tasks, in table order (savings opportunity descending), and the four totals on top.
// The same apply() runs on the server and in the browser.
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
  CustomerAccount account;
  std::vector<AccountTask> tasks;  // oldest first
  std::string partner;             // the organisation's name
  AccountMetrics metrics;          // from the plans, in the room's currency
  int32_t open_tasks = 0;          // tasks not done or cancelled
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

// Snapshot: {"partners", "currency", "accounts": [CustomerAccount + "tasks": [AccountTask]]}.
// Metrics, partner names and totals are derived on both sides, never sent.
Json to_json(const AccountsState& s);
std::optional<AccountsState> accounts_from_json(const Json& j);
// Applies account.added, account.task_added and account.task_status_changed; anything else (a
// malformed event, an account or task the room does not hold, a repeat) leaves the state
// unchanged and returns false.
bool apply(AccountsState& s, std::string_view event_type, const Json& data);
const AccountRow* find_account(const AccountsState& s, const Id& account_id);
// The row holding task `task_id`, or nullptr.
const AccountRow* find_task_row(const AccountsState& s, const Id& task_id);

}  // namespace portal

// Partner success metrics of the Customer accounts room and the Overview. A customer account
// has commitment plans (contracts the customer can execute through the marketplace) and a
// lifetime revenue. From them:
//   missing CPPOs         plans eligible for a channel partner private offer but not sold via one
//   net missed revenue    value of plans that expired without being executed
//   savings opportunity   value of plans that can still be executed
//   lifetime revenue      the account's revenue to date
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/entities.h"

namespace portal {

enum class PlanStatus { Executed, Executable, ExpiredUnexecuted };
// Wire name: "executed", "executable", "expired_unexecuted".
std::string_view to_string(PlanStatus s);
std::optional<PlanStatus> plan_status_from_string(std::string_view s);
// Human label: "Executed", "Executable", "Expired, not executed".
std::string_view plan_status_label(PlanStatus s);

struct CommitmentPlan {
  Money value;
  PlanStatus status = PlanStatus::Executable;
  bool via_cppo = false;       // sold through a channel partner private offer
  bool cppo_eligible = false;  // could have been sold through one
  Id id;
  std::string name;            // "Analytics suite, 3 years"
  UnixTime expires_at = 0;     // last day it can be executed; 0 = no end
  friend bool operator==(const CommitmentPlan&, const CommitmentPlan&) = default;
};

struct CustomerAccount {
  Id id;
  std::string name;
  Money lifetime_revenue;
  std::vector<CommitmentPlan> plans;
  Id org_id;                   // the partner that registered the account
  std::string website;
  UnixTime created_at = 0;
  friend bool operator==(const CustomerAccount&, const CustomerAccount&) = default;
};

struct AccountMetrics {
  Id account_id;
  std::string name;
  int32_t missing_cppos = 0;
  int64_t net_missed_revenue_minor = 0;
  int64_t savings_opportunity_minor = 0;
  int64_t lifetime_revenue_minor = 0;
  friend bool operator==(const AccountMetrics&, const AccountMetrics&) = default;
};

struct SuccessMetrics {
  int32_t missing_cppos = 0;
  int64_t net_missed_revenue_minor = 0;
  int64_t savings_opportunity_minor = 0;
  int64_t lifetime_revenue_minor = 0;
  std::vector<AccountMetrics> accounts;  // sorted by account_order
  friend bool operator==(const SuccessMetrics&, const SuccessMetrics&) = default;
};

// The metrics of one account. Amounts in other currencies than `currency` are left out (as in
// commission.h, until conversion exists); missing CPPOs are counted whatever the currency.
AccountMetrics account_metrics(const CustomerAccount& account, const std::string& currency);
// The table order: savings opportunity descending, then name, then account id ascending.
bool account_order(const AccountMetrics& a, const AccountMetrics& b);
// Per-account metrics, sorted by account_order, and the partner's totals.
SuccessMetrics success_metrics(std::span<const CustomerAccount> accounts,
                               const std::string& currency);

}  // namespace portal

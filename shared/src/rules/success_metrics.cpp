#include "portal/rules/success_metrics.h"

#include <algorithm>
#include <array>

namespace portal {
namespace {

struct StatusNames {
  std::string_view wire;
  std::string_view label;
};

constexpr std::array<StatusNames, 3> kStatuses = {{
    {"executed", "Executed"},
    {"executable", "Executable"},
    {"expired_unexecuted", "Expired, not executed"},
}};

}  // namespace

std::string_view to_string(PlanStatus s) {
  return kStatuses[static_cast<size_t>(s)].wire;
}

std::optional<PlanStatus> plan_status_from_string(std::string_view s) {
  for (size_t i = 0; i < kStatuses.size(); ++i)
    if (kStatuses[i].wire == s) return static_cast<PlanStatus>(i);
  return std::nullopt;
}

std::string_view plan_status_label(PlanStatus s) {
  return kStatuses[static_cast<size_t>(s)].label;
}

AccountMetrics account_metrics(const CustomerAccount& account, const std::string& currency) {
  AccountMetrics m;
  m.account_id = account.id;
  m.name = account.name;
  if (account.lifetime_revenue.currency == currency)
    m.lifetime_revenue_minor = account.lifetime_revenue.minor;
  for (const CommitmentPlan& p : account.plans) {
    if (p.cppo_eligible && !p.via_cppo) ++m.missing_cppos;
    if (p.value.currency != currency) continue;
    if (p.status == PlanStatus::ExpiredUnexecuted) m.net_missed_revenue_minor += p.value.minor;
    if (p.status == PlanStatus::Executable) m.savings_opportunity_minor += p.value.minor;
  }
  return m;
}

bool account_order(const AccountMetrics& a, const AccountMetrics& b) {
  if (a.savings_opportunity_minor != b.savings_opportunity_minor)
    return a.savings_opportunity_minor > b.savings_opportunity_minor;
  if (a.name != b.name) return a.name < b.name;
  return a.account_id < b.account_id;
}

SuccessMetrics success_metrics(std::span<const CustomerAccount> accounts,
                               const std::string& currency) {
  SuccessMetrics out;
  out.accounts.reserve(accounts.size());
  for (const CustomerAccount& a : accounts) {
    AccountMetrics m = account_metrics(a, currency);
    out.missing_cppos += m.missing_cppos;
    out.net_missed_revenue_minor += m.net_missed_revenue_minor;
    out.savings_opportunity_minor += m.savings_opportunity_minor;
    out.lifetime_revenue_minor += m.lifetime_revenue_minor;
    out.accounts.push_back(std::move(m));
  }
  std::sort(out.accounts.begin(), out.accounts.end(), account_order);
  return out;
}

}  // namespace portal

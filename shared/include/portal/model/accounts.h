// Customer accounts: the account and its commitment plans are CustomerAccount / CommitmentPlan of
// rules/success_metrics.h; this adds the tasks a partner can do for an account.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "portal/model/entities.h"
#include "portal/model/task_status.h"
#include "portal/rules/success_metrics.h"

namespace portal {

enum class AccountTaskKind {
  CompleteOnboarding,
  EnableMarketplace,
  CreatePrivateOffer,
  ScheduleBusinessReview,
  RenewPlan,
  Other
};
// Wire name: "complete_onboarding", "enable_marketplace", "create_private_offer",
// "schedule_business_review", "renew_plan", "other". Label: "Complete onboarding", ...
std::string_view to_string(AccountTaskKind k);
std::optional<AccountTaskKind> account_task_kind_from_string(std::string_view s);
std::string_view account_task_kind_label(AccountTaskKind k);

// Something the partner can do for a customer account ("available tasks").
struct AccountTask {
  Id id;
  Id account_id;
  AccountTaskKind kind = AccountTaskKind::CompleteOnboarding;
  std::string title;  // empty = the kind's label
  TaskStatus status = TaskStatus::Open;
  Id assignee_id;       // may be empty
  UnixTime due_at = 0;  // 0 = no due date
  UnixTime completed_at = 0;
  friend bool operator==(const AccountTask&, const AccountTask&) = default;
};

// The title to show: the task's own, or its kind's label when it has none.
std::string_view display_title(const AccountTask& t);

}  // namespace portal

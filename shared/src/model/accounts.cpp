#include "portal/model/accounts.h"

#include "model/name_table.h"

namespace portal {
namespace {

constexpr detail::NameTable<AccountTaskKind, 6> kTaskKinds{{{
    {"complete_onboarding", "Complete onboarding"},
    {"enable_marketplace", "Enable marketplace"},
    {"create_private_offer", "Create a private offer"},
    {"schedule_business_review", "Schedule a business review"},
    {"renew_plan", "Renew commitment plan"},
    {"other", "Other"},
}}};

}  // namespace

std::string_view to_string(AccountTaskKind k) {
  return kTaskKinds.wire(k);
}
std::optional<AccountTaskKind> account_task_kind_from_string(std::string_view s) {
  return kTaskKinds.parse(s);
}
std::string_view account_task_kind_label(AccountTaskKind k) {
  return kTaskKinds.label(k);
}

std::string_view display_title(const AccountTask& t) {
  return t.title.empty() ? account_task_kind_label(t.kind) : std::string_view(t.title);
}

}  // namespace portal

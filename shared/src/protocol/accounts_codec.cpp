// JSON codecs of customer accounts, their commitment plans and tasks (model/accounts.h).
#include "portal/protocol/model_codecs.h"
#include "protocol/common_codec.h"

namespace portal {

inline std::optional<PlanStatus> parse_enum(std::type_identity<PlanStatus>, std::string_view s) {
  return plan_status_from_string(s);
}
inline std::optional<AccountTaskKind> parse_enum(std::type_identity<AccountTaskKind>,
                                                 std::string_view s) {
  return account_task_kind_from_string(s);
}

template <class V>
void visit_fields(V& v, CommitmentPlan& p) {
  v("id", p.id);
  v("name", p.name);
  v("value", p.value);
  v("status", p.status);
  v("via_cppo", p.via_cppo);
  v("cppo_eligible", p.cppo_eligible);
  v("expires_at", p.expires_at);
}

template <class V>
void visit_fields(V& v, CustomerAccount& a) {
  v("id", a.id);
  v("org_id", a.org_id);
  v("name", a.name);
  v("website", a.website);
  v("lifetime_revenue", a.lifetime_revenue);
  v("plans", a.plans);
  v("created_at", a.created_at);
}

template <class V>
void visit_fields(V& v, AccountTask& t) {
  v("id", t.id);
  v("account_id", t.account_id);
  v("kind", t.kind);
  v("title", t.title);
  v("status", t.status);
  v("assignee_id", t.assignee_id);
  v("due_at", t.due_at);
  v("completed_at", t.completed_at);
}

using detail::decode_entity;
using detail::encode_entity;

Json to_json(const CustomerAccount& v) {
  return encode_entity(v);
}
Json to_json(const AccountTask& v) {
  return encode_entity(v);
}
std::optional<CustomerAccount> customer_account_from_json(const Json& j) {
  return decode_entity<CustomerAccount>(j);
}
std::optional<AccountTask> account_task_from_json(const Json& j) {
  return decode_entity<AccountTask>(j);
}

}  // namespace portal

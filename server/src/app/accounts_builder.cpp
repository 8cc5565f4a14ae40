#include "app/accounts_builder.h"

#include <unordered_map>

namespace portal::server {

AccountsState build_accounts(const AccountsInputs& in, const std::string& currency) {
  std::vector<RoomPartner> partners;
  partners.reserve(in.orgs.size());
  for (const Organisation& o : in.orgs)
    partners.push_back(RoomPartner{o.id, o.name, o.revenue_share_bp});
  std::unordered_map<Id, std::vector<AccountTask>> tasks;
  for (const AccountTask& t : in.tasks) tasks[t.account_id].push_back(t);
  std::vector<AccountRow> rows;
  rows.reserve(in.accounts.size());
  for (const CustomerAccount& a : in.accounts) {
    auto it = tasks.find(a.id);
    rows.push_back(make_account_row(a, it == tasks.end() ? std::vector<AccountTask>()
                                                         : std::move(it->second),
                                    partners, currency));
  }
  return make_accounts_state(std::move(partners), currency, std::move(rows));
}

}  // namespace portal::server

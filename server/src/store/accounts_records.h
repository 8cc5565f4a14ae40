// What the store reads and writes for the Customer accounts room (see store.h).
#pragma once
#include <optional>
#include <vector>

#include "portal/model/accounts.h"

namespace portal::server {

// A task together with the organisation of its account (who may tick it).
struct AccountTaskRecord {
  AccountTask task;
  Id org_id;
};

// Everything the Accounts room is built from, read in one consistent snapshot.
struct AccountsInputs {
  std::vector<Organisation> orgs;          // the partner itself, or every partner for vendor staff
  std::vector<CustomerAccount> accounts;   // with their plans
  std::vector<AccountTask> tasks;          // oldest first
  int64_t seq = 0;
};

// The rows one accounts command writes, in the same transaction as its events.
struct AccountChange {
  std::optional<CustomerAccount> account;  // inserted with its plans
  std::vector<AccountTask> tasks;          // inserted, or replace the stored task of that id
  Id created_by;                           // for an inserted account
};

}  // namespace portal::server

// Builds the Customer accounts room's state from stored rows, like pipeline_builder: a
// partner's own accounts, or every partner's for vendor staff.
#pragma once
#include "portal/rooms/accounts.h"
#include "store/store.h"

namespace portal::server {

// `currency` is the viewer's organisation's: the metrics add up amounts in it.
AccountsState build_accounts(const AccountsInputs& in, const std::string& currency);

}  // namespace portal::server

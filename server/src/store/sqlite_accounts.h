// Row writers of the Customer accounts tables, shared by the demo seed (sqlite_store.cpp) and
// the accounts commands (sqlite_accounts.cpp). The caller holds the writer and a transaction.
#pragma once
#include <vector>

#include "portal/model/accounts.h"
#include "store/sqlite.h"

namespace portal::server::sqlite {

// Inserts an account and its plans.
void insert_account(Database& db, const CustomerAccount& a, const Id& created_by);
// Inserts a task, or replaces the stored task of that id.
void write_account_task(Database& db, const AccountTask& t, UnixTime created_at);
void insert_account_rows(Database& db, const std::vector<CustomerAccount>& accounts,
                         const std::vector<AccountTask>& tasks);

}  // namespace portal::server::sqlite

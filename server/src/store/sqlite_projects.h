// Rows every command may carry besides its own (sqlite_projects.cpp): the notifications its
// events announce and, inside an AuditScope, its audit row. run_command writes them in the
// command's transaction; the caller holds the writer and an open transaction.
#pragma once
#include <vector>

#include "store/sqlite.h"
#include "store/store.h"

namespace portal::server::sqlite {

void write_side_rows(Database& db, const std::vector<NewEvent>& events,
                     const nlohmann::json& result, UnixTime now);
// The mails and message digests of the thread's open OutboxScope, if any (sqlite_mail.cpp).
void write_outbox_rows(Database& db);

}  // namespace portal::server::sqlite

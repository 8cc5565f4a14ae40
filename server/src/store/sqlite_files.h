// Row helpers of the uploads tables, shared by the messages store (sqlite_messages.cpp) and
// sqlite_files.cpp. The caller holds the writer connection (and, for writes, a transaction).
#pragma once
#include <vector>

#include "portal/model/messaging.h"
#include "store/sqlite.h"

namespace portal::server::sqlite {

// Records `m.attachment_ids` as attached to `m`, in order. An upload already attached to another
// message violates the key and throws: the command planner checks that first.
void insert_attachments(Database& db, const Message& m);
// Fills `attachments` (and `attachment_ids`) of each message that is not deleted.
void load_attachments(Database& db, std::vector<Message>& messages);
void load_attachments(Database& db, Message& m);

}  // namespace portal::server::sqlite

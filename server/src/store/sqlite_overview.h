// Rows of the Overview's own tables that other store files write (the demo seed).
#pragma once
#include <vector>

#include "store/sqlite.h"
#include "store/store.h"

namespace portal::server::sqlite {

// Inserts announcements; the caller holds the writer and an open transaction.
void insert_announcements(Database& db, const std::vector<AnnouncementRecord>& list);

}  // namespace portal::server::sqlite

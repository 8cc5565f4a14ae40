// The room event log and the command record as the SQLite store writes them, shared by every
// file that implements a command (sqlite_store.cpp, sqlite_pipeline.cpp). The caller holds the
// writer and an open transaction.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.h"
#include "store/store.h"

namespace portal::server::sqlite {

int64_t latest_seq(Database& db, const std::string& room_key);
// Never throws: text that is not valid UTF-8 is stored with replacement characters.
std::string dump_json(const nlohmann::json& j);
// The result recorded for a command seen before, if any.
std::optional<nlohmann::json> recorded_result(Database& db, const CommandKey& key);
// Appends the events with the next sequence number of each room and returns them as stored.
std::vector<StoredEvent> append_events(Database& db, const std::vector<NewEvent>& events,
                                       UnixTime now);
void record_command(Database& db, const CommandKey& key, const nlohmann::json& result,
                    UnixTime now);

}  // namespace portal::server::sqlite

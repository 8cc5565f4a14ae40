#include "store/sqlite_log.h"

#include "store/store_error.h"

namespace portal::server::sqlite {

int64_t latest_seq(Database& db, const std::string& room_key) {
  Query q = db.query("SELECT COALESCE(MAX(seq), 0) FROM events WHERE room = ?");
  q.bind(1, room_key);
  return q.step() ? q.column_int(0) : 0;
}

std::string dump_json(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<nlohmann::json> recorded_result(Database& db, const CommandKey& key) {
  Query q = db.query("SELECT result, type FROM commands WHERE user_id = ? AND command_id = ?");
  q.bind(1, key.user_id).bind(2, key.command_id);
  if (!q.step()) return std::nullopt;
  // Rows from before schema 16 have no type: they replay as they always did.
  const std::string type = q.column_text(1);
  if (!type.empty() && !key.type.empty() && type != key.type)
    throw CommandConflict("command id " + key.command_id + " was used for " + type);
  return nlohmann::json::parse(q.column_text(0), nullptr, false);
}

std::vector<StoredEvent> append_events(Database& db, const std::vector<NewEvent>& events,
                                       UnixTime now) {
  std::vector<StoredEvent> out;
  for (const NewEvent& e : events) {
    StoredEvent stored{e.room_key, latest_seq(db, e.room_key) + 1, e.type, e.data, now};
    db.query("INSERT INTO events (room, seq, type, data, at) VALUES (?, ?, ?, ?, ?)")
        .bind(1, stored.room_key)
        .bind(2, stored.seq)
        .bind(3, stored.type)
        .bind(4, dump_json(stored.data))
        .bind(5, now)
        .run();
    out.push_back(std::move(stored));
  }
  return out;
}

void record_command(Database& db, const CommandKey& key, const nlohmann::json& result,
                    UnixTime now) {
  db.query("INSERT INTO commands (user_id, command_id, result, at, type) VALUES (?, ?, ?, ?, ?)")
      .bind(1, key.user_id)
      .bind(2, key.command_id)
      .bind(3, dump_json(result))
      .bind(4, now)
      .bind(5, key.type)
      .run();
}

}  // namespace portal::server::sqlite

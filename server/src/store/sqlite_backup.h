// Online backup and checked restore of the portal database (<data dir>/portal.db), for
// portal-admin. Both return an empty string on success, else one sentence for the operator.
#pragma once
#include <filesystem>
#include <string>

namespace portal::server {

// Copies the database to `to` with SQLite's online backup API in one read snapshot, so it works
// while a server is running and writing (WAL lets the copy and the writes go on side by side).
// The copy is written beside `to` and renamed into place once complete and checked.
std::string backup_database(const std::filesystem::path& data_dir, const std::filesystem::path& to);

// Says what is wrong when `file` is not a Partner Portal database this build can run (not
// SQLite, damaged, not ours, written by a newer server); empty when it is fine.
std::string check_portal_database(const std::filesystem::path& file);

// Replaces the database with `from` after checking it. Refuses while a server (or anything else)
// holds the database open. The previous database is kept as portal.db.before-restore.
std::string restore_database(const std::filesystem::path& data_dir,
                             const std::filesystem::path& from);

}  // namespace portal::server

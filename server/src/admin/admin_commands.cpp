#include "admin/admin_commands.h"

#include <sodium.h>

#include <filesystem>

#include "store/sqlite_store.h"

namespace portal::server {

AdminResult run_admin_command(const AdminArgs& args, std::istream& in, std::ostream& out) {
  if (sodium_init() < 0) return admin_failed("libsodium could not be initialised");
  const std::string& c = args.command;
  if (c == "backup" || c == "restore" || c == "generate") return run_data_command(args, out);

  // Every other command works on an existing database, except create-org, which may be the
  // first thing done to a new program.
  const std::filesystem::path dir(args.data_dir);
  std::error_code ec;
  if (c != "create-org" && !std::filesystem::is_regular_file(dir / "portal.db", ec)) {
    return admin_failed("there is no database at " + (dir / "portal.db").string() +
                        " (use --data DIR to name the data folder)");
  }
  SqliteStore::OpenResult opened = SqliteStore::open(dir, 1);
  if (!opened.store) return admin_failed(opened.error);
  if (c == "audit") return run_audit_command(args, *opened.store, out);
  return run_people_command(args, *opened.store, in, out);
}

}  // namespace portal::server

// What portal-admin's subcommands do. Each answers with an exit code and, when it did not
// succeed, one sentence for stderr; results for people go to `out`.
#pragma once
#include <iosfwd>
#include <string>

#include "admin/admin_args.h"
#include "store/store.h"

namespace portal::server {

enum class AdminExit { Ok = 0, Failed = 1, Usage = 2 };

struct AdminResult {
  AdminExit exit = AdminExit::Ok;
  std::string error;  // set unless exit is Ok
};

inline AdminResult admin_failed(std::string why) { return {AdminExit::Failed, std::move(why)}; }
inline AdminResult admin_usage_error(std::string why) { return {AdminExit::Usage, std::move(why)}; }

// Runs the parsed command against the data folder in `args`.
AdminResult run_admin_command(const AdminArgs& args, std::istream& in, std::ostream& out);

// [SECTION] Per area (admin_people.cpp, admin_data.cpp)
// create-org, create-user, reset-password, list-orgs, list-users.
AdminResult run_people_command(const AdminArgs& args, Store& store, std::istream& in,
                               std::ostream& out);
// audit (admin_audit.cpp).
AdminResult run_audit_command(const AdminArgs& args, Store& store, std::ostream& out);
// backup, restore (no Store: they work on the file), generate.
AdminResult run_data_command(const AdminArgs& args, std::ostream& out);

}  // namespace portal::server

// portal-admin: administers a Partner Portal database from the command line (organisations,
// users, passwords, backup, restore, generated demo programs). See admin_args.cpp for usage.
#include <cstdio>
#include <exception>
#include <iostream>

#include "admin/admin_args.h"
#include "admin/admin_commands.h"

using namespace portal::server;

int main(int argc, char** argv) {
  const ParsedAdminArgs parsed = parse_admin_args(argc, argv);
  if (!parsed.args) {
    std::fprintf(stderr, "portal-admin: %s\n\n%s", parsed.error.c_str(), admin_usage().c_str());
    return static_cast<int>(AdminExit::Usage);
  }
  if (parsed.args->help) {
    std::cout << admin_usage();
    return 0;
  }
  AdminResult result;
  try {
    result = run_admin_command(*parsed.args, std::cin, std::cout);
  } catch (const std::exception& e) {
    result = admin_failed(e.what());  // a storage failure (disk full, damaged file)
  }
  std::cout.flush();
  if (result.exit != AdminExit::Ok) {
    std::fprintf(stderr, "portal-admin: %s: %s\n", parsed.args->command.c_str(),
                 result.error.c_str());
    if (result.exit == AdminExit::Usage) std::fprintf(stderr, "\n%s", admin_usage().c_str());
  }
  return static_cast<int>(result.exit);
}

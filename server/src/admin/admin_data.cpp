// backup, restore and generate.
#include <chrono>
#include <ostream>

#include "admin/admin_commands.h"
#include "auth/passwords.h"
#include "demo/generator.h"
#include "store/sqlite_backup.h"
#include "store/sqlite_store.h"

namespace portal::server {
namespace {

AdminResult from_sentence(const std::string& error) {
  return error.empty() ? AdminResult{} : admin_failed(error);
}

AdminResult generate(const AdminArgs& a, std::ostream& out) {
  GeneratorOptions options;
  const int64_t partners = std::stoll(a.get("partners"));
  if (partners < 1 || partners > kMaxGeneratedPartners) {
    return admin_failed("--partners must be from 1 to " + std::to_string(kMaxGeneratedPartners));
  }
  options.partners = static_cast<int32_t>(partners);
  if (a.has("seed")) {
    const int64_t seed = std::stoll(a.get("seed"));
    if (seed < 0) return admin_failed("--seed must not be negative");
    options.seed = static_cast<uint64_t>(seed);
  }
  const auto started = std::chrono::steady_clock::now();
  SqliteStore::OpenResult opened = SqliteStore::open(a.data_dir, 1);
  if (!opened.store) return admin_failed(opened.error);
  PasswordHasher hasher(1);
  GeneratedCounts counts;
  if (std::string e = generate_program(*opened.store, hasher, options, &counts); !e.empty()) {
    return admin_failed(e);
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  out << "generated " << counts.orgs << " organisations, " << counts.users << " users, "
      << counts.leads << " leads, " << counts.deals << " deals, " << counts.accounts
      << " customer accounts in " << ms << " ms (seed "
      << options.seed << ", password " << kGeneratedPassword << ")\n";
  return {};
}

}  // namespace

AdminResult run_data_command(const AdminArgs& a, std::ostream& out) {
  if (a.command == "backup") {
    AdminResult r = from_sentence(backup_database(a.data_dir, a.get("to")));
    if (r.exit == AdminExit::Ok) out << "backed up to " << a.get("to") << "\n";
    return r;
  }
  if (a.command == "restore") {
    AdminResult r = from_sentence(restore_database(a.data_dir, a.get("from")));
    if (r.exit == AdminExit::Ok) out << "restored from " << a.get("from") << "\n";
    return r;
  }
  if (a.command == "generate") return generate(a, out);
  return admin_usage_error("unknown command");
}

}  // namespace portal::server

#include "admin/admin_args.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace portal::server {
namespace {

struct CommandSpec {
  std::string_view name;
  std::vector<std::string_view> required;
  std::vector<std::string_view> optional;
  std::vector<std::string_view> numeric;  // options whose value must be a whole number
};

const std::vector<CommandSpec>& specs() {
  static const std::vector<CommandSpec> kSpecs = {
      {"create-org", {"name", "kind"}, {"tier", "share-bp", "currency", "licences"},
       {"share-bp", "licences"}},
      {"create-user", {"org", "email", "name", "role"}, {"password"}, {}},
      {"reset-password", {"email"}, {"password"}, {}},
      {"invite", {"org", "email", "name", "role"}, {"public-url"}, {}},
      {"list-orgs", {}, {}, {}},
      {"list-users", {}, {"org"}, {}},
      {"backup", {"to"}, {}, {}},
      {"restore", {"from"}, {}, {}},
      {"generate", {"partners"}, {"seed"}, {"partners", "seed"}},
      {"audit", {}, {"org", "limit"}, {"limit"}},
  };
  return kSpecs;
}

bool is_whole_number(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  return !s.empty() && s.size() <= 18 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool contains(const std::vector<std::string_view>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

std::string admin_usage() {
  return "Usage: portal-admin COMMAND [options] [--data DIR]\n"
         "\n"
         "Administers a Partner Portal database (<DIR>/portal.db, default ./data).\n"
         "\n"
         "Commands:\n"
         "  create-org --name N --kind partner|vendor [--tier T] [--share-bp N]\n"
         "             [--currency EUR] [--licences N]\n"
         "  create-user --org ORG_ID_OR_NAME --email E --name N --role ROLE [--password P]\n"
         "             ROLE: vendor_admin, partner_manager, support_staff, partner_admin,\n"
         "             partner_user, kiosk. Without --password the first line of stdin is used.\n"
         "  reset-password --email E [--password P]   (else the first line of stdin)\n"
         "  invite --org ORG_ID_OR_NAME --email E --name N --role ROLE [--public-url URL]\n"
         "             queues the invitation mail with its one-time link (URL/#/invite/...;\n"
         "             default http://127.0.0.1:8080); the running server's mailer sends it\n"
         "  list-orgs\n"
         "  list-users [--org ORG_ID_OR_NAME]\n"
         "  backup --to FILE        online copy, safe while the server runs\n"
         "  restore --from FILE     only while no server uses the database; the previous\n"
         "                          one is kept as portal.db.before-restore\n"
         "  generate --partners N [--seed S]   a large demo program, into an empty database\n"
         "  audit [--org ORG_ID_OR_NAME] [--limit N]   the audit trail, newest first\n"
         "\n"
         "Exit codes: 0 done, 1 refused or failed (one line on stderr says why), 2 usage.\n";
}

ParsedAdminArgs parse_admin_args(int argc, char** argv) {
  AdminArgs a;
  std::vector<std::string> rest;
  for (int i = 1; i < argc; ++i) rest.emplace_back(argv[i]);
  if (rest.empty()) return {std::nullopt, "no command given"};
  if (rest[0] == "--help" || rest[0] == "-h" || rest[0] == "help") {
    a.help = true;
    return {a, {}};
  }
  a.command = rest[0];
  auto spec = std::find_if(specs().begin(), specs().end(),
                           [&](const CommandSpec& s) { return s.name == a.command; });
  if (spec == specs().end()) return {std::nullopt, "unknown command \"" + a.command + "\""};

  for (size_t i = 1; i < rest.size(); ++i) {
    std::string arg = rest[i];
    if (arg == "--help" || arg == "-h") {
      a.help = true;
      continue;
    }
    if (!arg.starts_with("--")) return {std::nullopt, "unexpected argument \"" + arg + "\""};
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < rest.size()) {
      value = rest[++i];
    }
    const bool known = name == "data" || contains(spec->required, name) ||
                       contains(spec->optional, name);
    if (!known) return {std::nullopt, "unknown option --" + name + " for " + a.command};
    if (!value || value->empty()) return {std::nullopt, "--" + name + " needs a value"};
    if (contains(spec->numeric, name) && !is_whole_number(*value)) {
      return {std::nullopt, "--" + name + " must be a whole number, not \"" + *value + "\""};
    }
    if (name == "data") {
      a.data_dir = *value;
    } else if (!a.values.emplace(name, *value).second) {
      return {std::nullopt, "--" + name + " is given twice"};
    }
  }
  if (a.help) return {a, {}};
  for (std::string_view r : spec->required) {
    if (!a.has(std::string(r))) {
      return {std::nullopt, a.command + " needs --" + std::string(r)};
    }
  }
  return {a, {}};
}

}  // namespace portal::server

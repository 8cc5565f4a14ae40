// The command line of portal-admin: a subcommand and its --options. Only the shape is checked
// here (known subcommand, known options, values present, numbers numeric); what the values mean
// is checked by the commands with the portal's rules.
#pragma once
#include <map>
#include <optional>
#include <string>

namespace portal::server {

struct AdminArgs {
  std::string command;                        // "create-org", "backup", ...
  std::map<std::string, std::string> values;  // option name without "--" -> value
  std::string data_dir = "./data";
  bool help = false;

  bool has(const std::string& name) const { return values.count(name) > 0; }
  std::string get(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() ? std::string() : it->second;
  }
};

struct ParsedAdminArgs {
  std::optional<AdminArgs> args;
  std::string error;  // set when args is empty: one sentence, shown before the usage
};

ParsedAdminArgs parse_admin_args(int argc, char** argv);
std::string admin_usage();

}  // namespace portal::server

// Reads the "program" part of the demo file (assets/demo/demo.json): partner types and levels,
// parameter categories, trainings and certifications, and per partner its partnership with its
// history, training progress, certificates, MDF ledger and marketing activities. Rows name
// organisations by their demo key and users by e-mail; see assets/demo/README.md.
#pragma once
#include <map>
#include <string>
#include <variant>

#include "portal/protocol/frames.h"
#include "store/store.h"

namespace portal::server {

struct DemoRefs {
  const std::map<std::string, Id>& org_ids;   // demo key -> id
  const std::map<std::string, Id>& user_ids;  // e-mail -> id
  const std::vector<Organisation>& orgs;
};

// The program rows, or a sentence saying what is wrong in the file.
std::variant<ProgramSeed, std::string> read_demo_program(const Json& program, const DemoRefs& refs);

}  // namespace portal::server

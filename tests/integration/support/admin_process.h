// Runs the portal-admin binary under test to completion, with text on its stdin, and hands
// back its exit code and output.
#pragma once
#include <string>
#include <vector>

namespace portal::testing {

struct ProgramRun {
  int exit_code = -1;  // -1 when it did not finish in time (it is then killed)
  std::string out;
  std::string err;
};

std::string admin_binary();
// The folder of test fixtures (tests/integration/fixtures in the source tree).
std::string fixtures_dir();

ProgramRun run_admin(const std::vector<std::string>& args, const std::string& stdin_text = "");

}  // namespace portal::testing

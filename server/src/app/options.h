// The command line of portal-server.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace portal::server {

struct Options {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;                     // 0 = let the system pick a free port
  std::string data_dir = "./data";          // holds portal.db
  std::string public_dir = "./build/wasm/public";
  bool demo = false;                        // seed the demo program into a new database
  std::string demo_file;                    // empty = look in the usual places
  int32_t demo_partners = 0;                // > 0: seed a generated program of N partners
  int32_t demo_accounts = 0;                // > 0: the first partner gets N customer accounts
  std::vector<std::string> allow_origins;   // extra WebSocket origins to accept
  unsigned threads = 0;                     // I/O threads; 0 = one per core
  // Mail (docs/architecture.md "Mailer"): without --smtp, mails are written as .eml files
  // into <data dir>/mail/ (the development default).
  std::string smtp_host;                    // empty = write .eml files
  uint16_t smtp_port = 25;
  std::string mail_from = "portal@localhost";
  std::string public_url;                   // links in mails; empty = http://<host>:<port>
  int64_t digest_delay = 600;               // seconds an offline member's unread messages wait
  int64_t login_deadline = 120;             // seconds a connection may stay without a user
  int64_t session_check = 30;               // seconds between checks for sessions ended in the
                                            // store (expired, or a password reset)
  bool help = false;
};

struct ParsedOptions {
  std::optional<Options> options;
  std::string error;  // set when options is empty
};

ParsedOptions parse_options(int argc, char** argv);
std::string usage(const char* program);

}  // namespace portal::server

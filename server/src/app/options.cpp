#include "app/options.h"

#include <charconv>
#include <string_view>

namespace portal::server {
namespace {

bool parse_uint(std::string_view s, unsigned long max, unsigned long& out) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && out <= max;
}

}  // namespace

std::string usage(const char* program) {
  return std::string("Usage: ") + program +
         " [options]\n"
         "\n"
         "Serves the Partner Portal web app and its WebSocket API.\n"
         "\n"
         "Options:\n"
         "  --host HOST          address to listen on (default 127.0.0.1)\n"
         "  --port PORT          port to listen on; 0 picks a free one (default 8080)\n"
         "  --data DIR           folder for portal.db, created if missing (default ./data)\n"
         "  --public DIR         folder with index.html, app.js, app.wasm\n"
         "                       (default ./build/wasm/public)\n"
         "  --demo               seed the demo program when the database is new\n"
         "  --demo-file FILE     demo data to seed (default: assets/demo/demo.json, found\n"
         "                       next to the executable or in the source tree)\n"
         "  --demo-partners N    seed a generated program of N partners (same seed, same\n"
         "                       data) instead of the demo file, when the database is new\n"
         "  --demo-accounts N    give the first demo partner N generated customer accounts\n"
         "                       (with --demo or --demo-partners; for the 10,000-row figure)\n"
         "  --allow-origin URL   also accept WebSocket connections from this origin\n"
         "                       (e.g. http://localhost:5173); may be repeated\n"
         "  --threads N          I/O threads (default: one per core)\n"
         "  --smtp HOST:PORT     deliver mail to this SMTP relay (no TLS, no AUTH: a local\n"
         "                       MTA); without it every mail is written as an .eml file into\n"
         "                       <data dir>/mail/ (for development)\n"
         "  --mail-from ADDR     the sender of the portal's mails (default portal@localhost)\n"
         "  --public-url URL     the portal's address in mailed links\n"
         "                       (default http://HOST:PORT/ of this server)\n"
         "  --mail-digest-delay S  seconds an offline member's unread messages wait before\n"
         "                       one digest mail goes out (default 600)\n"
         "  --login-deadline S   close a connection that has not logged in after S seconds\n"
         "                       (default 120)\n"
         "  --session-check S    every S seconds, close the connections of sessions that\n"
         "                       ended in the database (expired, password reset; default 30)\n"
         "  --help               show this text\n";
}

ParsedOptions parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::string_view name = arg;
    std::optional<std::string_view> inline_value;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
    }
    auto value = [&]() -> std::optional<std::string> {
      if (inline_value) return std::string(*inline_value);
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    auto missing = [&] { return ParsedOptions{std::nullopt, std::string(name) + " needs a value"}; };

    if (name == "--help" || name == "-h") {
      o.help = true;
    } else if (name == "--demo") {
      o.demo = true;
    } else if (name == "--host") {
      auto v = value();
      if (!v || v->empty()) return missing();
      o.host = *v;
    } else if (name == "--port") {
      auto v = value();
      if (!v) return missing();
      unsigned long port = 0;
      if (!parse_uint(*v, 65535, port)) {
        return {std::nullopt, "--port must be a number from 0 to 65535, not \"" + *v + "\""};
      }
      o.port = static_cast<uint16_t>(port);
    } else if (name == "--data") {
      auto v = value();
      if (!v || v->empty()) return missing();
      o.data_dir = *v;
    } else if (name == "--public") {
      auto v = value();
      if (!v || v->empty()) return missing();
      o.public_dir = *v;
    } else if (name == "--demo-file") {
      auto v = value();
      if (!v || v->empty()) return missing();
      o.demo_file = *v;
    } else if (name == "--demo-partners") {
      auto v = value();
      if (!v) return missing();
      unsigned long n = 0;
      if (!parse_uint(*v, 1'000'000, n) || n == 0) {
        return {std::nullopt, "--demo-partners must be a number from 1 to 1000000"};
      }
      o.demo_partners = static_cast<int32_t>(n);
    } else if (name == "--demo-accounts") {
      auto v = value();
      if (!v) return missing();
      unsigned long n = 0;
      if (!parse_uint(*v, 200'000, n) || n == 0) {
        return {std::nullopt, "--demo-accounts must be a number from 1 to 200000"};
      }
      o.demo_accounts = static_cast<int32_t>(n);
    } else if (name == "--allow-origin") {
      auto v = value();
      if (!v || v->empty()) return missing();
      o.allow_origins.push_back(*v);
    } else if (name == "--threads") {
      auto v = value();
      if (!v) return missing();
      unsigned long n = 0;
      if (!parse_uint(*v, 256, n) || n == 0) {
        return {std::nullopt, "--threads must be a number from 1 to 256"};
      }
      o.threads = static_cast<unsigned>(n);
    } else if (name == "--smtp") {
      auto v = value();
      if (!v || v->empty()) return missing();
      const size_t colon = v->rfind(':');
      unsigned long port = 0;
      if (colon == std::string::npos || colon == 0 ||
          !parse_uint(std::string_view(*v).substr(colon + 1), 65535, port) || port == 0) {
        return {std::nullopt, "--smtp must be HOST:PORT, such as localhost:25, not \"" + *v + "\""};
      }
      o.smtp_host = v->substr(0, colon);
      if (o.smtp_host.size() > 2 && o.smtp_host.front() == '[' && o.smtp_host.back() == ']')
        o.smtp_host = o.smtp_host.substr(1, o.smtp_host.size() - 2);
      o.smtp_port = static_cast<uint16_t>(port);
    } else if (name == "--mail-from") {
      auto v = value();
      if (!v || v->empty()) return missing();
      if (v->find('@') == std::string::npos || v->find_first_of(" <>\r\n") != std::string::npos)
        return {std::nullopt, "--mail-from must be an address such as portal@example.com"};
      o.mail_from = *v;
    } else if (name == "--public-url") {
      auto v = value();
      if (!v || v->empty()) return missing();
      if (!v->starts_with("http://") && !v->starts_with("https://"))
        return {std::nullopt, "--public-url must start with http:// or https://"};
      while (v->ends_with("/")) v->pop_back();
      o.public_url = *v;
    } else if (name == "--mail-digest-delay") {
      auto v = value();
      if (!v) return missing();
      unsigned long n = 0;
      if (!parse_uint(*v, 7 * 24 * 3600, n)) {
        return {std::nullopt, "--mail-digest-delay must be a number of seconds up to 604800"};
      }
      o.digest_delay = static_cast<int64_t>(n);
    } else if (name == "--login-deadline" || name == "--session-check") {
      auto v = value();
      if (!v) return missing();
      unsigned long n = 0;
      if (!parse_uint(*v, 24 * 3600, n) || n == 0) {
        return {std::nullopt, std::string(name) + " must be a number of seconds from 1 to 86400"};
      }
      (name == "--login-deadline" ? o.login_deadline : o.session_check) = static_cast<int64_t>(n);
    } else {
      return {std::nullopt, "unknown option \"" + std::string(arg) + "\""};
    }
  }
  return {o, {}};
}

}  // namespace portal::server

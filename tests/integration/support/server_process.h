// Starts the real portal-server binary as a child process for a test, and stops it again.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace portal::testing {

// A fresh folder under /tmp, removed with everything in it when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The path of the portal-server binary under test (from the build).
std::string server_binary();

// Runs portal-server with `args` to completion (for start-up failures); returns its exit code,
// and its stderr in `err` when given.
int run_server_to_exit(const std::vector<std::string>& args, std::string* err = nullptr,
                       std::chrono::seconds timeout = std::chrono::seconds(20));

class ServerProcess {
 public:
  // Starts `portal-server --port 0 --data <data_dir> --public <public_dir> --demo <extra...>`
  // (with `env`, "NAME=value", added to its environment) and waits for its "listening on"
  // line. Throws std::runtime_error when it does not start.
  ServerProcess(const std::filesystem::path& data_dir, const std::filesystem::path& public_dir,
                std::vector<std::string> extra_args = {}, std::vector<std::string> env = {});
  // Kills the server if it is still running.
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends SIGTERM and waits for the exit; returns the exit code, or -1 when it had to be
  // killed because it did not stop within `timeout`.
  int terminate(std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  uint16_t port_ = 0;
};

// Writes a minimal public folder: index.html, app.js (+ .gz), app.wasm, style.css.
void write_public_dir(const std::filesystem::path& dir);
// What index.html contains, to recognise it in responses.
inline constexpr const char* kIndexMarker = "<!-- partner-portal test index -->";

}  // namespace portal::testing

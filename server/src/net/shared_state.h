// What every network session shares: the configuration, the application service, the static
// files, a way to run blocking work off the I/O threads, and the list of live WebSocket
// sessions (so shutdown can say goodbye to each). Like Beast's chat example, the list holds raw
// pointers under a mutex; a session adds itself when it starts and removes itself when it dies.
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "net/static_files.h"

namespace portal::server {

class PortalService;
class FileAccess;

// A live session that shutdown must end politely.
class Closable {
 public:
  virtual ~Closable() = default;
  // Sends a goodbye with `reason` (a bye frame's reason) and closes; safe from any thread.
  virtual void shutdown(std::string reason) = 0;
};

class SharedState {
 public:
  using Work = std::function<void()>;

  SharedState(PortalService& service, StaticFiles files, std::vector<std::string> allow_origins,
              std::function<void(Work)> run_blocking)
      : service_(service),
        files_(std::move(files)),
        allow_origins_(std::move(allow_origins)),
        run_blocking_(std::move(run_blocking)) {}

  PortalService& service() { return service_; }
  const StaticFiles& files() const { return files_; }
  // Runs `work` on the worker pool: for anything that may block (SQLite, password hashing).
  void run_blocking(Work work) { run_blocking_(std::move(work)); }

  // The HTTP file endpoints' application side (net/uploads.h); null until set.
  FileAccess* file_access() const { return file_access_; }
  void set_file_access(FileAccess* files) { file_access_ = files; }

  // How long a WebSocket connection may stay without a user before it is closed.
  std::chrono::seconds login_deadline() const { return login_deadline_; }
  void set_login_deadline(std::chrono::seconds s) { login_deadline_ = s; }

  // A browser's Origin must name the host it connected to, or one of --allow-origin.
  bool origin_allowed(std::string_view origin, std::string_view host) const;

  // Registers a session; refused (false) once shutdown has begun.
  bool join(Closable* session, std::weak_ptr<Closable> handle);
  void leave(Closable* session);
  size_t session_count() const;
  // Stops taking sessions and asks every live one to shut down.
  void shutdown_all();
  // Asks every live session to close with `reason` while new ones are still taken (after a
  // storage failure: the clients reconnect and catch up).
  void close_all(const std::string& reason);

 private:
  void close_sessions(const std::string& reason, bool stop_taking);

  PortalService& service_;
  StaticFiles files_;
  std::vector<std::string> allow_origins_;
  std::function<void(Work)> run_blocking_;
  FileAccess* file_access_ = nullptr;
  std::chrono::seconds login_deadline_{120};

  mutable std::mutex mutex_;
  bool shutting_down_ = false;
  std::unordered_map<Closable*, std::weak_ptr<Closable>> sessions_;
};

}  // namespace portal::server

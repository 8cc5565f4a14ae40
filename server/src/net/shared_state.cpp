#include "net/shared_state.h"

#include <algorithm>
#include <cctype>

namespace portal::server {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

bool SharedState::origin_allowed(std::string_view origin, std::string_view host) const {
  for (const auto& allowed : allow_origins_) {
    if (iequals(origin, allowed)) return true;
  }
  if (host.empty()) return false;
  const std::string h(host);
  return iequals(origin, "http://" + h) || iequals(origin, "https://" + h);
}

bool SharedState::join(Closable* session, std::weak_ptr<Closable> handle) {
  std::lock_guard lock(mutex_);
  if (shutting_down_) return false;
  sessions_.emplace(session, std::move(handle));
  return true;
}

void SharedState::leave(Closable* session) {
  std::lock_guard lock(mutex_);
  sessions_.erase(session);
}

size_t SharedState::session_count() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

void SharedState::shutdown_all() {
  close_sessions("server_shutdown", true);
}

void SharedState::close_all(const std::string& reason) {
  close_sessions(reason, false);
}

void SharedState::close_sessions(const std::string& reason, bool stop_taking) {
  // Take strong references under the lock, call out without it: shutdown() may end a session,
  // whose destructor calls leave() and needs the lock.
  std::vector<std::shared_ptr<Closable>> live;
  {
    std::lock_guard lock(mutex_);
    if (stop_taking) shutting_down_ = true;
    for (auto& [raw, weak] : sessions_) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& s : live) s->shutdown(reason);
}

}  // namespace portal::server

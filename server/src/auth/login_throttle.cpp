#include "auth/login_throttle.h"

#include <cctype>

namespace portal::server {

std::string LoginThrottle::key(std::string_view email) {
  // E-mails are matched without regard to ASCII case, like the users table does.
  std::string k(email);
  for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return k;
}

void LoginThrottle::forget_old(std::deque<Clock::time_point>& times, Clock::time_point now) {
  while (!times.empty() && now - times.front() >= window_) times.pop_front();
}

bool LoginThrottle::blocked(std::string_view email) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(key(email));
  if (it == failures_.end()) return false;
  forget_old(it->second, Clock::now());
  if (it->second.empty()) {
    failures_.erase(it);
    return false;
  }
  return static_cast<int>(it->second.size()) >= max_failures_;
}

void LoginThrottle::record_failure(std::string_view email) {
  std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  // Bound the table: an attacker cycling through made-up e-mails must not grow it forever.
  if (failures_.size() > 100'000) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      forget_old(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
  }
  auto& times = failures_[key(email)];
  forget_old(times, now);
  times.push_back(now);
  while (static_cast<int>(times.size()) > max_failures_) times.pop_front();
}

void LoginThrottle::record_success(std::string_view email) {
  std::lock_guard lock(mutex_);
  failures_.erase(key(email));
}

}  // namespace portal::server

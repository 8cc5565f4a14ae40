// A simple brake on password guessing: after too many failed log-ins for one e-mail within a
// window, further attempts for it are refused until the window has passed. Kept in memory: a
// restart forgets it, which is acceptable for a brake (not an audit log).
#pragma once
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace portal::server {

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  LoginThrottle(int max_failures = 5, Clock::duration window = std::chrono::minutes(5))
      : max_failures_(max_failures), window_(window) {}

  // True when the e-mail has used up its failed attempts for now.
  bool blocked(std::string_view email);
  void record_failure(std::string_view email);
  // A successful log-in clears the e-mail's failures.
  void record_success(std::string_view email);

 private:
  static std::string key(std::string_view email);
  void forget_old(std::deque<Clock::time_point>& times, Clock::time_point now);

  const int max_failures_;
  const Clock::duration window_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> failures_;
};

}  // namespace portal::server

// The brakes on password guessing, kept in memory (a restart forgets them, which is acceptable
// for a brake, not an audit log). A lock per account would let anyone lock anyone out by
// sending five wrong passwords, so the hard limits are per (account, address) and per address,
// and the owner still gets in from anywhere else; against slow guessing spread over many
// addresses, an account's checks are instead spaced out by a delay that grows with its recent
// failures, so the right password still gets in, a little later.
#pragma once
#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace portal::server {

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  struct Limits {
    int pair_failures = 5;       // failed log-ins for one account from one address ...
    int address_failures = 30;   // ... or for any account from one address ...
    Clock::duration window = std::chrono::minutes(15);  // ... within this window: refused
    int account_free_failures = 10;  // failures of an account (any address) before the delay
    Clock::duration first_delay = std::chrono::seconds(1);  // then doubles per failure ...
    Clock::duration max_delay = std::chrono::seconds(30);   // ... up to this
  };

  // What to do with a log-in attempt.
  struct Verdict {
    enum class Kind { kProceed, kAccountFromAddress, kAddress } kind = Kind::kProceed;
    Clock::time_point not_before{};  // kProceed: when its password check may start
  };

  LoginThrottle() : LoginThrottle(Limits{}) {}
  explicit LoginThrottle(Limits limits) : limits_(limits) {}

  // Decides on an attempt for `email` from `address` at `now`; a kProceed reserves the
  // account's next check slot.
  Verdict check(std::string_view email, const std::string& address, Clock::time_point now);
  void record_failure(std::string_view email, const std::string& address, Clock::time_point now);
  // A successful log-in clears the failures of the account, from that address and overall.
  void record_success(std::string_view email, const std::string& address);

 private:
  struct Account {
    std::deque<Clock::time_point> failures;  // from any address, within the window
    Clock::time_point next_check{};          // the spaced-out slot for the next check
  };
  static std::string key(std::string_view email);
  void forget_old(std::deque<Clock::time_point>& times, Clock::time_point now) const;
  // Drops entries with nothing left in the window once a table grows past its bound, so an
  // attacker cycling through made-up e-mails or addresses cannot grow memory for ever.
  template <class Map, class Empty>
  void bound(Map& map, Clock::time_point now, Empty is_empty);
  Clock::duration delay_after(std::size_t failures) const;

  const Limits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> pairs_;      // email \n address
  std::unordered_map<std::string, std::deque<Clock::time_point>> addresses_;
  std::unordered_map<std::string, Account> accounts_;
};

}  // namespace portal::server

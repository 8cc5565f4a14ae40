#include "auth/login_throttle.h"

#include <algorithm>
#include <cctype>

namespace portal::server {
namespace {

constexpr std::size_t kMaxEntries = 100'000;  // per table, before old entries are swept

std::string pair_key(const std::string& email_key, const std::string& address) {
  return email_key + '\n' + address;
}

}  // namespace

std::string LoginThrottle::key(std::string_view email) {
  // E-mails are matched without regard to ASCII case, like the users table does.
  std::string k(email);
  for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return k;
}

void LoginThrottle::forget_old(std::deque<Clock::time_point>& times, Clock::time_point now) const {
  while (!times.empty() && now - times.front() >= limits_.window) times.pop_front();
}

template <class Map, class Empty>
void LoginThrottle::bound(Map& map, Clock::time_point now, Empty is_empty) {
  if (map.size() <= kMaxEntries) return;
  for (auto it = map.begin(); it != map.end();)
    it = is_empty(it->second, now) ? map.erase(it) : std::next(it);
}

LoginThrottle::Clock::duration LoginThrottle::delay_after(std::size_t failures) const {
  const auto free = static_cast<std::size_t>(limits_.account_free_failures);
  if (failures < free) return Clock::duration::zero();
  const std::size_t doublings = std::min<std::size_t>(failures - free, 16);
  return std::min(limits_.max_delay, limits_.first_delay * (1 << doublings));
}

LoginThrottle::Verdict LoginThrottle::check(std::string_view email, const std::string& address,
                                            Clock::time_point now) {
  const std::string k = key(email);
  std::lock_guard lock(mutex_);
  auto count = [&](auto& map, const std::string& at) -> std::size_t {
    auto it = map.find(at);
    if (it == map.end()) return 0;
    forget_old(it->second, now);
    return it->second.size();
  };
  if (count(addresses_, address) >= static_cast<std::size_t>(limits_.address_failures))
    return {Verdict::Kind::kAddress, {}};
  if (count(pairs_, pair_key(k, address)) >= static_cast<std::size_t>(limits_.pair_failures))
    return {Verdict::Kind::kAccountFromAddress, {}};
  auto it = accounts_.find(k);
  if (it == accounts_.end()) return {Verdict::Kind::kProceed, now};
  Account& account = it->second;
  forget_old(account.failures, now);
  const Clock::duration delay = delay_after(account.failures.size());
  if (delay == Clock::duration::zero()) return {Verdict::Kind::kProceed, now};
  // Checks of an account under attack are spaced `delay` apart, whoever asks: guessing gets
  // slow, and the owner's right password is still checked in its turn.
  const Clock::time_point start = std::max(now, account.next_check);
  account.next_check = start + delay;
  return {Verdict::Kind::kProceed, start};
}

void LoginThrottle::record_failure(std::string_view email, const std::string& address,
                                   Clock::time_point now) {
  const std::string k = key(email);
  std::lock_guard lock(mutex_);
  auto times_empty = [this](std::deque<Clock::time_point>& t, Clock::time_point at) {
    forget_old(t, at);
    return t.empty();
  };
  bound(pairs_, now, times_empty);
  bound(addresses_, now, times_empty);
  bound(accounts_, now, [&](Account& a, Clock::time_point at) {
    return times_empty(a.failures, at) && a.next_check <= at;
  });
  auto add = [&](std::deque<Clock::time_point>& times, std::size_t keep) {
    forget_old(times, now);
    times.push_back(now);
    while (times.size() > keep) times.pop_front();
  };
  add(pairs_[pair_key(k, address)], static_cast<std::size_t>(limits_.pair_failures));
  add(addresses_[address], static_cast<std::size_t>(limits_.address_failures));
  // The account keeps enough failures to reach the longest delay.
  add(accounts_[k].failures, static_cast<std::size_t>(limits_.account_free_failures) + 17);
}

void LoginThrottle::record_success(std::string_view email, const std::string& address) {
  const std::string k = key(email);
  std::lock_guard lock(mutex_);
  pairs_.erase(pair_key(k, address));
  accounts_.erase(k);
}

}  // namespace portal::server

// The log-in limits: LoginThrottle (who may try, and when) and HashQueue (where the password
// checks wait). Times are given explicitly, so nothing here sleeps to test a window.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "auth/hash_queue.h"
#include "auth/login_throttle.h"

namespace portal::server {
namespace {

using namespace std::chrono_literals;
using Kind = LoginThrottle::Verdict::Kind;

const LoginThrottle::Clock::time_point kT0{std::chrono::hours(1000)};

void fail(LoginThrottle& t, const std::string& email, const std::string& address, int times,
          LoginThrottle::Clock::time_point at = kT0) {
  for (int i = 0; i < times; ++i) t.record_failure(email, address, at);
}

TEST(LoginThrottle, WrongPasswordsFromOneAddressStopThatAddressOnlyForThatAccount) {
  LoginThrottle t;
  fail(t, "maya@x.example", "10.0.0.1", 4);
  EXPECT_EQ(t.check("maya@x.example", "10.0.0.1", kT0).kind, Kind::kProceed);
  fail(t, "maya@x.example", "10.0.0.1", 1);
  EXPECT_EQ(t.check("MAYA@x.example", "10.0.0.1", kT0).kind, Kind::kAccountFromAddress);
  // The owner elsewhere, and other accounts from that address, go on.
  EXPECT_EQ(t.check("maya@x.example", "10.0.0.2", kT0).kind, Kind::kProceed);
  EXPECT_EQ(t.check("leo@x.example", "10.0.0.1", kT0).kind, Kind::kProceed);
  // The window passes.
  EXPECT_EQ(t.check("maya@x.example", "10.0.0.1", kT0 + 15min).kind, Kind::kProceed);
}

TEST(LoginThrottle, AnAddressGuessingAtManyAccountsIsStoppedForAll) {
  LoginThrottle t;
  for (int i = 0; i < 29; ++i) fail(t, "u" + std::to_string(i) + "@x.example", "10.0.0.9", 1);
  EXPECT_EQ(t.check("leo@x.example", "10.0.0.9", kT0).kind, Kind::kProceed);
  fail(t, "u29@x.example", "10.0.0.9", 1);
  EXPECT_EQ(t.check("leo@x.example", "10.0.0.9", kT0).kind, Kind::kAddress);
  EXPECT_EQ(t.check("leo@x.example", "10.0.0.10", kT0).kind, Kind::kProceed);
}

TEST(LoginThrottle, ManyAddressesGuessingOneAccountSlowItsChecksDownButNeverLockIt) {
  LoginThrottle t;
  // Ten failures from ten addresses: none reaches a limit of its own.
  for (int i = 0; i < 10; ++i) fail(t, "dana@x.example", "10.1.0." + std::to_string(i), 1);
  // From now on the account's checks are spaced out: 1 s, then doubling per failure.
  const auto first = t.check("dana@x.example", "10.2.0.1", kT0);
  ASSERT_EQ(first.kind, Kind::kProceed);
  EXPECT_EQ(first.not_before, kT0);
  const auto second = t.check("dana@x.example", "10.2.0.2", kT0);
  EXPECT_EQ(second.not_before, kT0 + 1s);
  fail(t, "dana@x.example", "10.2.0.1", 3);
  // Thirteen failures: the next checks are 8 s apart.
  const auto later = t.check("dana@x.example", "10.2.0.3", kT0);
  EXPECT_EQ(later.kind, Kind::kProceed);  // the owner is checked, in turn
  EXPECT_EQ(later.not_before, kT0 + 2s);
  EXPECT_EQ(t.check("dana@x.example", "10.2.0.3", kT0).not_before, kT0 + 2s + 8s);
  // The delay has a ceiling.
  fail(t, "dana@x.example", "10.3.0.1", 20);
  const auto a = t.check("dana@x.example", "10.2.0.4", kT0 + 1min);
  const auto b = t.check("dana@x.example", "10.2.0.5", kT0 + 1min);
  EXPECT_EQ(a.not_before, kT0 + 1min);
  EXPECT_EQ(b.not_before - a.not_before, 30s);
  // A success clears the account.
  t.record_success("dana@x.example", "10.2.0.4");
  EXPECT_EQ(t.check("dana@x.example", "10.2.0.6", kT0 + 2h).not_before, kT0 + 2h);
}

TEST(HashQueue, RefusesBeyondItsCapacityAndAnAddressBeyondItsShare) {
  HashQueue q(HashQueue::Limits{1, 4, 2});
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  auto blocked = [gate] { gate.wait(); };
  const auto now = HashQueue::Clock::now();
  EXPECT_EQ(q.submit("a", now, blocked), HashQueue::Admission::kQueued);
  EXPECT_EQ(q.submit("a", now, blocked), HashQueue::Admission::kQueued);
  EXPECT_EQ(q.submit("a", now, blocked), HashQueue::Admission::kAddressBusy);
  EXPECT_EQ(q.submit("b", now, blocked), HashQueue::Admission::kQueued);
  EXPECT_EQ(q.submit("c", now, blocked), HashQueue::Admission::kQueued);
  EXPECT_EQ(q.submit("d", now, blocked), HashQueue::Admission::kFull);
  release.set_value();
  q.stop();
  EXPECT_EQ(q.submit("e", now, [] {}), HashQueue::Admission::kFull);
}

TEST(HashQueue, AHeldJobDoesNotHoldUpTheOnesThatMayStart) {
  HashQueue q(HashQueue::Limits{1, 8, 8});
  std::mutex m;
  std::vector<std::string> order;
  std::promise<void> both;
  std::atomic<int> left{2};
  auto job = [&](std::string name) {
    return [&, name] {
      {
        std::lock_guard lock(m);
        order.push_back(name);
      }
      if (--left == 0) both.set_value();
    };
  };
  const auto now = HashQueue::Clock::now();
  ASSERT_EQ(q.submit("a", now + 300ms, job("held")), HashQueue::Admission::kQueued);
  ASSERT_EQ(q.submit("b", now, job("ready")), HashQueue::Admission::kQueued);
  ASSERT_EQ(both.get_future().wait_for(5s), std::future_status::ready);
  EXPECT_EQ(order, (std::vector<std::string>{"ready", "held"}));
  EXPECT_GE(HashQueue::Clock::now(), now + 300ms);
}

TEST(HashQueue, StopDropsWhatHasNotStarted) {
  auto ran = std::make_shared<std::atomic<int>>(0);
  auto alive = std::make_shared<int>(1);
  {
    HashQueue q(HashQueue::Limits{1, 8, 8});
    const auto later = HashQueue::Clock::now() + 1h;
    ASSERT_EQ(q.submit("a", later, [ran, alive] { ++*ran; }), HashQueue::Admission::kQueued);
    EXPECT_EQ(q.size(), 1u);
    q.stop();
    // What the dropped job held is released by stop(), not kept until the queue goes.
    EXPECT_EQ(alive.use_count(), 1);
  }
  EXPECT_EQ(*ran, 0);
}

}  // namespace
}  // namespace portal::server

// Where log-ins wait for their password check. An argon2id verification takes ~0.1 s of a core
// and 64 MiB; run on the worker pool, a flood of log-ins for made-up e-mails held every signed-in
// user's pings and commands behind it (p50 ping 1 ms -> 1.3 s). Here the checks run on threads of
// their own, at a lower CPU priority than the rest of the server, from a bounded queue: a log-in
// that would overflow it, or take more than one address's share of it, is refused at once
// instead of waiting. A job may also be held until a time (the growing delay of an account that
// is being guessed at, auth/login_throttle.h) without holding a thread meanwhile. Addresses are
// served in turn, so an office's burst or an attacker's does not push back everyone else.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace portal::server {

class HashQueue {
 public:
  using Clock = std::chrono::steady_clock;
  using Work = std::function<void()>;

  struct Limits {
    int threads = 2;               // checks running at once
    std::size_t capacity = 64;     // log-ins waiting or running, from everyone
    std::size_t per_address = 16;  // ... from one address (a whole office behind one NAT)
  };
  enum class Admission { kQueued, kFull, kAddressBusy };

  explicit HashQueue(Limits limits);
  ~HashQueue();
  HashQueue(const HashQueue&) = delete;
  HashQueue& operator=(const HashQueue&) = delete;

  // Queues `work` for a hashing thread, to start no earlier than `not_before`; refused (and not
  // run) when the queue or the address's share of it is full, or the queue has stopped.
  Admission submit(const std::string& address, Clock::time_point not_before, Work work);
  // Lets running work finish, drops what has not started and joins the threads. Idempotent.
  void stop();
  // Log-ins waiting or running now (for tests and figures).
  std::size_t size() const;

 private:
  struct Job {
    std::string address;
    Work work;
  };
  void run();

  const Limits limits_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;
  std::uint64_t next_order_ = 0;
  // Fair between addresses: ordered by how many of its address's log-ins were ahead of it when
  // it came, then by arrival, so one address's burst does not go before everyone else's first
  // log-in. The first job in that order whose start time has come runs next.
  struct Key {
    std::size_t rank;
    std::uint64_t order;
    bool operator<(const Key& o) const { return rank != o.rank ? rank < o.rank : order < o.order; }
  };
  struct Waiting {
    Clock::time_point not_before;
    Job job;
  };
  std::map<Key, Waiting> waiting_;
  std::size_t running_ = 0;
  std::unordered_map<std::string, std::size_t> per_address_;  // waiting or running
  std::vector<std::thread> threads_;
};

}  // namespace portal::server

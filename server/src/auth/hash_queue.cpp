#include "auth/hash_queue.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <exception>

#include "app/thread_name.h"

namespace portal::server {

HashQueue::HashQueue(Limits limits) : limits_(limits) {
  for (int i = 0; i < limits_.threads; ++i) threads_.emplace_back([this] { run(); });
}

HashQueue::~HashQueue() { stop(); }

HashQueue::Admission HashQueue::submit(const std::string& address, Clock::time_point not_before,
                                       Work work) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || waiting_.size() + running_ >= limits_.capacity) return Admission::kFull;
    std::size_t& mine = per_address_[address];
    if (mine >= limits_.per_address) return Admission::kAddressBusy;
    waiting_.emplace(Key{mine, next_order_++}, Waiting{not_before, Job{address, std::move(work)}});
    ++mine;
  }
  changed_.notify_one();
  return Admission::kQueued;
}

void HashQueue::stop() {
  std::vector<std::thread> threads;
  std::map<Key, Waiting> dropped;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    threads.swap(threads_);
    dropped.swap(waiting_);
  }
  changed_.notify_all();
  for (auto& t : threads) t.join();
  // `dropped` goes here, on the stopping thread: its jobs may hold connections, which the
  // caller closes while their I/O context still exists.
}

std::size_t HashQueue::size() const {
  std::lock_guard lock(mutex_);
  return waiting_.size() + running_;
}

void HashQueue::run() {
  name_this_thread("portal-hash");
  // Below the I/O and worker threads: on a busy machine a signed-in user's ping is answered
  // before a stranger's password is checked. (On Linux a thread has a nice value of its own.)
  setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
  std::unique_lock lock(mutex_);
  for (;;) {
    if (stopping_) return;
    if (waiting_.empty()) {
      changed_.wait(lock);
      continue;
    }
    // The queue is short (its capacity): a scan for the first job that may start is cheap.
    const Clock::time_point now = Clock::now();
    auto next = waiting_.end();
    Clock::time_point soonest = Clock::time_point::max();
    for (auto it = waiting_.begin(); it != waiting_.end(); ++it) {
      if (it->second.not_before <= now) {
        next = it;
        break;
      }
      soonest = std::min(soonest, it->second.not_before);
    }
    if (next == waiting_.end()) {
      changed_.wait_until(lock, soonest);
      continue;
    }
    Job job = std::move(next->second.job);
    waiting_.erase(next);
    ++running_;
    lock.unlock();
    try {
      job.work();
    } catch (const std::exception& e) {
      // The work answers its own failures; this only keeps the thread alive.
      std::fprintf(stderr, "portal-server: log-in check failed: %s\n", e.what());
    }
    job.work = nullptr;  // its captures (a connection) go before the lock is taken again
    lock.lock();
    --running_;
    if (auto it = per_address_.find(job.address); it != per_address_.end() && --it->second == 0)
      per_address_.erase(it);
  }
}

}  // namespace portal::server

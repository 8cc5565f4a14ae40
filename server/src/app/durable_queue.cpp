#include "app/durable_queue.h"

#include <cstdio>

#include "app/connection.h"

namespace portal::server {

DurableQueue::DurableQueue(std::function<void()> sync)
    : sync_(std::move(sync)), thread_([this] { run(); }) {}

void DurableQueue::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  stopped_ = true;
  queued_.clear();  // arrived after the thread's last look: nobody is left to answer
}

void DurableQueue::after_sync(std::function<void()> fn) {
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;  // no thread left to run it
    queued_.push_back(std::move(fn));
  }
  wake_.notify_one();
}

DurableQueue::Stats DurableQueue::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void DurableQueue::run() {
  std::vector<std::function<void()>> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queued_.empty(); });
      if (queued_.empty()) return;  // stopping, nothing left
      batch.swap(queued_);
    }
    // Everything in `batch` was queued after its commit, so this sync covers all of it.
    try {
      sync_();
    } catch (const std::exception& e) {
      // Nothing that is not on disk may be acknowledged. The senders get no ack and resend;
      // their commands are recorded, so the resend is answered once a sync succeeds.
      std::fprintf(stderr, "portal-server: could not make commits durable: %s\n", e.what());
      batch.clear();
      continue;
    }
    {
      std::lock_guard lock(mutex_);
      ++stats_.syncs;
      stats_.covered += batch.size();
    }
    // What the batch sends (acks, events) leaves at its end, one write per connection.
    SendBatch sends;
    for (auto& fn : batch) {
      try {
        fn();
      } catch (const std::exception& e) {
        std::fprintf(stderr, "portal-server: after-sync work failed: %s\n", e.what());
      }
    }
    batch.clear();
  }
}

}  // namespace portal::server

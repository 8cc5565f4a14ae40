#include "app/durable_queue.h"

#include <cstdio>

#include "app/connection.h"
#include "app/thread_name.h"

namespace portal::server {

DurableQueue::DurableQueue(std::function<void()> sync)
    : sync_(std::move(sync)),
      delivery_thread_([this] { run_deliveries(); }),
      sync_thread_([this] { run_syncs(); }) {}

void DurableQueue::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_sync_.notify_one();
  if (sync_thread_.joinable()) sync_thread_.join();
  {
    std::lock_guard lock(mutex_);
    syncs_done_ = true;
  }
  wake_delivery_.notify_one();
  if (delivery_thread_.joinable()) delivery_thread_.join();
  std::lock_guard lock(mutex_);
  stopped_ = true;
  queued_.clear();  // arrived after the sync thread's last look: nobody is left to answer
}

void DurableQueue::after_sync(std::function<void()> fn) {
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;  // no thread left to run it
    queued_.push_back(std::move(fn));
  }
  wake_sync_.notify_one();
}

void DurableQueue::on_failure(std::function<void()> fn) {
  std::lock_guard lock(mutex_);
  on_failure_ = std::move(fn);
}

DurableQueue::Stats DurableQueue::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void DurableQueue::run_syncs() {
  name_this_thread("portal-sync");
  Batch batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_sync_.wait(lock, [&] { return stopping_ || !queued_.empty(); });
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
      std::function<void()> failed;
      {
        std::lock_guard lock(mutex_);
        failed = on_failure_;
      }
      if (failed) failed();
      continue;
    }
    {
      std::lock_guard lock(mutex_);
      ++stats_.syncs;
      stats_.covered += batch.size();
      durable_.push_back(std::move(batch));
    }
    batch = Batch();
    wake_delivery_.notify_one();
  }
}

void DurableQueue::run_deliveries() {
  name_this_thread("portal-deliver");
  std::deque<Batch> ready;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_delivery_.wait(lock, [&] { return syncs_done_ || !durable_.empty(); });
      if (durable_.empty()) return;  // the sync thread has ended and everything ran
      ready.swap(durable_);
    }
    // What the batches send (acks, events) leaves at their end, one write per connection.
    SendBatch sends;
    for (Batch& batch : ready) {
      for (auto& fn : batch) {
        try {
          fn();
        } catch (const std::exception& e) {
          std::fprintf(stderr, "portal-server: after-sync work failed: %s\n", e.what());
        }
      }
    }
    ready.clear();
  }
}

}  // namespace portal::server

// Group commit for acknowledgements. Commands commit without waiting for the disk; whatever
// they must only do once their data is durable (ack the sender, publish the events) is queued
// here. One thread makes everything committed so far durable with a single sync and hands what
// was queued before it to a second thread, which runs it in order: one fsync covers every
// command that committed meanwhile, so the disk no longer bounds how many commands per second
// the server acknowledges, and the next sync overlaps the sending of the last batch's frames.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace portal::server {

class DurableQueue {
 public:
  // `sync` makes every transaction committed before the call durable; it throws on failure.
  explicit DurableQueue(std::function<void()> sync);
  // Runs what is queued (after a last sync), then stops; nothing queued later runs. Call it
  // while what the queued work touches (sockets, their io_context) still exists.
  void stop();
  ~DurableQueue() { stop(); }
  DurableQueue(const DurableQueue&) = delete;
  DurableQueue& operator=(const DurableQueue&) = delete;

  // Runs `fn` on the queue's delivery thread once a sync that began after this call has
  // returned, after every function queued before it. Call it right after the commit it depends
  // on, under the lock that orders those commits, so the order of `fn`s is the order of the
  // commits.
  void after_sync(std::function<void()> fn);

  // Runs `fn` on the sync thread after every sync that failed, once the work it covered was
  // dropped (nobody may be told that it is stored). The server closes every connection then:
  // the clients resend what is unanswered and catch their rooms up from the event log.
  void on_failure(std::function<void()> fn);

  // How many syncs ran and how many queued functions they covered (for the load bench).
  struct Stats {
    uint64_t syncs = 0;
    uint64_t covered = 0;
  };
  Stats stats() const;

 private:
  using Batch = std::vector<std::function<void()>>;
  void run_syncs();
  void run_deliveries();

  std::function<void()> sync_;
  std::function<void()> on_failure_;  // guarded by mutex_
  mutable std::mutex mutex_;
  std::condition_variable wake_sync_;
  std::condition_variable wake_delivery_;
  Batch queued_;               // waiting for a sync
  std::deque<Batch> durable_;  // synced, waiting to run (in order)
  bool stopping_ = false;
  bool syncs_done_ = false;  // the sync thread has ended: no batch joins durable_ any more
  bool stopped_ = false;
  Stats stats_;
  std::thread delivery_thread_;
  std::thread sync_thread_;
};

}  // namespace portal::server

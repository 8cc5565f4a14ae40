// Group commit: nothing queued runs before a sync that started after it was queued, queued
// work runs in order, and a failed sync acknowledges nothing.
#include "app/durable_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace portal::server {
namespace {

// A sync the test controls: it blocks until released and counts how often it ran.
class GatedSync {
 public:
  void operator()() {
    std::unique_lock lock(mutex_);
    ++started_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return released_ >= started_; });
    if (fail_next_) {
      fail_next_ = false;
      throw std::runtime_error("disk full");
    }
  }
  bool started_within(int n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return started_ >= n; });
  }
  void wait_started(int n) { ASSERT_TRUE(started_within(n, std::chrono::seconds(5))); }
  void release(bool fail = false) {
    std::lock_guard lock(mutex_);
    fail_next_ = fail;
    ++released_;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int started_ = 0;
  int released_ = 0;
  bool fail_next_ = false;
};

struct Log {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<int> ran;
  void add(int i) {
    std::lock_guard lock(mutex);
    ran.push_back(i);
    changed.notify_all();
  }
  std::vector<int> wait_for(size_t n) {
    std::unique_lock lock(mutex);
    changed.wait_for(lock, std::chrono::seconds(5), [&] { return ran.size() >= n; });
    return ran;
  }
  std::vector<int> now() {
    std::lock_guard lock(mutex);
    return ran;
  }
};

TEST(DurableQueue, RunsQueuedWorkInOrderOnlyAfterASyncCoversIt) {
  GatedSync sync;
  Log log;
  DurableQueue q([&] { sync(); });
  q.after_sync([&] { log.add(1); });
  sync.wait_started(1);
  // Queued while the first sync is running: that sync may not cover it.
  q.after_sync([&] { log.add(2); });
  q.after_sync([&] { log.add(3); });
  EXPECT_TRUE(log.now().empty());  // nothing runs before its sync returns
  sync.release();
  EXPECT_EQ(log.wait_for(1), (std::vector<int>{1}));
  sync.wait_started(2);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(log.now(), (std::vector<int>{1}));  // 2 and 3 wait for the second sync
  sync.release();
  EXPECT_EQ(log.wait_for(3), (std::vector<int>{1, 2, 3}));
  // One sync covered both of them.
  EXPECT_EQ(q.stats().syncs, 2u);
  EXPECT_EQ(q.stats().covered, 3u);
}

TEST(DurableQueue, TheNextSyncDoesNotWaitForTheLastBatchToBeDelivered) {
  GatedSync sync;
  Log log;
  DurableQueue q([&] { sync(); });
  std::atomic<bool> overlapped{false};
  // The first batch's work (sending its frames) is still running when the next batch is
  // queued: that batch's sync starts meanwhile instead of waiting for the sending to end.
  q.after_sync([&] {
    log.add(1);
    overlapped = sync.started_within(2, std::chrono::seconds(5));
  });
  sync.wait_started(1);
  sync.release();
  EXPECT_EQ(log.wait_for(1), (std::vector<int>{1}));
  q.after_sync([&] { log.add(2); });
  sync.wait_started(2);
  sync.release();
  EXPECT_EQ(log.wait_for(2), (std::vector<int>{1, 2}));
  EXPECT_TRUE(overlapped);
}

TEST(DurableQueue, AFailedSyncAcknowledgesNothingAndTheNextOneWorks) {
  GatedSync sync;
  Log log;
  DurableQueue q([&] { sync(); });
  // The failure is reported (the server then closes every connection), after the work was
  // dropped, and only for the sync that failed.
  Log failures;
  q.on_failure([&] { failures.add(static_cast<int>(log.now().size())); });
  q.after_sync([&] { log.add(1); });
  sync.wait_started(1);
  sync.release(/*fail=*/true);
  EXPECT_EQ(failures.wait_for(1), (std::vector<int>{0}));
  q.after_sync([&] { log.add(2); });
  sync.wait_started(2);
  sync.release();
  EXPECT_EQ(log.wait_for(1), (std::vector<int>{2}));
  EXPECT_EQ(q.stats().syncs, 1u);
  EXPECT_EQ(failures.now(), (std::vector<int>{0}));
}

TEST(DurableQueue, StoppingRunsWhatIsStillQueued) {
  std::atomic<int> syncs{0};
  Log log;
  {
    DurableQueue q([&] { ++syncs; });
    for (int i = 0; i < 100; ++i) q.after_sync([&, i] { log.add(i); });
  }
  const std::vector<int> ran = log.now();
  ASSERT_EQ(ran.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(ran[i], i);
  EXPECT_GE(syncs.load(), 1);
  EXPECT_LE(syncs.load(), 100);
}

}  // namespace
}  // namespace portal::server

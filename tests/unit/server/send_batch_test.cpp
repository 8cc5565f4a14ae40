// SendBatch: frames a thread sends inside a batch leave when its outermost batch ends, once
// per connection, and a batch on one thread never holds back what another thread sends.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/connection.h"

namespace portal::server {
namespace {

// Records what reaches "the socket": a frame is written at once unless a batch holds it.
class RecordingConnection : public Connection {
 public:
  void send(SharedFrame frame) override {
    queued_.push_back(*frame);
    if (held_) return;
    if (SendBatch::enlist(self.lock())) {
      held_ = true;
      return;
    }
    flush_now();
  }
  void flush() override {
    held_ = false;
    ++flushes;
    flush_now();
  }
  void end(std::string) override {}

  std::weak_ptr<RecordingConnection> self;
  std::vector<std::vector<std::string>> writes;  // one entry per write to the socket
  int flushes = 0;

 private:
  void flush_now() {
    if (!queued_.empty()) writes.push_back(std::move(queued_));
    queued_.clear();
  }
  std::vector<std::string> queued_;
  bool held_ = false;
};

std::shared_ptr<RecordingConnection> make_connection() {
  auto c = std::make_shared<RecordingConnection>();
  c->self = c;
  return c;
}

SharedFrame frame(std::string text) {
  return std::make_shared<const std::string>(std::move(text));
}

TEST(SendBatch, WithoutABatchEveryFrameIsWrittenAtOnce) {
  auto c = make_connection();
  c->send(frame("ack"));
  c->send(frame("event"));
  EXPECT_EQ(c->writes, (std::vector<std::vector<std::string>>{{"ack"}, {"event"}}));
  EXPECT_EQ(c->flushes, 0);
}

TEST(SendBatch, FramesInABatchLeaveTogetherInOrderWhenItEnds) {
  auto a = make_connection();
  auto b = make_connection();
  {
    SendBatch batch;
    a->send(frame("ack 1"));
    b->send(frame("event 1"));
    a->send(frame("event 1"));
    EXPECT_TRUE(a->writes.empty());
    EXPECT_TRUE(b->writes.empty());
  }
  EXPECT_EQ(a->writes, (std::vector<std::vector<std::string>>{{"ack 1", "event 1"}}));
  EXPECT_EQ(b->writes, (std::vector<std::vector<std::string>>{{"event 1"}}));
  EXPECT_EQ(a->flushes, 1);
  EXPECT_EQ(b->flushes, 1);
}

TEST(SendBatch, OnlyTheOutermostBatchFlushes) {
  auto c = make_connection();
  {
    SendBatch outer;
    c->send(frame("one"));
    {
      SendBatch inner;
      c->send(frame("two"));
    }
    EXPECT_TRUE(c->writes.empty());
    c->send(frame("three"));
  }
  EXPECT_EQ(c->writes, (std::vector<std::vector<std::string>>{{"one", "two", "three"}}));
  EXPECT_EQ(c->flushes, 1);
  // After the batch, frames are written at once again.
  c->send(frame("four"));
  EXPECT_EQ(c->writes.back(), std::vector<std::string>{"four"});
}

TEST(SendBatch, ABatchHoldsOnlyItsOwnThreadsSends) {
  auto c = make_connection();
  SendBatch batch;
  bool enlisted_elsewhere = true;
  std::thread other([&] { enlisted_elsewhere = SendBatch::enlist(c); });
  other.join();
  EXPECT_FALSE(enlisted_elsewhere);
  EXPECT_TRUE(SendBatch::enlist(c));  // this thread's batch takes it (and flushes it at the end)
}

}  // namespace
}  // namespace portal::server

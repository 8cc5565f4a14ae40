#include "app/connection.h"

#include <atomic>

namespace portal::server {

namespace {
thread_local SendBatch* t_batch = nullptr;  // the calling thread's outermost batch
std::atomic<SendBatch::Flusher> g_flusher{nullptr};
}  // namespace

void SendBatch::set_flusher(Flusher flusher) {
  g_flusher.store(flusher);
}

SendBatch::SendBatch() : outer_(t_batch) {
  if (!outer_) t_batch = this;
}

SendBatch::~SendBatch() {
  if (outer_) return;  // nested: the outermost batch flushes
  t_batch = nullptr;
  if (held_.empty()) return;
  if (const Flusher flusher = g_flusher.load()) {
    flusher(held_);
    return;
  }
  for (auto& connection : held_) connection->flush();
}

bool SendBatch::enlist(std::shared_ptr<Connection> connection) {
  if (!t_batch) return false;
  t_batch->held_.push_back(std::move(connection));
  return true;
}

}  // namespace portal::server

#include "app/connection.h"

namespace portal::server {

namespace {
thread_local SendBatch* t_batch = nullptr;  // the calling thread's outermost batch
}

SendBatch::SendBatch() : outer_(t_batch) {
  if (!outer_) t_batch = this;
}

SendBatch::~SendBatch() {
  if (outer_) return;  // nested: the outermost batch flushes
  t_batch = nullptr;
  for (auto& connection : held_) connection->flush();
}

bool SendBatch::enlist(std::shared_ptr<Connection> connection) {
  if (!t_batch) return false;
  t_batch->held_.push_back(std::move(connection));
  return true;
}

}  // namespace portal::server

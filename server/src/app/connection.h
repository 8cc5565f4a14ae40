// What the application needs from a network connection, so the protocol logic does not depend
// on Beast: a way to queue an encoded frame and a way to end the conversation.
#pragma once
#include "bus/bus.h"

namespace portal::server {

class Connection {
 public:
  virtual ~Connection() = default;
  // Queues one text frame. Safe from any thread; frames queued by one thread leave in the order
  // they were queued.
  virtual void send(SharedFrame frame) = 0;
};

}  // namespace portal::server

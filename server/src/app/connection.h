// What the application needs from a network connection, so the protocol logic does not depend
// on Beast: a way to queue an encoded frame and a way to end the conversation.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "bus/bus.h"

namespace portal::server {

class Connection {
 public:
  virtual ~Connection() = default;
  // Queues one text frame. Safe from any thread; frames queued by one thread leave in the order
  // they were queued. Outside a SendBatch the frame is written before send returns when the
  // socket takes it at once.
  virtual void send(SharedFrame frame) = 0;
  // Writes what a SendBatch held back (see below).
  virtual void flush() = 0;
  // Says goodbye (a bye frame with `reason`) and closes the connection. Safe from any thread.
  virtual void end(std::string reason) = 0;
};

// While one is alive on a thread, connections hold back what that thread sends them and write
// it when the outermost batch ends: a connection that gets several frames in the batch (an ack
// and the event it caused, or a burst of messages for its rooms) gets them in one write.
// Keep a batch short: its frames leave only at its end.
class SendBatch {
 public:
  SendBatch();
  ~SendBatch();
  SendBatch(const SendBatch&) = delete;
  SendBatch& operator=(const SendBatch&) = delete;

  // For connections: true when the calling thread is inside a batch, which then takes
  // `connection` and calls its flush() once at the end. Call it once per batch and connection.
  static bool enlist(std::shared_ptr<Connection> connection);

  // How a batch writes its connections when it ends: by default flush() on each in turn. The
  // network layer may install one that writes them all at once (net/websocket_session.h: one
  // io_uring submission for every socket). Set it before the first batch.
  using Flusher = void (*)(std::vector<std::shared_ptr<Connection>>& held);
  static void set_flusher(Flusher flusher);

 private:
  std::vector<std::shared_ptr<Connection>> held_;
  SendBatch* outer_;
};

}  // namespace portal::server

// The fan-out seam: commands publish room events here and every subscriber of that room gets
// them. The in-process Hub implements it today; a Redis or NATS bus would implement the same
// calls, which is why a message is just a room key, a sequence number and encoded bytes.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace portal::server {

// An encoded frame shared by every recipient: built once, never copied per client.
using SharedFrame = std::shared_ptr<const std::string>;

struct BusMessage {
  std::string room_key;  // "org:<id>/overview", "vendor/overview"
  int64_t seq = 0;       // the event's sequence number in its room
  SharedFrame frame;     // the encoded "event" frame
  // For seq 0 only: a signal the receiver must not miss while its snapshot is being built (it
  // is held back and sent after the snapshot; the receiver applies it idempotently). Typing
  // and presence are not held: the snapshot already shows the current state.
  bool hold = false;
  // For seq 0 only: the room is closed to partner users (a partnership no longer has it). Each
  // partner connection following it gets this frame and then stops following the room.
  bool closes = false;
};

// Receives messages of the rooms it subscribed to. Called from any thread; must not block.
class BusSubscriber {
 public:
  virtual ~BusSubscriber() = default;
  virtual void on_bus_message(const BusMessage& message) = 0;
};

class Bus {
 public:
  virtual ~Bus() = default;
  // Delivers to every current subscriber of message.room_key. Messages of one room must be
  // published in sequence order; the bus keeps that order per subscriber.
  virtual void publish(const BusMessage& message) = 0;
  // Publishes `message` (a signal: seq 0) to each room of `room_keys` in turn, as if
  // publish() ran once per room with that room's key: one call for a frame that many rooms
  // share, such as a new message's copy for the list of every member.
  virtual void publish_each(std::vector<std::string> room_keys, BusMessage message) = 0;
  // The bus holds subscribers weakly: a subscriber that goes away is simply skipped.
  virtual void subscribe(const std::string& room_key, std::weak_ptr<BusSubscriber> who) = 0;
  virtual void unsubscribe(const std::string& room_key, const BusSubscriber* who) = 0;
};

}  // namespace portal::server

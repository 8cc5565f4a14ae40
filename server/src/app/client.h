// The application's view of one WebSocket connection: who is logged in on it and which rooms
// it follows. Room events arrive from the bus on any thread; the client forwards each one once,
// in sequence order, and holds them back while the room's snapshot is still being built.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/connection.h"
#include "bus/bus.h"
#include "portal/protocol/frames.h"
#include "portal/rules/permissions.h"

namespace portal::server {

// The logged-in user of a connection.
struct Identity {
  User user;
  Organisation org;
  std::string token_hash;  // the session this connection was opened with
  Actor actor() const { return Actor{user.id, user.org_id, user.role}; }
};

class Client final : public BusSubscriber, public std::enable_shared_from_this<Client> {
 public:
  // `address` is the peer's IP address, for the log-in limits per address.
  explicit Client(std::weak_ptr<Connection> connection, std::string address = {})
      : connection_(std::move(connection)), address_(std::move(address)) {}

  void send(SharedFrame frame);
  void send(const ServerFrame& frame);
  // Says goodbye with `reason` and closes the connection (its session ended elsewhere).
  void end(std::string reason);
  const std::string& address() const { return address_; }

  std::optional<Identity> identity() const;
  void set_identity(std::optional<Identity> identity);

  // Starts following a room: from now on its bus messages are held back until
  // finish_subscription() sends the snapshot or replay. False (nothing followed) when the
  // connection has no user any more: its session ended while the subscription was on its way.
  // `wire_name`, when given, is the room's name in the frames this client gets instead of the
  // key's usual one (vendor staff follow "org:<id>/program" as "program:<id>").
  bool begin_subscription(const std::string& room_key, std::string wire_name = {});
  // Sends `frames` (a snapshot, or replayed events) that bring the client to `seq`, then every
  // held-back message newer than that, and from then on forwards messages directly.
  void finish_subscription(const std::string& room_key, const std::vector<SharedFrame>& frames,
                           int64_t seq);
  // Stops following a room; returns false when it was not followed.
  bool end_subscription(const std::string& room_key);
  // Forgets every room and returns their keys (for unsubscribing from the bus).
  std::vector<std::string> end_all_subscriptions();

  void on_bus_message(const BusMessage& message) override;

 private:
  struct Subscription {
    bool pending = true;  // snapshot not sent yet
    int64_t seq = 0;      // last sequence number the client has
    std::vector<BusMessage> held;
    std::string wire;  // the room's name for this client when not the key's usual one
  };

  // The message's frame as this subscription names its room.
  static SharedFrame frame_for(const Subscription& sub, const BusMessage& message);

  std::weak_ptr<Connection> connection_;
  const std::string address_;
  mutable std::mutex mutex_;
  std::optional<Identity> identity_;
  std::map<std::string, Subscription> subscriptions_;
};

}  // namespace portal::server

// The in-process Bus: a map from room key to the weak pointers of its subscribers, behind one
// mutex. Delivery happens outside the lock so a subscriber may (un)subscribe while receiving.
#pragma once
#include <mutex>
#include <unordered_map>
#include <vector>

#include "bus/bus.h"

namespace portal::server {

class Hub final : public Bus {
 public:
  void publish(const BusMessage& message) override;
  void publish_each(std::vector<std::string> room_keys, BusMessage message) override;
  void subscribe(const std::string& room_key, std::weak_ptr<BusSubscriber> who) override;
  void unsubscribe(const std::string& room_key, const BusSubscriber* who) override;

 private:
  using Rooms = std::unordered_map<std::string, std::vector<std::weak_ptr<BusSubscriber>>>;
  // Appends the live subscribers of `room` to `out` and forgets those that are gone (and the
  // room, once nobody is left in it). The caller holds mutex_.
  void take_subscribers_locked(Rooms::iterator room,
                               std::vector<std::shared_ptr<BusSubscriber>>& out);

  std::mutex mutex_;
  Rooms rooms_;
};

}  // namespace portal::server

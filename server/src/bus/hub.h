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
  void subscribe(const std::string& room_key, std::weak_ptr<BusSubscriber> who) override;
  void unsubscribe(const std::string& room_key, const BusSubscriber* who) override;

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::vector<std::weak_ptr<BusSubscriber>>> rooms_;
};

}  // namespace portal::server

#include "bus/hub.h"

#include <algorithm>

namespace portal::server {

void Hub::publish(const BusMessage& message) {
  // Copy the recipients under the lock and deliver without it, as in Beast's chat example.
  std::vector<std::shared_ptr<BusSubscriber>> recipients;
  {
    std::lock_guard lock(mutex_);
    auto it = rooms_.find(message.room_key);
    if (it == rooms_.end()) return;
    auto& list = it->second;
    recipients.reserve(list.size());
    for (auto& weak : list) {
      if (auto strong = weak.lock()) recipients.push_back(std::move(strong));
    }
    // Drop the entries of subscribers that are gone while we are here.
    std::erase_if(list, [](const std::weak_ptr<BusSubscriber>& w) { return w.expired(); });
    if (list.empty()) rooms_.erase(it);
  }
  for (auto& r : recipients) r->on_bus_message(message);
}

void Hub::subscribe(const std::string& room_key, std::weak_ptr<BusSubscriber> who) {
  std::lock_guard lock(mutex_);
  auto& list = rooms_[room_key];
  const auto* raw = who.lock().get();
  for (auto& w : list) {
    if (w.lock().get() == raw) return;
  }
  list.push_back(std::move(who));
}

void Hub::unsubscribe(const std::string& room_key, const BusSubscriber* who) {
  std::lock_guard lock(mutex_);
  auto it = rooms_.find(room_key);
  if (it == rooms_.end()) return;
  // An expired entry compares as null, so this also drops dead subscribers.
  std::erase_if(it->second, [&](const std::weak_ptr<BusSubscriber>& w) {
    auto strong = w.lock();
    return !strong || strong.get() == who;
  });
  if (it->second.empty()) rooms_.erase(it);
}

}  // namespace portal::server

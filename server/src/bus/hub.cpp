#include "bus/hub.h"

#include <algorithm>

namespace portal::server {

void Hub::take_subscribers_locked(Rooms::iterator room,
                                  std::vector<std::shared_ptr<BusSubscriber>>& out) {
  auto& list = room->second;
  bool gone = false;
  for (auto& weak : list) {
    if (auto strong = weak.lock())
      out.push_back(std::move(strong));
    else
      gone = true;
  }
  if (!gone) return;
  std::erase_if(list, [](const std::weak_ptr<BusSubscriber>& w) { return w.expired(); });
  if (list.empty()) rooms_.erase(room);
}

void Hub::publish(const BusMessage& message) {
  // Copy the recipients under the lock and deliver without it, as in Beast's chat example.
  std::vector<std::shared_ptr<BusSubscriber>> recipients;
  {
    std::lock_guard lock(mutex_);
    auto it = rooms_.find(message.room_key);
    if (it == rooms_.end()) return;
    take_subscribers_locked(it, recipients);
  }
  for (auto& r : recipients) r->on_bus_message(message);
}

void Hub::publish_each(std::vector<std::string> room_keys, BusMessage message) {
  // All rooms under one lock, then delivery without it; ends[i] is where room i's recipients
  // end in `recipients`.
  std::vector<std::shared_ptr<BusSubscriber>> recipients;
  std::vector<size_t> ends(room_keys.size());
  recipients.reserve(room_keys.size());
  {
    std::lock_guard lock(mutex_);
    for (size_t i = 0; i < room_keys.size(); ++i) {
      if (auto it = rooms_.find(room_keys[i]); it != rooms_.end())
        take_subscribers_locked(it, recipients);
      ends[i] = recipients.size();
    }
  }
  size_t next = 0;
  for (size_t i = 0; i < room_keys.size(); ++i) {
    if (next == ends[i]) continue;
    message.room_key = std::move(room_keys[i]);
    for (; next < ends[i]; ++next) recipients[next]->on_bus_message(message);
  }
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

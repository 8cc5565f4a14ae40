#include "app/client.h"

namespace portal::server {

void Client::send(SharedFrame frame) {
  if (auto c = connection_.lock()) c->send(std::move(frame));
}

void Client::send(const ServerFrame& frame) {
  send(std::make_shared<const std::string>(encode(frame)));
}

void Client::end(std::string reason) {
  if (auto c = connection_.lock()) c->end(std::move(reason));
}

std::optional<Identity> Client::identity() const {
  std::lock_guard lock(mutex_);
  return identity_;
}

void Client::set_identity(std::optional<Identity> identity) {
  std::lock_guard lock(mutex_);
  identity_ = std::move(identity);
}

bool Client::begin_subscription(const std::string& room_key, std::string wire_name) {
  std::lock_guard lock(mutex_);
  if (!identity_) return false;
  Subscription sub;
  sub.wire = std::move(wire_name);
  subscriptions_[room_key] = std::move(sub);
  return true;
}

SharedFrame Client::frame_for(const Subscription& sub, const BusMessage& message) {
  if (sub.wire.empty()) return message.frame;
  // Frames are encoded once for everyone who follows the room under its usual name; the few
  // vendor staff who follow a partner's room under another name get their own copy.
  Json j = Json::parse(*message.frame, nullptr, false);
  if (!j.is_object()) return message.frame;
  j["room"] = sub.wire;
  return std::make_shared<const std::string>(j.dump(-1, ' ', false, Json::error_handler_t::replace));
}

void Client::finish_subscription(const std::string& room_key,
                                 const std::vector<SharedFrame>& frames, int64_t seq) {
  // Sending under the lock keeps these frames ahead of any bus message for the same room.
  std::lock_guard lock(mutex_);
  auto it = subscriptions_.find(room_key);
  if (it == subscriptions_.end()) return;  // unsubscribed meanwhile
  Subscription& sub = it->second;
  for (const auto& f : frames) send(f);
  sub.seq = seq;
  for (const auto& m : sub.held) {
    if (m.seq == 0) {
      send(m.frame);  // a held signal: the client skips it if the snapshot counted it already
      continue;
    }
    // Events already covered by the snapshot or replay were read from the log too: skip them.
    if (m.seq > sub.seq) {
      send(frame_for(sub, m));
      sub.seq = m.seq;
    }
  }
  sub.held.clear();
  sub.pending = false;
}

bool Client::end_subscription(const std::string& room_key) {
  std::lock_guard lock(mutex_);
  return subscriptions_.erase(room_key) > 0;
}

std::vector<std::string> Client::end_all_subscriptions() {
  std::lock_guard lock(mutex_);
  std::vector<std::string> keys;
  for (auto& [key, sub] : subscriptions_) keys.push_back(key);
  subscriptions_.clear();
  return keys;
}

void Client::on_bus_message(const BusMessage& message) {
  std::lock_guard lock(mutex_);
  auto it = subscriptions_.find(message.room_key);
  if (it == subscriptions_.end()) return;
  Subscription& sub = it->second;
  if (message.closes) {
    // Vendor staff follow partners' rooms by name ("program:<id>"): a partnership's rooms are
    // the partner's, not theirs (the same test as PortalService::room_switched_off).
    if (!identity_ || identity_->org.kind != OrgKind::Partner) return;
    send(frame_for(sub, message));
    subscriptions_.erase(it);
    return;
  }
  if (message.seq == 0) {
    // An ephemeral signal (typing, presence): no place in the sequence, never stored or held
    // back; a snapshot still being built reflects the current state anyway. A held signal
    // (a new message for a conversation list) waits for the snapshot instead.
    if (!sub.pending)
      send(frame_for(sub, message));
    else if (message.hold)
      sub.held.push_back(message);
    return;
  }
  if (sub.pending) {
    sub.held.push_back(message);
  } else if (message.seq > sub.seq) {
    send(frame_for(sub, message));
    sub.seq = message.seq;
  }
}

}  // namespace portal::server

#include "app/presence_board.h"

#include <algorithm>

namespace portal::server {

Presence PresenceBoard::status_locked(const Id& user) const {
  auto it = users_.find(user);
  if (it == users_.end() || it->second.empty()) return Presence::Offline;
  for (const auto& [connection, away] : it->second)
    if (!away) return Presence::Online;
  return Presence::Away;
}

Presence PresenceBoard::status(const Id& user) const {
  std::lock_guard lock(mutex_);
  return status_locked(user);
}

std::vector<Id> PresenceBoard::offline_among(const std::vector<Id>& users) const {
  std::lock_guard lock(mutex_);
  std::vector<Id> out;
  for (const Id& user : users)
    if (status_locked(user) == Presence::Offline) out.push_back(user);
  return out;
}

std::vector<PresenceEntry> PresenceBoard::statuses(const std::vector<Person>& people) const {
  std::lock_guard lock(mutex_);
  std::vector<PresenceEntry> out;
  for (const Person& p : people) {
    const Presence s = status_locked(p.id);
    if (s != Presence::Offline) out.push_back({p.id, s});
  }
  return out;
}

void PresenceBoard::set_audience(const Id& user, std::vector<Id> audience) {
  std::lock_guard lock(mutex_);
  audiences_[user] = std::move(audience);
}

void PresenceBoard::join_audiences(const Id& user, const std::vector<Id>& people) {
  std::lock_guard lock(mutex_);
  for (const Id& p : people) {
    auto it = audiences_.find(p);
    if (it == audiences_.end() || p == user) continue;
    if (std::find(it->second.begin(), it->second.end(), user) == it->second.end())
      it->second.push_back(user);
  }
}

std::vector<Id> PresenceBoard::audience(const Id& user) const {
  std::lock_guard lock(mutex_);
  auto it = audiences_.find(user);
  return it == audiences_.end() ? std::vector<Id>{user} : it->second;
}

std::optional<Presence> PresenceBoard::connect(const Id& user, const void* connection) {
  std::lock_guard lock(mutex_);
  const Presence before = status_locked(user);
  users_[user].try_emplace(connection, false);
  const Presence after = status_locked(user);
  if (after == before) return std::nullopt;
  return after;
}

std::optional<Presence> PresenceBoard::set_away(const Id& user, const void* connection,
                                                bool away) {
  std::lock_guard lock(mutex_);
  const Presence before = status_locked(user);
  users_[user][connection] = away;
  const Presence after = status_locked(user);
  if (after == before) return std::nullopt;
  return after;
}

std::optional<Presence> PresenceBoard::disconnect(const Id& user, const void* connection) {
  std::lock_guard lock(mutex_);
  const Presence before = status_locked(user);
  auto it = users_.find(user);
  if (it != users_.end()) {
    it->second.erase(connection);
    if (it->second.empty()) users_.erase(it);
  }
  const Presence after = status_locked(user);
  if (after == before) return std::nullopt;
  return after;
}

}  // namespace portal::server

#include "app/live_sessions.h"

#include <algorithm>

namespace portal::server {

void LiveSessions::add(const std::string& token_hash, const std::shared_ptr<Client>& client) {
  std::lock_guard lock(mutex_);
  auto& clients = live_[token_hash];
  // A tab that closed without saying so leaves an expired entry: drop those as we pass.
  std::erase_if(clients, [&](const std::weak_ptr<Client>& w) {
    const auto c = w.lock();
    return !c || c == client;
  });
  clients.push_back(client);
}

void LiveSessions::remove(const std::string& token_hash, const Client* client) {
  std::lock_guard lock(mutex_);
  auto it = live_.find(token_hash);
  if (it == live_.end()) return;
  std::erase_if(it->second, [&](const std::weak_ptr<Client>& w) {
    const auto c = w.lock();
    return !c || c.get() == client;
  });
  if (it->second.empty()) live_.erase(it);
}

std::vector<std::shared_ptr<Client>> LiveSessions::take(const std::string& token_hash) {
  std::vector<std::shared_ptr<Client>> out;
  std::lock_guard lock(mutex_);
  auto it = live_.find(token_hash);
  if (it == live_.end()) return out;
  for (const auto& w : it->second)
    if (auto c = w.lock()) out.push_back(std::move(c));
  live_.erase(it);
  return out;
}

std::vector<std::string> LiveSessions::tokens() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  out.reserve(live_.size());
  for (const auto& [token, clients] : live_) out.push_back(token);
  return out;
}

}  // namespace portal::server

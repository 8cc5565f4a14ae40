// The live connections of each session, so that ending a session (a log-out, its expiry, a
// password reset) reaches every tab that uses it at once, not only the one that asked.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/client.h"

namespace portal::server {

class LiveSessions {
 public:
  // `client` now works under the session `token_hash`.
  void add(const std::string& token_hash, const std::shared_ptr<Client>& client);
  // `client` no longer does (it logged in as someone else, logged out or closed).
  void remove(const std::string& token_hash, const Client* client);
  // Takes every live connection of the session out of the list and returns them.
  std::vector<std::shared_ptr<Client>> take(const std::string& token_hash);
  // The sessions with at least one live connection.
  std::vector<std::string> tokens() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::vector<std::weak_ptr<Client>>> live_;
};

}  // namespace portal::server

// Who is online: each connection that follows the Messages room counts for its user, and the
// client may say it is away (its tab hidden). Nothing of this is stored; a restart starts empty.
#pragma once
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "portal/rooms/messages.h"

namespace portal::server {

class PresenceBoard {
 public:
  // Each returns the user's new status when it changed, else nothing.
  std::optional<Presence> connect(const Id& user, const void* connection);
  std::optional<Presence> set_away(const Id& user, const void* connection, bool away);
  std::optional<Presence> disconnect(const Id& user, const void* connection);
  // Online when any connection is not away, away when all are, offline with none.
  Presence status(const Id& user) const;
  // Those of `users` with no live connection (one look under one lock, for a message's
  // recipients).
  std::vector<Id> offline_among(const std::vector<Id>& users) const;
  std::vector<PresenceEntry> statuses(const std::vector<Person>& people) const;
  // Who hears about the user's presence (the people sharing a conversation with them), kept so
  // a closing connection can announce "offline" without reading the store on an I/O thread.
  void set_audience(const Id& user, std::vector<Id> audience);
  // `user` now shares a conversation with each of `people`: they hear about `user` (set_audience)
  // and `user` is added to the audience of those of them the board already knows, so a
  // newcomer hears people who were online before they arrived.
  void join_audiences(const Id& user, const std::vector<Id>& people);
  std::vector<Id> audience(const Id& user) const;

 private:
  Presence status_locked(const Id& user) const;

  mutable std::mutex mutex_;
  // Hashed: a message looks up each of its recipients, and an ordered map of 10,000 ids was
  // 17 % of the worker threads' time at 1,000 messages a second.
  std::unordered_map<Id, std::map<const void*, bool>> users_;  // user -> connection -> away
  std::unordered_map<Id, std::vector<Id>> audiences_;
};

}  // namespace portal::server

// Who is online: each connection that follows the Messages room counts for its user, and the
// client may say it is away (its tab hidden). Nothing of this is stored; a restart starts empty.
#pragma once
#include <map>
#include <mutex>
#include <optional>
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
  std::map<Id, std::map<const void*, bool>> users_;  // user -> connection -> away
  std::map<Id, std::vector<Id>> audiences_;
};

}  // namespace portal::server

// Subscribing to the content rooms: Resources, Brand guidelines, Contacts, Custom rooms and
// "cases" (cases and the knowledge base). The key is the vendor's program-wide room only for the
// vendor organisation's own staff (content_keys.h); everyone else follows their organisation's.
// Like every room, a resubscribe with `after` gets the exact events it missed.
#include <algorithm>

#include "app/content_builder.h"
#include "app/content_keys.h"
#include "app/portal_service.h"

namespace portal::server {
namespace {

// May `role` read the content room? The fixed rooms by the room matrix; cases and the knowledge
// base by everyone (a kiosk shows the sample partner's read-only).
bool may_read_content_room(Role role, std::string_view wire_room) {
  const std::optional<RoomKind> kind = room_from_string(wire_room);
  if (!kind) return true;
  const auto visible = visible_rooms(role);
  return std::find(visible.begin(), visible.end(), *kind) != visible.end();
}

}  // namespace

bool PortalService::on_content_subscribe(Client& client, const Identity& who,
                                         const SubscribeFrame& f) {
  if (!is_content_room(f.room)) return false;
  const Actor actor = who.actor();
  if (!may_read_content_room(actor.role, f.room)) {
    client.send(error_frame(ErrorCode::Forbidden, "You do not have access to this room."));
    return true;
  }
  const std::optional<Organisation> vendor = store_.vendor_org();
  const Id vendor_org = vendor ? vendor->id : Id();
  const std::string key = content_room_key(actor, vendor_org, f.room);

  // Follow the bus before reading the store (see subscriptions.cpp).
  follow_room(client, key);

  if (replay_missed(client, key, f)) return true;
  SnapshotFrame snapshot{f.room, 0, Json::object()};
  if (auto state = content_snapshot(store_, actor, vendor_org, f.room, key, snapshot.seq))
    snapshot.state = std::move(*state);
  send_snapshot(client, key, snapshot);
  return true;
}

bool PortalService::on_content_unsubscribe(Client& client, const Identity& who,
                                           const UnsubscribeFrame& f) {
  if (!is_content_room(f.room)) return false;
  const std::optional<Organisation> vendor = store_.vendor_org();
  const std::string key = content_room_key(who.actor(), vendor ? vendor->id : Id(), f.room);
  client.end_subscription(key);
  bus_.unsubscribe(key, &client);
  return true;
}

}  // namespace portal::server

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

constexpr size_t kMaxReplay = 1000;

SharedFrame share(const ServerFrame& f) { return std::make_shared<const std::string>(encode(f)); }

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
  client.begin_subscription(key);
  bus_.subscribe(key, client.weak_from_this());

  std::vector<SharedFrame> frames;
  if (f.after) {
    if (auto missed = store_.events_after(key, *f.after, kMaxReplay)) {
      int64_t seq = *f.after;
      for (const StoredEvent& e : *missed) {
        frames.push_back(share(EventFrame{f.room, e.seq, e.type, e.data}));
        seq = e.seq;
      }
      client.finish_subscription(key, frames, seq);
      return true;
    }
  }
  SnapshotFrame snapshot{f.room, 0, Json::object()};
  if (auto state = content_snapshot(store_, actor, vendor_org, f.room, key, snapshot.seq))
    snapshot.state = std::move(*state);
  frames.push_back(share(snapshot));
  client.finish_subscription(key, frames, snapshot.seq);
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

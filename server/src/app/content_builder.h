// Snapshots of the content rooms (Resources, Brand guidelines, Contacts, Custom rooms, Cases and
// knowledge base) for one subscriber, read from the store and built with portal_core's room
// states (rooms/content.h).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "portal/protocol/frames.h"
#include "portal/rules/permissions.h"
#include "store/store.h"

namespace portal::server {

// True for the wire rooms this builder answers: "resources", "brand", "contacts", "custom",
// "cases".
bool is_content_room(std::string_view wire_room);

// The snapshot state of `wire_room` as `actor` sees it (program-wide for the vendor's own staff,
// else the actor's organisation) and the room's seq; nothing for a room that is not a content
// room.
std::optional<Json> content_snapshot(Store& store, const Actor& actor, const Id& vendor_org,
                                     std::string_view wire_room, const std::string& room_key,
                                     int64_t& seq);

}  // namespace portal::server

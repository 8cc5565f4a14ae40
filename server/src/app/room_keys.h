// How a room named on the wire ("overview") maps to the room it means for a user: partner
// rooms belong to the user's organisation, vendor staff see program-wide rooms.
#pragma once
#include <string>
#include <string_view>

#include "portal/model/room_kind.h"
#include "portal/rules/permissions.h"

namespace portal::server {

// "org:<org id>/<room>" for partner users, "vendor/<room>" for vendor staff.
inline std::string room_key(const Actor& actor, RoomKind room) {
  if (is_vendor_staff(actor.role)) return "vendor/" + std::string(to_string(room));
  return "org:" + actor.org_id + "/" + std::string(to_string(room));
}

inline std::string partner_room_key(const Id& org_id, RoomKind room) {
  return "org:" + org_id + "/" + std::string(to_string(room));
}

inline std::string vendor_room_key(RoomKind room) {
  return "vendor/" + std::string(to_string(room));
}

// The wire name of a room key: the part after the last '/'.
inline std::string_view wire_room(std::string_view room_key) {
  const auto slash = room_key.rfind('/');
  return slash == std::string_view::npos ? room_key : room_key.substr(slash + 1);
}

}  // namespace portal::server

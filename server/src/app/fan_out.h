// Where a partner's change is seen: the same event in the partner's own room and in the
// vendor's program-wide room, for each room kind the change belongs to.
#pragma once
#include <initializer_list>
#include <string_view>
#include <vector>

#include "app/room_keys.h"
#include "store/store.h"

namespace portal::server {

inline void fan_out(std::vector<NewEvent>& out, const Id& org,
                    std::initializer_list<RoomKind> rooms, std::string_view type,
                    const Json& data) {
  for (RoomKind room : rooms) {
    out.push_back({partner_room_key(org, room), std::string(type), data});
    out.push_back({vendor_room_key(room), std::string(type), data});
  }
}

}  // namespace portal::server

#include "portal/model/room_kind.h"

namespace portal {
namespace {

struct RoomNames {
  std::string_view wire;
  std::string_view label;
};

// Indexed by RoomKind; keep in the enum's order.
constexpr std::array<RoomNames, kAllRooms.size()> kRoomNames = {{
    {"overview", "Overview"},
    {"leads", "Leads"},
    {"deals", "Deals"},
    {"accounts", "Customer accounts"},
    {"program", "Partner program"},
    {"resources", "Resources"},
    {"projects", "Projects"},
    {"messages", "Messages"},
    {"brand", "Brand guidelines"},
    {"files", "Shared files"},
    {"contacts", "Contacts"},
    {"custom", "Custom rooms"},
}};

}  // namespace

std::string_view to_string(RoomKind k) { return kRoomNames[static_cast<size_t>(k)].wire; }

std::optional<RoomKind> room_from_string(std::string_view s) {
  for (RoomKind k : kAllRooms)
    if (to_string(k) == s) return k;
  return std::nullopt;
}

std::string_view room_label(RoomKind k) { return kRoomNames[static_cast<size_t>(k)].label; }

}  // namespace portal

// The rooms of a partnership. A room on the wire is named by its kind ("overview", "leads", ...);
// the server scopes it to the user's organisation.
#pragma once
#include <array>
#include <optional>
#include <string_view>

namespace portal {

enum class RoomKind {
  Overview, Leads, Deals, Accounts, Program, Resources, Projects, Messages, Brand, Files,
  Contacts, Custom
};

inline constexpr std::array<RoomKind, 12> kAllRooms = {
    RoomKind::Overview, RoomKind::Leads,    RoomKind::Deals,    RoomKind::Accounts,
    RoomKind::Program,  RoomKind::Resources, RoomKind::Projects, RoomKind::Messages,
    RoomKind::Brand,    RoomKind::Files,    RoomKind::Contacts, RoomKind::Custom};

// Wire name: "overview", "leads", "deals", "accounts", "program", "resources", "projects",
// "messages", "brand", "files", "contacts", "custom".
std::string_view to_string(RoomKind k);
std::optional<RoomKind> room_from_string(std::string_view s);
// Navigation label: "Overview", "Leads", "Deals", "Customer accounts", "Partner program", ...
std::string_view room_label(RoomKind k);

}  // namespace portal

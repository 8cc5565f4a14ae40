#include "portal/rooms/notifications.h"

#include <algorithm>
#include <tuple>

#include "portal/protocol/model_codecs.h"
#include "portal/protocol/projects_commands.h"
#include "protocol/json_fields.h"

namespace portal {

using detail::field;

void settle(NotificationsState& s) {
  std::stable_sort(s.items.begin(), s.items.end(), [](const Notification& a, const Notification& b) {
    return std::tuple(a.read_at != 0, b.created_at, b.id) <
           std::tuple(b.read_at != 0, a.created_at, a.id);
  });
  if (s.items.size() > kMaxNotificationsInRoom) {
    // Drop the oldest read ones first: they are at the end once sorted.
    s.items.resize(kMaxNotificationsInRoom);
  }
  s.unread = static_cast<int32_t>(std::count_if(
      s.items.begin(), s.items.end(), [](const Notification& n) { return n.read_at == 0; }));
}

Json to_json(const NotificationsState& s) {
  Json items = Json::array();
  for (const Notification& n : s.items) items.push_back(to_json(n));
  return {{"items", std::move(items)}, {"unread", s.unread}};
}

std::optional<NotificationsState> notifications_from_json(const Json& j) {
  const Json* items = field(j, "items");
  if (items == nullptr || !items->is_array()) return std::nullopt;
  NotificationsState s;
  for (const Json& i : *items) {
    auto n = notification_from_json(i);
    if (!n) return std::nullopt;
    s.items.push_back(std::move(*n));
  }
  settle(s);
  return s;
}

bool apply(NotificationsState& s, std::string_view event_type, const Json& data) {
  if (event_type == kEvNotificationAdded) {
    const Json* nj = field(data, "notification");
    auto n = nj ? notification_from_json(*nj) : std::nullopt;
    if (!n) return false;
    for (const Notification& x : s.items)
      if (x.id == n->id) return false;
    s.items.push_back(std::move(*n));
    settle(s);
    return true;
  }
  if (event_type == kEvNotificationRead) {
    const Json* ids = field(data, "ids");
    auto at = detail::get_int(data, "read_at");
    if (ids == nullptr || !ids->is_array() || !at) return false;
    bool changed = false;
    for (const Json& id : *ids) {
      if (!id.is_string()) continue;
      for (Notification& n : s.items)
        if (n.id == id.get<std::string>() && n.read_at == 0) {
          n.read_at = *at;
          changed = true;
        }
    }
    if (changed) settle(s);
    return changed;
  }
  return false;
}

}  // namespace portal

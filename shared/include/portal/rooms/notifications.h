// The per-user notifications room ("notifications" on the wire): the user's newest
// notifications, unread first, and how notification.added / notification.read change it. The
// same apply() runs on the server and in the browser.
#pragma once
#include <optional>
#include <vector>

#include "portal/model/audit.h"
#include "portal/protocol/frames.h"

namespace portal {

inline constexpr size_t kMaxNotificationsInRoom = 200;  // the newest are kept

struct NotificationsState {
  std::vector<Notification> items;  // unread first, then newest first
  int32_t unread = 0;
  friend bool operator==(const NotificationsState&, const NotificationsState&) = default;
};

// Puts the items in room order, keeps the newest kMaxNotificationsInRoom and counts the unread.
void settle(NotificationsState& s);
Json to_json(const NotificationsState& s);
std::optional<NotificationsState> notifications_from_json(const Json& j);
// Applies notification.added and notification.read; anything else returns false.
bool apply(NotificationsState& s, std::string_view event_type, const Json& data);

}  // namespace portal

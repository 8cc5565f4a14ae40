#include "portal/model/audit.h"

#include <algorithm>

#include "model/name_table.h"

namespace portal {
namespace {

constexpr detail::NameTable<NotificationKind, 11> kKinds{{{
    {"lead_stage", "Lead stage"},
    {"deal_won", "Deal won"},
    {"deal_update", "Deal update"},
    {"message", "Message"},
    {"mention", "Mention"},
    {"announcement", "Announcement"},
    {"resource", "New resource"},
    {"task", "Task"},
    {"case", "Support case"},
    {"tier_change", "Tier change"},
    {"invitation", "Invitation"},
}}};

}  // namespace

std::string_view to_string(NotificationKind k) {
  return kKinds.wire(k);
}
std::optional<NotificationKind> notification_kind_from_string(std::string_view s) {
  return kKinds.parse(s);
}
std::string_view notification_kind_label(NotificationKind k) {
  return kKinds.label(k);
}

int32_t unread_notifications(std::span<const Notification> notifications, const Id& user_id) {
  return static_cast<int32_t>(
      std::count_if(notifications.begin(), notifications.end(),
                    [&](const Notification& n) { return n.user_id == user_id && n.read_at == 0; }));
}

}  // namespace portal

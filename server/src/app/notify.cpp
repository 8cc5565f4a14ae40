#include "app/notify.h"

#include "app/projects_builder.h"
#include "auth/tokens.h"
#include "portal/protocol/model_codecs.h"
#include "portal/protocol/projects_commands.h"

namespace portal::server {

void notify_user(const Id& user_id, const NotificationText& text, UnixTime now,
                 std::vector<NewEvent>& out) {
  Notification n;
  n.id = new_id();
  n.user_id = user_id;
  n.kind = text.kind;
  // Titles come from user-entered names: keep them within what the model allows.
  n.title = text.title.substr(0, 200);
  n.body = text.body.substr(0, 2000);
  n.link = text.link.substr(0, 200);
  n.created_at = now;
  out.push_back({notifications_room_key(user_id), std::string(kEvNotificationAdded),
                 {{"notification", to_json(n)}}});
}

void notify_org(Store& store, const Id& org, const NotificationText& text, UnixTime now,
                std::vector<NewEvent>& out) {
  for (const SeedUser& u : store.list_users(org))
    if (u.record.user.role != Role::Kiosk) notify_user(u.record.user.id, text, now, out);
}

}  // namespace portal::server

#include "app/notify.h"

#include "app/projects_builder.h"
#include "auth/tokens.h"
#include "portal/protocol/model_codecs.h"
#include "portal/protocol/projects_commands.h"
#include "portal/rules/entity_validation.h"

namespace portal::server {
namespace {

// At most `limit` bytes of `s`, never cutting a UTF-8 character in half.
std::string clip(const std::string& s, size_t limit) {
  if (s.size() <= limit) return s;
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

}  // namespace

void notify_user(const Id& user_id, const NotificationText& text, UnixTime now,
                 std::vector<NewEvent>& out) {
  Notification n;
  n.id = new_id();
  n.user_id = user_id;
  n.kind = text.kind;
  // Titles come from user-entered names: keep them within what the model allows.
  n.title = clip(text.title, kMaxTitle);
  n.body = clip(text.body, kMaxDescription);
  n.link = clip(text.link, kMaxUrl);
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

// Builds notification.added events for a command's plan. The store writes the notification rows
// from these events in the command's own transaction (sqlite_projects.cpp), so a notification
// exists exactly when the change that caused it does.
#pragma once
#include <string>
#include <vector>

#include "portal/model/audit.h"
#include "store/store.h"

namespace portal::server {

struct NotificationText {
  NotificationKind kind = NotificationKind::DealUpdate;
  std::string title;  // "Deal won: Globex rollout"
  std::string body;
  std::string link;  // deep link: "deals/<id>"
};

// One notification for `user_id`.
void notify_user(const Id& user_id, const NotificationText& text, UnixTime now,
                 std::vector<NewEvent>& out);
// One notification for every portal user of `org` (kiosks excepted).
void notify_org(Store& store, const Id& org, const NotificationText& text, UnixTime now,
                std::vector<NewEvent>& out);

}  // namespace portal::server

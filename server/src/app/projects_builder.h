// Builds the Projects room and the notifications room from stored rows: a partner's own
// projects, or every partner's for vendor staff; a user's own notifications.
#pragma once
#include "portal/rooms/notifications.h"
#include "portal/rooms/projects.h"
#include "store/store.h"

namespace portal::server {

ProjectsState build_projects(const ProjectsInputs& in);
NotificationsState build_notifications(const NotificationsInputs& in);
// "user:<id>/notifications": each user's own room.
std::string notifications_room_key(const Id& user_id);

}  // namespace portal::server

// The per-user notifications room ("notifications" on the wire, "user:<id>/notifications" in
// the store): subscribing to it, notification.read and notification.read_all; and the vendor
// admins' audit.list query, answered in its ack. A user only ever reaches their own room: the
// key is built from the session's user, never from the frame.
#include <variant>

#include "app/clock.h"
#include "app/portal_service.h"
#include "app/projects_builder.h"
#include "portal/protocol/model_codecs.h"
#include "portal/protocol/projects_commands.h"
#include "portal/rules/entity_validation.h"
#include "portal/rules/permissions.h"

namespace portal::server {
namespace {

constexpr size_t kSnapshotNotifications = kMaxNotificationsInRoom;

}  // namespace

bool is_notification_command(std::string_view type) {
  return type == kCmdNotificationRead || type == kCmdNotificationReadAll ||
         type == kCmdAuditList;
}

bool PortalService::on_notifications_subscribe(Client& client, const Identity& who,
                                               const SubscribeFrame& f) {
  if (f.room != kNotificationsRoom) return false;
  const Actor actor = who.actor();
  if (actor.role == Role::Kiosk) {
    client.send(error_frame(ErrorCode::Forbidden, "You do not have access to this room."));
    return true;
  }
  const std::string key = notifications_room_key(actor.user_id);
  follow_room(client, key);
  if (replay_missed(client, key, f)) return true;
  const NotificationsInputs in = store_.notifications_inputs(actor.user_id, key,
                                                             kSnapshotNotifications);
  send_snapshot(client, key, SnapshotFrame{f.room, in.seq, to_json(build_notifications(in))});
  return true;
}

bool PortalService::on_notifications_unsubscribe(Client& client, const Identity& who,
                                                 const UnsubscribeFrame& f) {
  if (f.room != kNotificationsRoom) return false;
  const std::string key = notifications_room_key(who.user.id);
  client.end_subscription(key);
  bus_.unsubscribe(key, &client);
  return true;
}

void PortalService::on_notification_command(Client& client, const Identity& who,
                                            const CommandFrame& f) {
  const Actor actor = who.actor();
  if (f.type == kCmdAuditList) {
    // A query: it changes nothing, so it is neither recorded nor audited.
    const std::optional<Organisation> vendor = store_.vendor_org();
    if (!may_read_audit(actor, vendor ? vendor->id : Id())) {
      client.send(error_frame(ErrorCode::Forbidden, "Only vendor admins can read the audit trail.",
                              f.id));
      return;
    }
    auto parsed = audit_list_from_json(f.payload);
    if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) {
      client.send(error_frame(ErrorCode::Validation, "Please check the highlighted fields.", f.id,
                              std::move(*fields)));
      return;
    }
    const AuditListRequest& req = std::get<AuditListRequest>(parsed);
    if (req.org_id.size() > kMaxIdBytes) {
      client.send(error_frame(ErrorCode::Validation, "Please check the highlighted fields.", f.id,
                              {{"org_id", "That is not an organisation id."}}));
      return;
    }
    bool more = false;
    Json entries = Json::array();
    for (const AuditRow& r : store_.audit_page({req.org_id, req.before, req.limit}, more)) {
      Json j = to_json(r.entry);
      j["target_org"] = r.target_org;
      entries.push_back(std::move(j));
    }
    client.send(AckFrame{f.id, {{"entries", std::move(entries)}, {"more", more}}});
    return;
  }

  std::optional<Id> only;
  if (f.type == kCmdNotificationRead) {
    auto parsed = notification_read_from_json(f.payload);
    if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) {
      client.send(error_frame(ErrorCode::Validation, "Please check the highlighted fields.", f.id,
                              std::move(*fields)));
      return;
    }
    only = std::get<NotificationReadRequest>(parsed).notification_id;
  }
  std::lock_guard lock(publish_mutex_);
  const CommandKey key{actor.user_id, f.id, f.type};
  if (auto recorded = store_.command_result(key)) {
    // Answered only once durable: the first try may still be waiting for its sync.
    return ack_and_publish(client, f.id, CommandOutcome{std::move(*recorded), {}, true});
  }
  if (only) {
    // Someone else's notification looks exactly like one that does not exist.
    std::optional<Notification> n =
        only->size() <= kMaxIdBytes ? store_.find_notification(*only) : std::nullopt;
    if (!n || n->user_id != actor.user_id) {
      client.send(error_frame(ErrorCode::NotFound, "That notification does not exist.", f.id));
      return;
    }
  }
  const UnixTime now = unix_now();
  NotificationReadChange change{actor.user_id, store_.unread_notification_ids(actor.user_id, only),
                                now};
  std::vector<NewEvent> events;
  if (!change.ids.empty())
    events.push_back({notifications_room_key(actor.user_id), std::string(kEvNotificationRead),
                      {{"ids", change.ids}, {"read_at", now}}});
  const Json result = {{"read", change.ids.size()}};
  ack_and_publish(client, f.id, store_.apply_notification_read(key, change, events, result, now));
}

}  // namespace portal::server

// Subscribe and unsubscribe: a room is sent as a snapshot, or as the events the client missed
// when it says which sequence number it already holds and the log still has the rest.
#include <algorithm>
#include <memory>

#include "app/accounts_builder.h"
#include "app/files_builder.h"
#include "app/overview_builder.h"
#include "app/pipeline_builder.h"
#include "app/portal_service.h"
#include "app/program_builder.h"
#include "app/projects_builder.h"
#include "app/room_keys.h"
#include "app/program_summary_events.h"
#include "portal/protocol/admin_commands.h"

namespace portal::server {
namespace {

// More missed events than this and a fresh snapshot is cheaper than the replay.
constexpr size_t kMaxReplay = 1000;

// The room kind a wire name opens for a partner: "leads" -> Leads, "program:<id>" -> Program;
// nothing for rooms outside the partnership's switchable set (conversations, notifications,
// cases).
std::optional<RoomKind> partner_room_kind(const std::string& room) {
  if (room.starts_with("program:")) return RoomKind::Program;
  return room_from_string(room);
}

}  // namespace

SharedFrame share(const ServerFrame& f) {
  return std::make_shared<const std::string>(encode(f));
}

void PortalService::follow_room(Client& client, const std::string& key, std::string wire_name) {
  if (!client.begin_subscription(key, std::move(wire_name))) return;
  bus_.subscribe(key, client.weak_from_this());
}

bool PortalService::replay_missed(Client& client, const std::string& key, const SubscribeFrame& f) {
  if (!f.after) return false;
  std::optional<std::vector<StoredEvent>> missed = store_.events_after(key, *f.after, kMaxReplay);
  if (!missed) return false;
  std::vector<SharedFrame> frames;
  int64_t seq = *f.after;
  for (const StoredEvent& e : *missed) {
    frames.push_back(share(EventFrame{f.room, e.seq, e.type, e.data}));
    seq = e.seq;
  }
  // Said even when nothing was missed: without it a client could not tell "up to date" from
  // "the answer was lost".
  frames.push_back(share(CaughtUpFrame{f.room, seq}));
  client.finish_subscription(key, frames, seq);
  return true;
}

void PortalService::send_snapshot(Client& client, const std::string& key,
                                  const SnapshotFrame& snapshot) {
  client.finish_subscription(key, {share(snapshot)}, snapshot.seq);
}

bool PortalService::room_switched_off(const Identity& who, const std::string& room) {
  if (who.org.kind != OrgKind::Partner) return false;
  const std::optional<RoomKind> kind = partner_room_kind(room);
  if (!kind || !is_switchable_room(*kind)) return false;
  // A partner organisation without a partnership (one the admin CLI added) keeps every room:
  // there is nothing that switched any off.
  const std::optional<Partnership> p = store_.partnership_of(who.org.id);
  return p && !room_enabled(p->rooms, *kind);
}

void PortalService::on_subscribe(Client& client, const Identity& who, const SubscribeFrame& f) {
  if (room_switched_off(who, f.room)) {
    client.send(error_frame(ErrorCode::Forbidden,
                            "Your partnership does not include this room. Ask your partner "
                            "manager if you need it."));
    return;
  }
  subscribe_room(client, who, f);
  // The partnership may have switched the room off while we subscribed. Its room.closed signal
  // went to the bus after that commit: if we followed the bus in time, the signal closed the
  // subscription already; if not, the commit is visible now, and we close it here.
  if (const std::optional<RoomKind> kind = partner_room_kind(f.room);
      kind && room_switched_off(who, f.room)) {
    const std::string key = partner_room_key(who.org.id, *kind);
    if (client.end_subscription(key)) {
      bus_.unsubscribe(key, &client);
      client.send(EventFrame{f.room, 0, std::string(kEvRoomClosed),
                             Json{{"room", f.room}, {"reason", "disabled"}}});
    }
  }
}

void PortalService::subscribe_room(Client& client, const Identity& who, const SubscribeFrame& f) {
  if (on_messages_subscribe(client, who, f)) return;
  if (on_notifications_subscribe(client, who, f)) return;
  if (on_content_subscribe(client, who, f)) return;
  if (on_program_subscribe(client, who, f)) return;
  const std::optional<RoomKind> room = room_from_string(f.room);
  if (!room) {
    client.send(error_frame(ErrorCode::NotFound,
                            "There is no room called \"" + f.room.substr(0, 64) + "\"."));
    return;
  }
  const Actor actor = who.actor();
  const auto visible = visible_rooms(actor.role);
  if (std::find(visible.begin(), visible.end(), *room) == visible.end()) {
    client.send(error_frame(ErrorCode::Forbidden, "You do not have access to this room."));
    return;
  }
  const std::string key = room_key(actor, *room);

  follow_room(client, key);
  if (replay_missed(client, key, f)) return;

  SnapshotFrame snapshot{f.room, 0, Json::object()};
  if (*room == RoomKind::Overview) {
    snapshot.state = to_json(overview_snapshot(store_, who, key, snapshot.seq));
  } else if (*room == RoomKind::Leads || *room == RoomKind::Deals) {
    const bool program_wide = is_vendor_staff(actor.role);
    const PipelineInputs in = store_.pipeline_inputs(
        program_wide ? std::nullopt : std::optional<Id>(actor.org_id), *room, key);
    snapshot.seq = in.seq;
    snapshot.state = *room == RoomKind::Leads ? to_json(build_leads(in)) : to_json(build_deals(in));
  } else if (*room == RoomKind::Accounts) {
    const bool program_wide = is_vendor_staff(actor.role);
    const AccountsInputs in = store_.accounts_inputs(
        program_wide ? std::nullopt : std::optional<Id>(actor.org_id), key);
    snapshot.seq = in.seq;
    snapshot.state = to_json(build_accounts(in, who.org.currency));
  } else if (*room == RoomKind::Program) {
    if (is_vendor_staff(actor.role)) {
      // Vendor staff get one summary row per partner; a partner's detail is its own room.
      snapshot.state = vendor_program_snapshot(store_, key, snapshot.seq);
    } else {
      const ProgramInputs in = store_.program_inputs(actor.org_id, key);
      snapshot.seq = in.seq;
      snapshot.state = to_json(build_program(in));
    }
  } else if (*room == RoomKind::Projects) {
    const bool program_wide = is_vendor_staff(actor.role);
    const ProjectsInputs in = store_.projects_inputs(
        program_wide ? std::nullopt : std::optional<Id>(actor.org_id), key);
    snapshot.seq = in.seq;
    snapshot.state = to_json(build_projects(in));
  } else if (*room == RoomKind::Files) {
    const FilesInputs in = store_.files_inputs(
        is_vendor_staff(actor.role) ? std::nullopt : std::optional<Id>(actor.org_id), key);
    snapshot.seq = in.seq;
    snapshot.state = build_files(in);
  } else {
    // Every room kind has its builder above or its own subscribe handler; a kind added later
    // answers an empty state with the room's real sequence number until it gets one.
    snapshot.seq = store_.room_seq(key);
  }
  send_snapshot(client, key, snapshot);
}

void PortalService::on_unsubscribe(Client& client, const Identity& who,
                                   const UnsubscribeFrame& f) {
  if (on_messages_unsubscribe(client, who, f)) return;
  if (on_notifications_unsubscribe(client, who, f)) return;
  if (on_content_unsubscribe(client, who, f)) return;
  if (on_program_unsubscribe(client, who, f)) return;
  const std::optional<RoomKind> room = room_from_string(f.room);
  if (!room) return;
  const std::string key = room_key(who.actor(), *room);
  client.end_subscription(key);
  bus_.unsubscribe(key, &client);
}

}  // namespace portal::server

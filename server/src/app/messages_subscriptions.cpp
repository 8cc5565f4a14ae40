// Subscribing to the Messages rooms: the user's own conversation list ("messages", which also
// marks the connection online) and a conversation ("conversation:<id>", only for those who may
// see it). A conversation resubscribed with `after` gets the exact events it missed; the list
// gets a fresh snapshot (its new-message signals are not stored).
#include "app/messages_builder.h"
#include "app/portal_service.h"
#include "portal/protocol/messaging_commands.h"
#include "portal/rules/entity_validation.h"

namespace portal::server {
bool PortalService::on_messages_subscribe(Client& client, const Identity& who,
                                          const SubscribeFrame& f) {
  const bool list = f.room == to_string(RoomKind::Messages);
  const Id conversation_id = conversation_of_room(f.room);
  if (!list && conversation_id.empty()) return false;  // not a Messages room
  const Actor actor = who.actor();
  if (!may(actor.role, RoomKind::Messages, Action::Read)) {
    client.send(error_frame(ErrorCode::Forbidden, "You do not have access to this room."));
    return true;
  }
  std::optional<Conversation> conv;
  if (!list) {
    conv = conversation_id.size() <= kMaxIdBytes ? store_.find_conversation(conversation_id)
                                                 : std::nullopt;
    if (!conv || !may_see_conversation(actor, *conv)) {
      client.send(error_frame(ErrorCode::NotFound,
                              "That conversation does not exist (or is not yours to see)."));
      return true;
    }
  }
  const std::string key = list ? messages_room_key(actor.user_id) : conversation_room(conv->id);

  follow_room(client, key);
  if (list) {
    // Every tab follows its list, so a followed list is a connection that is online.
    remember_audience(actor.user_id, actor.org_id);
    if (auto changed = presence_.connect(actor.user_id, &client))
      publish_presence(actor.user_id, *changed);
  }

  // A list's new-message signals are not stored, so a list always comes back as a snapshot.
  if (!list && replay_missed(client, key, f)) return true;
  SnapshotFrame snapshot{f.room, 0, Json::object()};
  if (list) {
    const MessagesInputs in = store_.messages_inputs(actor.user_id, actor.org_id, key);
    snapshot.seq = in.seq;
    snapshot.state = to_json(build_messages(in, actor.user_id, presence_.statuses(in.people)));
  } else {
    const ConversationInputs in = store_.conversation_inputs(*conv, kSnapshotMessages, key);
    snapshot.seq = in.seq;
    snapshot.state = to_json(build_conversation(in, actor.user_id));
  }
  send_snapshot(client, key, snapshot);
  return true;
}

bool PortalService::on_messages_unsubscribe(Client& client, const Identity& who,
                                            const UnsubscribeFrame& f) {
  const bool list = f.room == to_string(RoomKind::Messages);
  const Id conversation_id = conversation_of_room(f.room);
  if (!list && conversation_id.empty()) return false;
  const std::string key =
      list ? messages_room_key(who.user.id) : conversation_room(conversation_id);
  if (client.end_subscription(key)) {
    bus_.unsubscribe(key, &client);
    leave_presence(client, key);
  }
  return true;
}

void PortalService::leave_presence(Client& client, const std::string& room_key) {
  const Id user = user_of_messages_room(room_key);
  if (user.empty()) return;
  // This may run on an I/O thread (a closing connection): no store access here.
  if (auto changed = presence_.disconnect(user, &client)) publish_presence(user, *changed);
}

void PortalService::remember_audience(const Id& user, const Id& org) {
  // Only the people who share a conversation with the user hear about their presence.
  const MessagesInputs in = store_.messages_inputs(user, org, messages_room_key(user));
  std::vector<Id> audience{user};
  for (const Person& p : in.people)
    if (p.id != user) audience.push_back(p.id);
  presence_.join_audiences(user, audience);
  presence_.set_audience(user, std::move(audience));
}

void PortalService::publish_presence(const Id& user, Presence status) {
  auto frame = share(EventFrame{std::string(to_string(RoomKind::Messages)), 0,
                                std::string(kEvPresence),
                                {{"user_id", user}, {"status", to_string(status)}}});
  std::vector<std::string> rooms;
  for (const Id& listener : presence_.audience(user)) rooms.push_back(messages_room_key(listener));
  bus_.publish_each(std::move(rooms), BusMessage{{}, 0, std::move(frame)});
}

}  // namespace portal::server

// Builds the Messages rooms' states from what the store read (store/message_records.h): the
// viewer's conversation list and one conversation's window, titled from the viewer's side.
#pragma once
#include <string>
#include <vector>

#include "portal/rooms/messages.h"
#include "store/message_records.h"

namespace portal::server {

// "user:<id>/messages": each user's own list (unread counts are per user). "conversation:<id>"
// for a conversation: its wire name is its key.
std::string messages_room_key(const Id& user_id);
// The user of a list room's key, or "" when `room_key` is not one.
Id user_of_messages_room(const std::string& room_key);

// The channel's name, or for a direct message the other person's name.
std::string conversation_title(const Conversation& c, const Id& viewer,
                               const std::vector<Person>& people);
ConversationSummary make_summary(const ConversationListRow& row, const Id& viewer,
                                 const std::vector<Person>& people);
MessagesState build_messages(const MessagesInputs& in, const Id& viewer,
                             std::vector<PresenceEntry> presence);
ConversationState build_conversation(const ConversationInputs& in, const Id& viewer);
// Did the partner's side write it (so the vendor owes an answer)?
bool from_partner(const Message& m, const std::vector<Person>& people);

}  // namespace portal::server

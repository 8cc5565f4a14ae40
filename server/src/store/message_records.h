// What the store reads and writes for the Messages rooms (see store.h, sqlite_messages.cpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "portal/model/messaging.h"
#include "portal/rooms/messages.h"

namespace portal::server {

// One user's read position in a conversation and how many messages after it they did not write.
struct ReadState {
  Id user_id;
  int64_t read_seq = 0;
  int32_t unread = 0;
};

// A row of a user's conversation list, read in one consistent snapshot with the others.
struct ConversationListRow {
  Conversation conversation;
  std::string org_name;
  std::optional<Message> last;
  int64_t read_seq = 0;
  int32_t unread = 0;
};

// Everything a user's conversation list is built from.
struct MessagesInputs {
  std::vector<ConversationListRow> rows;
  std::vector<Person> people;  // everyone in any of those conversations
  int64_t seq = 0;
};

// Everything one conversation's room is built from.
struct ConversationInputs {
  Conversation conversation;
  std::string org_name;
  std::vector<Person> people;
  std::vector<Message> messages;  // the newest page, by seq
  std::vector<ReadMarker> reads;
  bool has_older = false;
  int64_t seq = 0;
};

// The rows one messaging command writes, in the same transaction as its events.
struct MessageChange {
  std::optional<Conversation> conversation;  // a new conversation with its members
  std::optional<Message> message;            // inserted when new_message, else updated by id
  bool new_message = false;
  std::optional<ReadMarker> read;  // raised (never lowered) in the same transaction
};

// A demo conversation with its history.
struct SeedConversation {
  Conversation conversation;
  std::vector<Message> messages;
  std::vector<ReadMarker> reads;
};

}  // namespace portal::server

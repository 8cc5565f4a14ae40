// Command and event names of the Messages room and the payload readers both hosts share.
// docs/protocol.md shows every payload with an example.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/protocol/frames.h"

namespace portal {

// Commands. Each payload is described next to its reader below.
inline constexpr std::string_view kCmdMessageSend = "message.send";
inline constexpr std::string_view kCmdMessageEdit = "message.edit";
inline constexpr std::string_view kCmdMessageDelete = "message.delete";
inline constexpr std::string_view kCmdConversationRead = "conversation.read";
inline constexpr std::string_view kCmdConversationCreate = "conversation.create";
// Queries answered in the ack; nothing is stored.
inline constexpr std::string_view kCmdMessagesHistory = "messages.history";
inline constexpr std::string_view kCmdMessagesSearch = "messages.search";
// The people the user may start a direct message with, matching a query (name or e-mail).
inline constexpr std::string_view kCmdMessagesPeople = "messages.people";
// Ephemeral signals: fanned out to the conversation's audience, never stored.
inline constexpr std::string_view kCmdTyping = "typing";
inline constexpr std::string_view kCmdPresenceSet = "presence.set";

// Events of a conversation room ("conversation:<id>"):
//   message.sent      {"message":Message,"author_name","client_id"} (client_id: the command id;
//                     the event also moves the author's read marker)
//   message.edited    {"message":Message}
//   message.deleted   {"message":Message}                 (a tombstone: body empty)
//   conversation.read {"marker":ReadMarker}
//   typing            {"conversation_id","user_id","name"} seq 0: ephemeral
// Events of a user's conversation list ("messages"):
//   conversation.added    {"summary":ConversationSummary,"people":[Person]}
//   conversation.activity {"conversation_id","message":Message,"author_name","unread"}
//                         (an edit or delete that changes the preview or the unread count)
//   conversation.message  {"conversation_id","message":Message,"author_name","from_partner"}
//                         seq 0: a new message, one frame for every member; the list counts it
//                         unread itself (idempotent by message seq). Not stored, so a list
//                         resubscribe always gets a fresh snapshot.
//   conversation.read     {"conversation_id","last_read_seq","unread"}
//   presence              {"user_id","status"}           seq 0: ephemeral
inline constexpr std::string_view kEvMessageSent = "message.sent";
inline constexpr std::string_view kEvMessageEdited = "message.edited";
inline constexpr std::string_view kEvMessageDeleted = "message.deleted";
inline constexpr std::string_view kEvConversationRead = "conversation.read";
inline constexpr std::string_view kEvConversationAdded = "conversation.added";
inline constexpr std::string_view kEvConversationActivity = "conversation.activity";
inline constexpr std::string_view kEvConversationMessage = "conversation.message";
inline constexpr std::string_view kEvTyping = "typing";
inline constexpr std::string_view kEvPresence = "presence";

// True for every command above (the server hands them to the Messages rooms' handler).
bool is_messaging_command(std::string_view type);

// The wire name of a conversation's room, and back ("" when `room` is not one).
inline constexpr std::string_view kConversationRoomPrefix = "conversation:";
std::string conversation_room(std::string_view conversation_id);
std::string conversation_of_room(std::string_view room);

inline constexpr size_t kMaxHistoryPage = 100;   // messages per history page
inline constexpr size_t kSnapshotMessages = 50;  // newest messages in a conversation snapshot
inline constexpr size_t kMaxSearchQuery = 200;   // bytes of a search query
inline constexpr size_t kMaxSearchResults = 50;
inline constexpr size_t kMaxPeopleQuery = 100;  // bytes of a messages.people query

// message.send {"conversation_id","body","parent_id"?,"attachments"?: [upload_id, ...]}
struct SendPayload {
  Id conversation_id;
  std::string body;
  Id parent_id;
  std::vector<Id> attachments;  // upload ids (POST /api/uploads), as sent: checked by the server
  bool attachments_ok = true;   // false: "attachments" was not a list of strings
};
// message.edit {"message_id","body"}, message.delete {"message_id"}
struct MessageTarget {
  Id message_id;
  std::string body;
};
// conversation.read {"conversation_id","seq"}
struct ReadPayload {
  Id conversation_id;
  int64_t seq = 0;
};
// conversation.create {"kind":"topic","org_id","title","member_ids"?} by vendor staff, or
// {"kind":"direct","user_id"} by anyone.
struct CreatePayload {
  std::string kind;
  Id org_id;
  std::string title;
  std::vector<Id> member_ids;
  Id user_id;
};
// messages.history {"conversation_id","before_seq","limit"?}
struct HistoryPayload {
  Id conversation_id;
  int64_t before_seq = 0;
  size_t limit = 50;
};
// messages.search {"query","limit"?}; messages.people has the same shape (the query may be
// empty: the first people by name).
struct SearchPayload {
  std::string query;
  size_t limit = 20;
};

// Each reader returns nullopt when a field is missing or of the wrong type; sizes are checked
// by the server's validation afterwards.
std::optional<SendPayload> send_payload_from_json(const Json& j);
std::optional<MessageTarget> message_target_from_json(const Json& j, bool with_body);
std::optional<ReadPayload> read_payload_from_json(const Json& j);
std::optional<CreatePayload> create_payload_from_json(const Json& j);
std::optional<HistoryPayload> history_payload_from_json(const Json& j);
std::optional<SearchPayload> search_payload_from_json(const Json& j);

// An FTS5 MATCH expression for what a user typed: every word becomes a quoted prefix term, all
// of them required, so no user input is ever read as FTS5 syntax. nullopt when there is no word.
std::optional<std::string> fts_match_expression(std::string_view typed);

}  // namespace portal

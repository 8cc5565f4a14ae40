// The Messages rooms' states, their snapshot codecs and how an event changes them. Two kinds:
// the user's conversation list ("messages": every conversation they may see, with unread counts,
// the last message and who is online) and one room per conversation ("conversation:<id>": a
// window of its newest messages, its people and their read markers). The same apply() runs on
// the server and in the browser.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/messaging.h"
#include "portal/protocol/frames.h"

namespace portal {

enum class Presence { Offline, Away, Online };
std::string_view to_string(Presence p);
std::optional<Presence> presence_from_string(std::string_view s);

// Someone who can take part in a conversation, as the rooms show them.
struct Person {
  Id id;
  std::string name;
  Id org_id;
  bool vendor = false;  // vendor staff (answers partners); false for a partner's people
  friend bool operator==(const Person&, const Person&) = default;
};

struct PresenceEntry {
  Id user_id;
  Presence status = Presence::Offline;
  friend bool operator==(const PresenceEntry&, const PresenceEntry&) = default;
};

// [SECTION] The conversation list

struct ConversationSummary {
  Conversation conversation;
  std::string title;     // the channel name, or the other person's name for a direct message
  std::string org_name;  // the partner it belongs to
  std::optional<Message> last;
  std::string last_author;
  int64_t read_seq = 0;  // the viewer's read marker
  int32_t unread = 0;    // messages after it, not the viewer's own, not deleted
  bool awaiting_reply = false;  // the last message came from the partner's side
  friend bool operator==(const ConversationSummary&, const ConversationSummary&) = default;
};

struct MessagesState {
  Id me;
  std::vector<ConversationSummary> conversations;  // most recent activity first
  std::vector<Person> people;                      // everyone in those conversations
  std::vector<PresenceEntry> presence;             // only people not offline
  friend bool operator==(const MessagesState&, const MessagesState&) = default;
};

Json to_json(const Person& p);
std::optional<Person> person_from_json(const Json& j);
Json to_json(const ConversationSummary& s);
std::optional<ConversationSummary> conversation_summary_from_json(const Json& j);
Json to_json(const MessagesState& s);
std::optional<MessagesState> messages_from_json(const Json& j);
// Applies conversation.added, conversation.activity, conversation.message, conversation.read and
// presence; anything else (or a malformed or already-applied event) leaves the state unchanged
// and returns false.
bool apply(MessagesState& s, std::string_view event_type, const Json& data);
// When the conversation last moved: its last message, else its creation.
UnixTime last_activity(const ConversationSummary& s);
const ConversationSummary* find_summary(const MessagesState& s, const Id& conversation_id);
const Person* find_person(const std::vector<Person>& people, const Id& user_id);
Presence presence_of(const MessagesState& s, const Id& user_id);
int32_t total_unread(const MessagesState& s);
// The support queue: conversations waiting for the vendor's answer first (oldest wait first),
// then the rest by recent activity.
std::vector<const ConversationSummary*> support_queue(const MessagesState& s);

// [SECTION] One conversation

struct ConversationState {
  Conversation conversation;
  std::string title;
  std::vector<Person> people;      // its audience: members, and a channel's partner users
  std::vector<Message> messages;   // by seq, a window that ends at the newest message
  std::vector<ReadMarker> reads;   // one per person who has read anything
  bool has_older = false;          // messages before the window exist
  friend bool operator==(const ConversationState&, const ConversationState&) = default;
};

Json to_json(const ConversationState& s);
std::optional<ConversationState> conversation_state_from_json(const Json& j);
// Applies message.sent, message.edited, message.deleted and conversation.read.
bool apply(ConversationState& s, std::string_view event_type, const Json& data);
// Puts an older page (from messages.history, any order) in front of the window; messages
// already held are skipped. Returns how many were added.
size_t merge_older(ConversationState& s, std::vector<Message> page, bool has_older);
const Message* find_message(const ConversationState& s, const Id& message_id);
// The people other than `author` whose read marker reaches `seq`, in the order of `people`.
std::vector<const Person*> seen_by(const ConversationState& s, int64_t seq, const Id& author);
// The newest message seq held (0 when none).
int64_t newest_seq(const ConversationState& s);

}  // namespace portal

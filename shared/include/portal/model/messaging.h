// The Messages room: conversations (direct or topic channels) with their members, messages with
// threads, edits, deletions and attachments, and each member's read position. The server numbers
// a conversation's messages with a gap-free seq, so "unread" and "resume after" are comparisons.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/entities.h"

namespace portal {

enum class ConversationKind { Direct, Topic };
// Wire name: "direct", "topic". Label: "Direct message", "Channel".
std::string_view to_string(ConversationKind k);
std::optional<ConversationKind> conversation_kind_from_string(std::string_view s);
std::string_view conversation_kind_label(ConversationKind k);

struct Conversation {
  Id id;
  Id org_id;  // the partner whose room it belongs to
  ConversationKind kind = ConversationKind::Topic;
  std::string title;           // channel name; empty for direct messages
  std::vector<Id> member_ids;  // exactly two for direct messages
  Id created_by;
  UnixTime created_at = 0;
  bool archived = false;
  friend bool operator==(const Conversation&, const Conversation&) = default;
};

// True when `user_id` is a member.
bool is_member(const Conversation& c, const Id& user_id);

// What a message shows of one attachment without fetching it (filled by the server from the
// upload; GET /api/files/<id> serves the bytes).
struct AttachmentInfo {
  Id id;  // the upload id
  std::string name;
  std::string content_type;
  int64_t size_bytes = 0;
  friend bool operator==(const AttachmentInfo&, const AttachmentInfo&) = default;
};

struct Message {
  Id id;
  Id conversation_id;
  int64_t seq = 0;  // 1, 2, 3, ... within the conversation; 0 until stored
  Id author_id;
  std::string body;
  Id parent_id;                    // the thread's first message; empty for top level
  std::vector<Id> attachment_ids;  // uploads, in the order the author attached them
  std::vector<AttachmentInfo> attachments;  // their metadata, same order (set by the server)
  UnixTime sent_at = 0;
  bool edited = false;
  UnixTime edited_at = 0;
  bool deleted = false;  // kept as a tombstone so seqs stay gap-free
  friend bool operator==(const Message&, const Message&) = default;
};

// Where a member has read up to in a conversation: the read receipt.
struct ReadMarker {
  Id conversation_id;
  Id user_id;
  int64_t last_read_seq = 0;
  UnixTime read_at = 0;
  friend bool operator==(const ReadMarker&, const ReadMarker&) = default;
};

// Messages of `messages` after `last_read_seq`, not deleted and not written by `reader_id`.
int32_t unread_count(std::span<const Message> messages, int64_t last_read_seq, const Id& reader_id);
// The seq of the message `message_id` in `messages`, or 0 when it is not there (nothing read).
int64_t seq_of(std::span<const Message> messages, const Id& message_id);
// The replies to `parent_id`, in seq order.
std::vector<const Message*> thread_of(std::span<const Message> messages, const Id& parent_id);

}  // namespace portal

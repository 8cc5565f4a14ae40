#include "portal/model/messaging.h"

#include <algorithm>

#include "model/name_table.h"

namespace portal {
namespace {

constexpr detail::NameTable<ConversationKind, 2> kKinds{{{
    {"direct", "Direct message"},
    {"topic", "Channel"},
}}};

}  // namespace

std::string_view to_string(ConversationKind k) {
  return kKinds.wire(k);
}
std::optional<ConversationKind> conversation_kind_from_string(std::string_view s) {
  return kKinds.parse(s);
}
std::string_view conversation_kind_label(ConversationKind k) {
  return kKinds.label(k);
}

bool is_member(const Conversation& c, const Id& user_id) {
  return std::find(c.member_ids.begin(), c.member_ids.end(), user_id) != c.member_ids.end();
}

int32_t unread_count(std::span<const Message> messages, int64_t last_read_seq,
                     const Id& reader_id) {
  return static_cast<int32_t>(
      std::count_if(messages.begin(), messages.end(), [&](const Message& m) {
        return m.seq > last_read_seq && !m.deleted && m.author_id != reader_id;
      }));
}

int64_t seq_of(std::span<const Message> messages, const Id& message_id) {
  for (const Message& m : messages)
    if (m.id == message_id) return m.seq;
  return 0;
}

std::vector<const Message*> thread_of(std::span<const Message> messages, const Id& parent_id) {
  std::vector<const Message*> replies;
  for (const Message& m : messages)
    if (!parent_id.empty() && m.parent_id == parent_id) replies.push_back(&m);
  std::sort(replies.begin(), replies.end(),
            [](const Message* a, const Message* b) { return a->seq < b->seq; });
  return replies;
}

}  // namespace portal

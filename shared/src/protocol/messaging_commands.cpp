#include "portal/protocol/messaging_commands.h"

#include <algorithm>

#include "protocol/json_fields.h"

namespace portal {
namespace {

using detail::field;
using detail::get_int;
using detail::get_string;

std::string optional_string(const Json& j, const char* name, bool& ok) {
  const Json* f = field(j, name);
  if (f == nullptr || f->is_null()) return {};
  if (!f->is_string()) {
    ok = false;
    return {};
  }
  return f->get<std::string>();
}

}  // namespace

bool is_messaging_command(std::string_view type) {
  for (std::string_view t : {kCmdMessageSend, kCmdMessageEdit, kCmdMessageDelete,
                             kCmdConversationRead, kCmdConversationCreate, kCmdMessagesHistory,
                             kCmdMessagesSearch, kCmdMessagesPeople, kCmdTyping, kCmdPresenceSet})
    if (t == type) return true;
  return false;
}

std::string conversation_room(std::string_view conversation_id) {
  return std::string(kConversationRoomPrefix) + std::string(conversation_id);
}

std::string conversation_of_room(std::string_view room) {
  if (!room.starts_with(kConversationRoomPrefix)) return {};
  return std::string(room.substr(kConversationRoomPrefix.size()));
}

std::optional<SendPayload> send_payload_from_json(const Json& j) {
  auto conv = get_string(j, "conversation_id");
  auto body = get_string(j, "body");
  if (!conv || !body) return std::nullopt;
  bool ok = true;
  SendPayload p{*conv, *body, optional_string(j, "parent_id", ok), {}, true};
  if (!ok) return std::nullopt;
  if (const Json* a = field(j, "attachments"); a != nullptr && !a->is_null()) {
    if (!a->is_array() || a->size() > 100) {
      p.attachments_ok = false;
    } else {
      for (const Json& id : *a) {
        if (!id.is_string()) {
          p.attachments_ok = false;
          break;
        }
        p.attachments.push_back(id.get<std::string>());
      }
    }
  }
  return p;
}

std::optional<MessageTarget> message_target_from_json(const Json& j, bool with_body) {
  auto id = get_string(j, "message_id");
  if (!id) return std::nullopt;
  MessageTarget t{*id, {}};
  if (with_body) {
    auto body = get_string(j, "body");
    if (!body) return std::nullopt;
    t.body = *body;
  }
  return t;
}

std::optional<ReadPayload> read_payload_from_json(const Json& j) {
  auto conv = get_string(j, "conversation_id");
  auto seq = get_int(j, "seq");
  if (!conv || !seq) return std::nullopt;
  return ReadPayload{*conv, *seq};
}

std::optional<CreatePayload> create_payload_from_json(const Json& j) {
  auto kind = get_string(j, "kind");
  if (!kind) return std::nullopt;
  bool ok = true;
  CreatePayload p;
  p.kind = *kind;
  p.org_id = optional_string(j, "org_id", ok);
  p.title = optional_string(j, "title", ok);
  p.user_id = optional_string(j, "user_id", ok);
  if (const Json* members = field(j, "member_ids"); members != nullptr && !members->is_null()) {
    if (!members->is_array()) return std::nullopt;
    for (const Json& m : *members) {
      if (!m.is_string()) return std::nullopt;
      p.member_ids.push_back(m.get<std::string>());
    }
  }
  if (!ok) return std::nullopt;
  return p;
}

std::optional<HistoryPayload> history_payload_from_json(const Json& j) {
  auto conv = get_string(j, "conversation_id");
  auto before = get_int(j, "before_seq");
  if (!conv || !before) return std::nullopt;
  HistoryPayload p{*conv, *before, 50};
  if (field(j, "limit") != nullptr) {
    auto limit = get_int(j, "limit");
    if (!limit) return std::nullopt;
    p.limit = static_cast<size_t>(std::clamp<int64_t>(*limit, 1, kMaxHistoryPage));
  }
  return p;
}

std::optional<SearchPayload> search_payload_from_json(const Json& j) {
  auto query = get_string(j, "query");
  if (!query) return std::nullopt;
  SearchPayload p{*query, 20};
  if (field(j, "limit") != nullptr) {
    auto limit = get_int(j, "limit");
    if (!limit) return std::nullopt;
    p.limit = static_cast<size_t>(std::clamp<int64_t>(*limit, 1, kMaxSearchResults));
  }
  return p;
}

std::optional<std::string> fts_match_expression(std::string_view typed) {
  // Letters, digits and every byte of a multi-byte UTF-8 character make up words; anything else
  // (quotes, operators, punctuation) separates them and is dropped.
  auto is_word_byte = [](unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
  };
  std::string out;
  size_t words = 0;
  size_t i = 0;
  while (i < typed.size() && words < 16) {
    while (i < typed.size() && !is_word_byte(static_cast<unsigned char>(typed[i]))) ++i;
    const size_t start = i;
    while (i < typed.size() && is_word_byte(static_cast<unsigned char>(typed[i]))) ++i;
    if (i == start) break;
    if (!out.empty()) out += ' ';
    out += '"';
    out.append(typed.substr(start, i - start));
    out += "\"*";
    ++words;
  }
  if (words == 0) return std::nullopt;
  return out;
}

}  // namespace portal

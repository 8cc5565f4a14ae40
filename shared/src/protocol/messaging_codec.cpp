// JSON codecs of conversations, messages and read markers (model/messaging.h).
#include "portal/protocol/model_codecs.h"
#include "protocol/field_codec.h"

namespace portal {

inline std::optional<ConversationKind> parse_enum(std::type_identity<ConversationKind>,
                                                  std::string_view s) {
  return conversation_kind_from_string(s);
}

template <class V>
void visit_fields(V& v, Conversation& c) {
  v("id", c.id);
  v("org_id", c.org_id);
  v("kind", c.kind);
  v("title", c.title);
  v("member_ids", c.member_ids);
  v("created_by", c.created_by);
  v("created_at", c.created_at);
  v("archived", c.archived);
}

template <class V>
void visit_fields(V& v, AttachmentInfo& a) {
  v("id", a.id);
  v("name", a.name);
  v("content_type", a.content_type);
  v("size_bytes", a.size_bytes);
}

template <class V>
void visit_fields(V& v, Message& m) {
  v("id", m.id);
  v("conversation_id", m.conversation_id);
  v("seq", m.seq);
  v("author_id", m.author_id);
  v("body", m.body);
  v("parent_id", m.parent_id);
  v("attachment_ids", m.attachment_ids);
  v("attachments", m.attachments);
  v("sent_at", m.sent_at);
  v("edited", m.edited);
  v("edited_at", m.edited_at);
  v("deleted", m.deleted);
}

template <class V>
void visit_fields(V& v, ReadMarker& r) {
  v("conversation_id", r.conversation_id);
  v("user_id", r.user_id);
  v("last_read_seq", r.last_read_seq);
  v("read_at", r.read_at);
}

using detail::decode_entity;
using detail::encode_entity;

Json to_json(const Conversation& v) {
  return encode_entity(v);
}
Json to_json(const Message& v) {
  return encode_entity(v);
}
Json to_json(const ReadMarker& v) {
  return encode_entity(v);
}
std::optional<Conversation> conversation_from_json(const Json& j) {
  return decode_entity<Conversation>(j);
}
std::optional<Message> message_from_json(const Json& j) {
  return decode_entity<Message>(j);
}
std::optional<ReadMarker> read_marker_from_json(const Json& j) {
  return decode_entity<ReadMarker>(j);
}

}  // namespace portal

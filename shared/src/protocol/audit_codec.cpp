// JSON codecs of audit entries and notifications (model/audit.h).
#include "portal/protocol/model_codecs.h"
#include "protocol/field_codec.h"

namespace portal {

inline std::optional<NotificationKind> parse_enum(std::type_identity<NotificationKind>,
                                                  std::string_view s) {
  return notification_kind_from_string(s);
}

template <class V>
void visit_fields(V& v, AuditEntry& e) {
  v("id", e.id);
  v("at", e.at);
  v("actor_id", e.actor_id);
  v("actor_org_id", e.actor_org_id);
  v("action", e.action);
  v("target_kind", e.target_kind);
  v("target_id", e.target_id);
  v("summary", e.summary);
}

template <class V>
void visit_fields(V& v, Notification& n) {
  v("id", n.id);
  v("user_id", n.user_id);
  v("kind", n.kind);
  v("title", n.title);
  v("body", n.body);
  v("link", n.link);
  v("created_at", n.created_at);
  v("read_at", n.read_at);
  v("emailed", n.emailed);
}

using detail::decode_entity;
using detail::encode_entity;

Json to_json(const AuditEntry& v) {
  return encode_entity(v);
}
Json to_json(const Notification& v) {
  return encode_entity(v);
}
std::optional<AuditEntry> audit_entry_from_json(const Json& j) {
  return decode_entity<AuditEntry>(j);
}
std::optional<Notification> notification_from_json(const Json& j) {
  return decode_entity<Notification>(j);
}

}  // namespace portal

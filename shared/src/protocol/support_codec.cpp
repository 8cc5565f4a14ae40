// JSON codecs of support cases and knowledge-base articles (model/support.h).
#include "portal/protocol/model_codecs.h"
#include "protocol/field_codec.h"

namespace portal {

inline std::optional<CasePriority> parse_enum(std::type_identity<CasePriority>,
                                              std::string_view s) {
  return case_priority_from_string(s);
}
inline std::optional<CaseStatus> parse_enum(std::type_identity<CaseStatus>, std::string_view s) {
  return case_status_from_string(s);
}

template <class V>
void visit_fields(V& v, SupportCase& c) {
  v("id", c.id);
  v("org_id", c.org_id);
  v("subject", c.subject);
  v("description", c.description);
  v("priority", c.priority);
  v("status", c.status);
  v("opened_by", c.opened_by);
  v("assignee_id", c.assignee_id);
  v("conversation_id", c.conversation_id);
  v("opened_at", c.opened_at);
  v("updated_at", c.updated_at);
  v("resolved_at", c.resolved_at);
}

template <class V>
void visit_fields(V& v, KbArticle& a) {
  v("id", a.id);
  v("title", a.title);
  v("body", a.body);
  v("category", a.category);
  v("tags", a.tags);
  v("published", a.published);
  v("author_id", a.author_id);
  v("updated_at", a.updated_at);
}

using detail::decode_entity;
using detail::encode_entity;

Json to_json(const SupportCase& v) {
  return encode_entity(v);
}
Json to_json(const KbArticle& v) {
  return encode_entity(v);
}
std::optional<SupportCase> support_case_from_json(const Json& j) {
  return decode_entity<SupportCase>(j);
}
std::optional<KbArticle> kb_article_from_json(const Json& j) {
  return decode_entity<KbArticle>(j);
}

}  // namespace portal

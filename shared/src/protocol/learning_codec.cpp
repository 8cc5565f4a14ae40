// JSON codecs of trainings, certifications and progress (model/learning.h).
#include "portal/protocol/model_codecs.h"
#include "protocol/field_codec.h"

namespace portal {

inline std::optional<TrainingFormat> parse_enum(std::type_identity<TrainingFormat>,
                                                std::string_view s) {
  return training_format_from_string(s);
}

template <class V>
void visit_fields(V& v, Training& t) {
  v("id", t.id);
  v("title", t.title);
  v("description", t.description);
  v("format", t.format);
  v("modules", t.modules);
  v("duration_minutes", t.duration_minutes);
  v("file_id", t.file_id);
}

template <class V>
void visit_fields(V& v, Certification& c) {
  v("id", c.id);
  v("name", c.name);
  v("description", c.description);
  v("training_ids", c.training_ids);
  v("validity_days", c.validity_days);
}

template <class V>
void visit_fields(V& v, TrainingProgress& p) {
  v("user_id", p.user_id);
  v("training_id", p.training_id);
  v("completed_modules", p.completed_modules);
  v("started_at", p.started_at);
  v("completed_at", p.completed_at);
}

template <class V>
void visit_fields(V& v, UserCertification& c) {
  v("id", c.id);
  v("user_id", c.user_id);
  v("org_id", c.org_id);
  v("certification_id", c.certification_id);
  v("earned_at", c.earned_at);
  v("expires_at", c.expires_at);
}

using detail::decode_entity;
using detail::encode_entity;

Json to_json(const Training& v) {
  return encode_entity(v);
}
Json to_json(const Certification& v) {
  return encode_entity(v);
}
Json to_json(const TrainingProgress& v) {
  return encode_entity(v);
}
Json to_json(const UserCertification& v) {
  return encode_entity(v);
}
std::optional<Training> training_from_json(const Json& j) {
  return decode_entity<Training>(j);
}
std::optional<Certification> certification_from_json(const Json& j) {
  return decode_entity<Certification>(j);
}
std::optional<TrainingProgress> training_progress_from_json(const Json& j) {
  return decode_entity<TrainingProgress>(j);
}
std::optional<UserCertification> user_certification_from_json(const Json& j) {
  return decode_entity<UserCertification>(j);
}

}  // namespace portal

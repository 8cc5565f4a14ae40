// JSON codec of vendor-defined rooms and their sections (model/custom_rooms.h).
#include "portal/protocol/model_codecs.h"
#include "protocol/field_codec.h"

namespace portal {

inline std::optional<RoomTemplate> parse_enum(std::type_identity<RoomTemplate>,
                                              std::string_view s) {
  return room_template_from_string(s);
}
inline std::optional<SectionKind> parse_enum(std::type_identity<SectionKind>, std::string_view s) {
  return section_kind_from_string(s);
}

template <class V>
void visit_fields(V& v, RoomSection& s) {
  v("title", s.title);
  v("kind", s.kind);
  v("body", s.body);
  v("item_ids", s.item_ids);
}

template <class V>
void visit_fields(V& v, CustomRoom& r) {
  v("id", r.id);
  v("title", r.title);
  v("slug", r.slug);
  v("kind", r.kind);
  v("sections", r.sections);
  v("partnership_ids", r.partnership_ids);
  v("published", r.published);
  v("updated_at", r.updated_at);
}

Json to_json(const CustomRoom& v) {
  return detail::encode_entity(v);
}
std::optional<CustomRoom> custom_room_from_json(const Json& j) {
  return detail::decode_entity<CustomRoom>(j);
}

}  // namespace portal

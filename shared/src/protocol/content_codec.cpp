// JSON codecs of resources, brand assets and announcements (model/content.h).
#include "portal/protocol/model_codecs.h"
#include "protocol/field_codec.h"

namespace portal {

inline std::optional<ResourceCategory> parse_enum(std::type_identity<ResourceCategory>,
                                                  std::string_view s) {
  return resource_category_from_string(s);
}
inline std::optional<BrandCategory> parse_enum(std::type_identity<BrandCategory>,
                                               std::string_view s) {
  return brand_category_from_string(s);
}

// Resources and brand assets are both catalogue entries with the same fields.
template <class V, class Entry>
void visit_catalogue_fields(V& v, Entry& e) {
  v("id", e.id);
  v("category", e.category);
  v("title", e.title);
  v("description", e.description);
  v("file_id", e.file_id);
  v("tags", e.tags);
  v("published_at", e.published_at);
  v("updated_at", e.updated_at);
}

template <class V>
void visit_fields(V& v, Resource& r) {
  visit_catalogue_fields(v, r);
}
template <class V>
void visit_fields(V& v, BrandAsset& a) {
  visit_catalogue_fields(v, a);
}

template <class V>
void visit_fields(V& v, Announcement& a) {
  v("id", a.id);
  v("title", a.title);
  v("body", a.body);
  v("type_ids", a.type_ids);
  v("pinned", a.pinned);
  v("author_id", a.author_id);
  v("published_at", a.published_at);
  v("expires_at", a.expires_at);
}

using detail::decode_entity;
using detail::encode_entity;

Json to_json(const Resource& v) {
  return encode_entity(v);
}
Json to_json(const BrandAsset& v) {
  return encode_entity(v);
}
Json to_json(const Announcement& v) {
  return encode_entity(v);
}
std::optional<Resource> resource_from_json(const Json& j) {
  return decode_entity<Resource>(j);
}
std::optional<BrandAsset> brand_asset_from_json(const Json& j) {
  return decode_entity<BrandAsset>(j);
}
std::optional<Announcement> announcement_from_json(const Json& j) {
  return decode_entity<Announcement>(j);
}

}  // namespace portal

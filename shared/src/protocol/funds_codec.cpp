// JSON codecs of the MDF ledger and marketing activities (model/funds.h).
#include "portal/protocol/model_codecs.h"
#include "protocol/field_codec.h"

namespace portal {

inline std::optional<MdfDirection> parse_enum(std::type_identity<MdfDirection>,
                                              std::string_view s) {
  return mdf_direction_from_string(s);
}
inline std::optional<ActivityKind> parse_enum(std::type_identity<ActivityKind>,
                                              std::string_view s) {
  return activity_kind_from_string(s);
}
inline std::optional<ActivityStatus> parse_enum(std::type_identity<ActivityStatus>,
                                                std::string_view s) {
  return activity_status_from_string(s);
}

template <class V>
void visit_fields(V& v, MdfEntry& e) {
  v("id", e.id);
  v("org_id", e.org_id);
  v("direction", e.direction);
  v("amount", e.amount);
  v("description", e.description);
  v("activity_id", e.activity_id);
  v("booked_by", e.booked_by);
  v("booked_at", e.booked_at);
}

template <class V>
void visit_fields(V& v, MarketingActivity& a) {
  v("id", a.id);
  v("org_id", a.org_id);
  v("title", a.title);
  v("description", a.description);
  v("kind", a.kind);
  v("status", a.status);
  v("starts_at", a.starts_at);
  v("ends_at", a.ends_at);
  v("budget", a.budget);
  v("mdf_requested", a.mdf_requested);
  v("leads_generated", a.leads_generated);
}

using detail::decode_entity;
using detail::encode_entity;

Json to_json(const MdfEntry& v) {
  return encode_entity(v);
}
Json to_json(const MarketingActivity& v) {
  return encode_entity(v);
}
std::optional<MdfEntry> mdf_entry_from_json(const Json& j) {
  return decode_entity<MdfEntry>(j);
}
std::optional<MarketingActivity> marketing_activity_from_json(const Json& j) {
  return decode_entity<MarketingActivity>(j);
}

}  // namespace portal

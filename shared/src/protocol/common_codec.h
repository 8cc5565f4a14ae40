// Field lists and enum parsers of types that several areas' codecs embed (roles, rooms, KPIs,
// task status, tier levels). Private to portal_core; see field_codec.h.
#pragma once
#include "portal/model/room_kind.h"
#include "portal/model/task_status.h"
#include "portal/rules/tiers.h"
#include "protocol/field_codec.h"

namespace portal {

inline std::optional<Role> parse_enum(std::type_identity<Role>, std::string_view s) {
  return role_from_string(s);
}
inline std::optional<RoomKind> parse_enum(std::type_identity<RoomKind>, std::string_view s) {
  return room_from_string(s);
}
inline std::optional<KpiKind> parse_enum(std::type_identity<KpiKind>, std::string_view s) {
  return kpi_kind_from_string(s);
}
inline std::optional<TaskStatus> parse_enum(std::type_identity<TaskStatus>, std::string_view s) {
  return task_status_from_string(s);
}

template <class V>
void visit_fields(V& v, LevelRequirement& r) {
  v("kind", r.kind);
  v("threshold", r.threshold);
}

template <class V>
void visit_fields(V& v, Level& l) {
  v("name", l.name);
  v("rank", l.rank);
  v("revenue_share_bp", l.revenue_share_bp);
  v("mdf_accrual_bp", l.mdf_accrual_bp);
  v("requirements", l.requirements);
}

}  // namespace portal

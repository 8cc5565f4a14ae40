#include "portal/rooms/room_partners.h"

#include "protocol/json_fields.h"

namespace portal {

Json to_json(const std::vector<RoomPartner>& partners) {
  Json out = Json::array();
  for (const RoomPartner& p : partners)
    out.push_back({{"org_id", p.org_id}, {"name", p.name}, {"revenue_share_bp", p.revenue_share_bp}});
  return out;
}

std::optional<std::vector<RoomPartner>> room_partners_from_json(const Json& j) {
  if (!j.is_array()) return std::nullopt;
  std::vector<RoomPartner> out;
  for (const Json& p : j) {
    auto id = detail::get_string(p, "org_id"), name = detail::get_string(p, "name");
    auto share = detail::get_int(p, "revenue_share_bp");
    if (!id || !name || !share) return std::nullopt;
    out.push_back(RoomPartner{*id, *name, static_cast<int32_t>(*share)});
  }
  return out;
}

const RoomPartner* find_partner(const std::vector<RoomPartner>& partners, const Id& org_id) {
  for (const RoomPartner& p : partners)
    if (p.org_id == org_id) return &p;
  return nullptr;
}

std::optional<TermsChange> terms_change_from_json(const Json& data) {
  auto org = detail::get_string(data, "org_id"), tier = detail::get_string(data, "tier");
  auto share = detail::get_int(data, "revenue_share_bp");
  if (!org || !tier || !share || *share < 0 || *share > 10'000) return std::nullopt;
  return TermsChange{*org, *tier, static_cast<int32_t>(*share)};
}

const RoomPartner* apply_terms_change(std::vector<RoomPartner>& partners, const Json& data) {
  auto change = terms_change_from_json(data);
  if (!change) return nullptr;
  for (RoomPartner& p : partners) {
    if (p.org_id != change->org_id) continue;
    p.revenue_share_bp = change->revenue_share_bp;
    return &p;
  }
  return nullptr;
}

}  // namespace portal

// The partner organisations a Leads or Deals room shows: one for a partner's own room, every
// partner for vendor staff. apply() takes each row's name and revenue share from here.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "portal/model/entities.h"
#include "portal/protocol/frames.h"

namespace portal {

struct RoomPartner {
  Id org_id;
  std::string name;
  int32_t revenue_share_bp = 0;
  friend bool operator==(const RoomPartner&, const RoomPartner&) = default;
};

Json to_json(const std::vector<RoomPartner>& partners);
std::optional<std::vector<RoomPartner>> room_partners_from_json(const Json& j);
const RoomPartner* find_partner(const std::vector<RoomPartner>& partners, const Id& org_id);

}  // namespace portal

// A form's type-to-search over the partner organisations (partners.search): what is typed,
// the query the results answer, and the command waiting for its ack. The announcement's
// audience and a new channel's partner each have one (ui/partner_picker.cpp draws it).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "portal/rooms/overview_parts.h"
#include "portal/rooms/room_partners.h"

namespace portal::client {

struct PartnerSearchUi {
  char query[kMaxPartnerQuery + 2] = {};
  std::optional<std::string> searched;
  std::string pending;
  std::vector<RoomPartner> results;
};

}  // namespace portal::client

// The partner organisations a Leads or Deals room shows: one for a partner's own room, every
// partner for vendor staff. apply() takes each row's name and revenue share from here.
#pragma once
#include <optional>
#include <string>
#include <string_view>
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

// partner.terms_changed: the partner's level and revenue share from now on (tier_review.apply).
// Sent to the Overview, Leads and Deals rooms of the partner and of the vendor; each re-prices
// what is still open, never what was won (a won deal keeps Deal::commission_bp).
inline constexpr std::string_view kEvPartnerTermsChanged = "partner.terms_changed";
struct TermsChange {
  Id org_id;
  std::string tier;
  int32_t revenue_share_bp = 0;
};
// Nothing when a field is missing or the share is outside 0..10000.
std::optional<TermsChange> terms_change_from_json(const Json& data);
// Takes the new share into the partner's row; the row, or nullptr when the event is malformed
// or the partner is not in this room.
const RoomPartner* apply_terms_change(std::vector<RoomPartner>& partners, const Json& data);

}  // namespace portal

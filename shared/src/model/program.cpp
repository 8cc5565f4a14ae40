#include "portal/model/program.h"

#include <algorithm>

#include "model/name_table.h"

namespace portal {
namespace {

using detail::NameTable;

constexpr NameTable<PartnershipStatus, 3> kPartnershipStatuses{{{
    {"active", "Active"},
    {"suspended", "Suspended"},
    {"ended", "Ended"},
}}};

constexpr NameTable<PartnershipParameter, 9> kParameters{{{
    {"type", "Partner type"},
    {"level", "Level"},
    {"revenue_share", "Revenue share"},
    {"mdf_accrual", "MDF accrual"},
    {"payment_terms", "Payment terms"},
    {"conditions", "Conditions"},
    {"rooms", "Rooms"},
    {"price_list", "Price list"},
    {"status", "Status"},
}}};

constexpr NameTable<InvitationState, 3> kInvitationStates{{{
    {"pending", "Pending"},
    {"accepted", "Accepted"},
    {"expired", "Expired"},
}}};

}  // namespace

std::string_view to_string(PartnershipStatus s) {
  return kPartnershipStatuses.wire(s);
}
std::optional<PartnershipStatus> partnership_status_from_string(std::string_view s) {
  return kPartnershipStatuses.parse(s);
}
std::string_view partnership_status_label(PartnershipStatus s) {
  return kPartnershipStatuses.label(s);
}

std::string_view to_string(PartnershipParameter p) {
  return kParameters.wire(p);
}
std::optional<PartnershipParameter> partnership_parameter_from_string(std::string_view s) {
  return kParameters.parse(s);
}
std::string_view partnership_parameter_label(PartnershipParameter p) {
  return kParameters.label(p);
}

std::string_view to_string(InvitationState s) {
  return kInvitationStates.wire(s);
}
std::optional<InvitationState> invitation_state_from_string(std::string_view s) {
  return kInvitationStates.parse(s);
}
std::string_view invitation_state_label(InvitationState s) {
  return kInvitationStates.label(s);
}

bool has_room(const Partnership& p, RoomKind room) {
  return p.rooms.count(room) != 0;
}

const Partnership* find_partnership(std::span<const Partnership> partnerships, const Id& org_id) {
  auto it = std::find_if(partnerships.begin(), partnerships.end(),
                         [&](const Partnership& p) { return p.org_id == org_id; });
  return it == partnerships.end() ? nullptr : &*it;
}

Money net_price(const PriceItem& item) {
  const int64_t discount = apply_basis_points(item.list_price.minor, item.discount_bp);
  return Money{item.list_price.minor - discount, item.list_price.currency};
}

int32_t seats_in_force(std::span<const Licence> licences, const Id& org_id, UnixTime at) {
  int64_t seats = 0;
  for (const Licence& l : licences)
    if (l.org_id == org_id && l.valid_from <= at && (l.valid_until == 0 || at < l.valid_until))
      seats += l.seats;
  return static_cast<int32_t>(std::clamp<int64_t>(seats, 0, INT32_MAX));
}

LicenceCheck may_add_user(std::string_view org_name, int32_t active_users, int32_t licences) {
  if (active_users < licences) return {true, ""};
  return {false, std::string(org_name) + " uses " + std::to_string(active_users) + " of " +
                     std::to_string(licences) + (licences == 1 ? " licence" : " licences") +
                     ". Ask your partner manager for more."};
}

InvitationState invitation_state(const Invitation& inv, UnixTime now) {
  if (inv.accepted) return InvitationState::Accepted;
  return now >= inv.expires_at ? InvitationState::Expired : InvitationState::Pending;
}

}  // namespace portal

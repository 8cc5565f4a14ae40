// The partner program the vendor runs: partner types and their levels, parameter categories,
// partnerships (at most one per partner organisation) with their conditions, rooms and history,
// personal price lists, licences and invitations. Read-only to partners.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/entities.h"
#include "portal/model/room_kind.h"
#include "portal/rules/tiers.h"

namespace portal {

// [SECTION] Partner types, levels, parameter categories

// A kind of partner the program distinguishes: "Reseller", "Consultant", "Agency", ...
struct PartnerType {
  Id id;
  std::string name;
  std::string description;
  friend bool operator==(const PartnerType&, const PartnerType&) = default;
};

// One level of a partner type (Bronze, Silver, ...): the thresholds and shares of tiers.h.
struct PartnerLevel {
  Id id;
  Id type_id;
  Level level;
  friend bool operator==(const PartnerLevel&, const PartnerLevel&) = default;
};

// A group of program parameters shown together ("Sales performance": opportunities, revenue).
struct ParameterCategory {
  Id id;
  std::string name;
  std::string description;
  std::vector<KpiKind> kpis;
  friend bool operator==(const ParameterCategory&, const ParameterCategory&) = default;
};

// [SECTION] Partnerships

enum class PartnershipStatus { Active, Suspended, Ended };
// Wire name: "active", "suspended", "ended". Label: "Active", "Suspended", "Ended".
std::string_view to_string(PartnershipStatus s);
std::optional<PartnershipStatus> partnership_status_from_string(std::string_view s);
std::string_view partnership_status_label(PartnershipStatus s);

// The terms a partnership runs on.
struct PartnershipConditions {
  int32_t revenue_share_bp = 0;  // commission on won revenue
  int32_t mdf_accrual_bp = 0;    // share of revenue credited to market development funds
  int32_t payment_terms_days = 30;
  std::string notes;  // anything else agreed, in words
  friend bool operator==(const PartnershipConditions&, const PartnershipConditions&) = default;
};

// The vendor's relationship with one partner organisation (at most one per organisation).
struct Partnership {
  Id id;
  Id org_id;
  Id type_id;
  std::string level;  // a PartnerLevel's name; empty until the first review
  PartnershipStatus status = PartnershipStatus::Active;
  PartnershipConditions conditions;
  std::set<RoomKind> rooms;  // rooms switched on for this partnership
  Id manager_id;             // the vendor's partner manager; may be empty
  Id price_list_id;          // personal price list; may be empty
  UnixTime started_at = 0;
  UnixTime ends_at = 0;  // 0 = open-ended
  friend bool operator==(const Partnership&, const Partnership&) = default;
};

// True when `room` is switched on for the partnership.
bool has_room(const Partnership& p, RoomKind room);
// The partnership of organisation `org_id`, or nullptr. Points into `partnerships`.
const Partnership* find_partnership(std::span<const Partnership> partnerships, const Id& org_id);

enum class PartnershipParameter {
  Type,
  Level,
  RevenueShare,
  MdfAccrual,
  PaymentTerms,
  Conditions,
  Rooms,
  PriceList,
  Status
};
// Wire name: "type", "level", "revenue_share", "mdf_accrual", "payment_terms", "conditions",
// "rooms", "price_list", "status". Label: "Partner type", "Level", "Revenue share", ...
std::string_view to_string(PartnershipParameter p);
std::optional<PartnershipParameter> partnership_parameter_from_string(std::string_view s);
std::string_view partnership_parameter_label(PartnershipParameter p);

// One entry of a partnership's history: a parameter changed from one value to another.
struct ParameterChange {
  Id id;
  Id partnership_id;
  PartnershipParameter parameter = PartnershipParameter::Level;
  std::string old_value;  // as shown to people: "Silver", "15 %"
  std::string new_value;
  std::string reason;  // "Quarterly tier review"
  UnixTime effective_from = 0;
  Id changed_by;
  UnixTime changed_at = 0;
  friend bool operator==(const ParameterChange&, const ParameterChange&) = default;
};

// [SECTION] Price lists

// One product at the partner's personal price.
struct PriceItem {
  std::string sku;
  std::string name;
  Money list_price;
  int32_t discount_bp = 0;  // partner discount off the list price
  friend bool operator==(const PriceItem&, const PriceItem&) = default;
};

// A partnership's personal price list.
struct PriceList {
  Id id;
  Id partnership_id;
  std::string name;
  std::string currency = "EUR";
  UnixTime valid_from = 0;
  UnixTime valid_until = 0;  // 0 = open-ended
  std::vector<PriceItem> items;
  friend bool operator==(const PriceList&, const PriceList&) = default;
};

// The partner's price: list price less the discount, rounded half away from zero.
Money net_price(const PriceItem& item);

// [SECTION] Licences

// Portal seats granted to an organisation for a time; grants add up.
struct Licence {
  Id id;
  Id org_id;
  int32_t seats = 0;
  UnixTime valid_from = 0;
  UnixTime valid_until = 0;  // 0 = open-ended
  Id granted_by;
  UnixTime granted_at = 0;
  friend bool operator==(const Licence&, const Licence&) = default;
};

// The seats of organisation `org_id` in force at `at` (valid_from <= at < valid_until).
int32_t seats_in_force(std::span<const Licence> licences, const Id& org_id, UnixTime at);

struct LicenceCheck {
  bool allowed = false;
  std::string refusal;  // empty when allowed
  friend bool operator==(const LicenceCheck&, const LicenceCheck&) = default;
};

// May one more user join `org_name`? `active_users` counts users and open invitations. Refusal:
// "Acme Integrations uses 10 of 10 licences. Ask your partner manager for more."
LicenceCheck may_add_user(std::string_view org_name, int32_t active_users, int32_t licences);

// [SECTION] Invitations

inline constexpr int64_t kInvitationLifetime = 7 * kSecondsPerDay;

// An e-mail with a one-time link to join an organisation. Only the token's hash is stored.
struct Invitation {
  Id id;
  Id org_id;
  std::string email;
  Role role = Role::PartnerUser;
  std::string token_hash;  // lower-case hex SHA-256 of the link's token
  Id invited_by;
  UnixTime created_at = 0;
  UnixTime expires_at = 0;
  bool accepted = false;
  UnixTime accepted_at = 0;
  friend bool operator==(const Invitation&, const Invitation&) = default;
};

enum class InvitationState { Pending, Accepted, Expired };
// Wire name: "pending", "accepted", "expired". Label: "Pending", "Accepted", "Expired".
std::string_view to_string(InvitationState s);
std::optional<InvitationState> invitation_state_from_string(std::string_view s);
std::string_view invitation_state_label(InvitationState s);
// Accepted once accepted; otherwise Expired from expires_at on, Pending before.
InvitationState invitation_state(const Invitation& inv, UnixTime now);

}  // namespace portal

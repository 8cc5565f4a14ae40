// The vendor's administration of partnerships: which rooms a partnership may switch off, who may
// change price lists, rooms and levels, the checks on a personal price list item, and the one
// step a tier review may take. The server enforces these; the client asks the same questions
// to hide what would be refused.
#pragma once
#include <array>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/program.h"
#include "portal/model/room_kind.h"
#include "portal/rules/permissions.h"
#include "portal/rules/tiers.h"
#include "portal/rules/validation.h"

namespace portal {

// [SECTION] Rooms per partnership

// Rooms every partner always has: where it lands, and where it talks to the vendor.
inline constexpr std::array<RoomKind, 2> kAlwaysOnRooms = {RoomKind::Overview, RoomKind::Messages};
// True for every room except the always-on ones: the vendor switches these per partnership.
bool is_switchable_room(RoomKind room);
// The switchable rooms, in navigation order.
std::vector<RoomKind> switchable_rooms();
// May a partner whose partnership switches on `enabled` open `room`? Always-on rooms always.
bool room_enabled(const std::set<RoomKind>& enabled, RoomKind room);
// The switchable room a command acts in ("lead.submit" -> Leads, "file.add" -> Files), or
// nothing for commands of always-on rooms and of no room (messages, notifications, cases).
// A partner's command in a room its partnership switched off is refused like its subscribe.
std::optional<RoomKind> command_room(std::string_view command_type);
// `requested` with the always-on rooms added: what a partnership stores.
std::set<RoomKind> with_always_on(std::set<RoomKind> requested);

// [SECTION] Who may administer

// May the actor add, change or remove items of a partner's personal price list? The vendor's
// admins and partner managers; partners only read their own list.
bool may_edit_price_list(const Actor& a, const Id& vendor_org);
// May the actor list the tier reviews (who qualifies for a level up or down)? The vendor's
// admins and partner managers.
bool may_review_tiers(const Actor& a, const Id& vendor_org);
// May the actor apply a tier review (change a partnership's level)? The vendor's admins only.
bool may_apply_tier_review(const Actor& a, const Id& vendor_org);
// May the actor choose which rooms a partnership gets? The vendor's admins only.
bool may_set_partnership_rooms(const Actor& a, const Id& vendor_org);

// [SECTION] Personal price lists

inline constexpr size_t kMaxPriceItems = 2000;  // per partner organisation
inline constexpr size_t kMaxSkuBytes = 64;

// Checks one item of a partner's list kept in `currency`: SKU of 1..64 letters, digits and
// ". _ -"; a name; a list price above zero up to kMaxAmountMinor in `currency`; a discount of
// 0..10,000 basis points, so the partner price (net_price) is never above the list price.
std::vector<FieldError> validate_price_item(const PriceItem& item, std::string_view currency);

// [SECTION] Tier review steps

// The level ranked just below `current`, or nullptr (at the bottom, or without a current level).
// Points into `levels`.
const Level* level_below(std::span<const Level> levels, const Level* current);

// The adjacent level a review proposes for a partner holding `current` (by name; "" = none):
// the next level up when the KPIs meet it, else the level below (or "" below the lowest) when
// they no longer meet the current one; nothing when the partner should stay.
struct TierStep {
  TierDirection direction = TierDirection::Stay;
  std::string target;                 // the proposed level ("" = no level, only downwards)
  std::vector<KpiProgress> progress;  // toward the level up, or of the current level going down
  friend bool operator==(const TierStep&, const TierStep&) = default;
};
TierStep propose_step(std::span<const Level> levels, std::string_view current,
                      const PartnerKpis& kpis);

// Why a partnership holding `current` may not be moved to `target` in one review, or "" when it
// may: the target must be one of the type's levels ("" only below the lowest one) and adjacent
// to the current level (one rank up or down).
std::string step_refusal(std::span<const Level> levels, std::string_view current,
                         std::string_view target);

}  // namespace portal

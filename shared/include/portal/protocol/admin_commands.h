// Command and event names of the vendor's partnership administration (personal price lists,
// tier reviews, rooms per partnership) with the payload readers both hosts share, and the rows
// of the tier review query. docs/protocol.md shows every payload with an example.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "portal/model/program.h"
#include "portal/protocol/frames.h"
#include "portal/rooms/program.h"
#include "portal/rules/partnership_admin.h"
#include "portal/rules/validation.h"

namespace portal {

// [SECTION] Commands
//   pricelist.set_item     {"org_id", "sku", "name", "list_price": {"minor","currency"},
//                           "discount_bp"?}  (adds the item, or replaces the one of that SKU)
//                          ack: {"org_id","sku","partner_price":{"minor","currency"}}
//   pricelist.remove_item  {"org_id", "sku"}            ack: {"org_id","sku"}
//   tier_review.list       {}   ack: {"reviews": [TierReviewRow]}  (a query: nothing is written)
//   tier_review.apply      {"partnership_id", "from_level", "level", "reason"}
//                          ack: {"partnership_id","level","revenue_share_bp","effective_from"}
//   partnership.set_rooms  {"partnership_id", "rooms": ["leads", ...]}  (Overview and Messages
//                          are always on and may be left out)   ack: {"partnership_id","rooms"}
inline constexpr std::string_view kCmdPriceListSetItem = "pricelist.set_item";
inline constexpr std::string_view kCmdPriceListRemoveItem = "pricelist.remove_item";
inline constexpr std::string_view kCmdTierReviewList = "tier_review.list";
inline constexpr std::string_view kCmdTierReviewApply = "tier_review.apply";
inline constexpr std::string_view kCmdPartnershipSetRooms = "partnership.set_rooms";

// [SECTION] Events (to the partner's "org:<id>/program" room; the vendor's program summary gets
// its program.partner_changed as for every program event)
//   pricelist.item_set      {"org_id", "item": PriceItem}
//   pricelist.item_removed  {"org_id", "sku"}
//   partnership.changed     {"partnership": Partnership (after), "changes": [ParameterChange]}
// and a signal (seq 0, not logged) to the subscribers of a room a partnership no longer has:
//   room.closed             {"room", "reason": "disabled"}; the server stops sending that room.
inline constexpr std::string_view kEvPriceItemSet = "pricelist.item_set";
inline constexpr std::string_view kEvPriceItemRemoved = "pricelist.item_removed";
inline constexpr std::string_view kEvPartnershipChanged = "partnership.changed";
inline constexpr std::string_view kEvRoomClosed = "room.closed";

// True for every command above (the server hands them to one handler).
bool is_partnership_admin_command(std::string_view type);

// [SECTION] Payload readers (a missing or mistyped field is one FieldError for that field)

struct PriceItemSetRequest {
  Id org_id;
  PriceItem item;
};
std::variant<PriceItemSetRequest, std::vector<FieldError>> price_item_set_from_json(const Json& j);

struct PriceItemRemoveRequest {
  Id org_id;
  std::string sku;
};
std::variant<PriceItemRemoveRequest, std::vector<FieldError>> price_item_remove_from_json(
    const Json& j);

struct TierApplyRequest {
  Id partnership_id;
  std::string from_level;  // the level the reviewer saw; a different current level is stale
  std::string level;       // the target ("" = no level, only from the lowest one)
  std::string reason;
};
std::variant<TierApplyRequest, std::vector<FieldError>> tier_apply_from_json(const Json& j);

struct SetRoomsRequest {
  Id partnership_id;
  std::set<RoomKind> rooms;  // with the always-on rooms added
};
std::variant<SetRoomsRequest, std::vector<FieldError>> set_rooms_from_json(const Json& j);

// [SECTION] Tier review rows

// One partnership whose KPIs call for a level up or down, with the KPIs behind it.
struct TierReviewRow {
  Id org_id;
  Id partnership_id;
  std::string org_name;
  std::string current;  // "" = no level yet
  TierStep step;        // direction, proposed adjacent level, KPI progress
  PartnerKpis kpis;     // over the program room's KPI window
  friend bool operator==(const TierReviewRow&, const TierReviewRow&) = default;
};

// Every partner of `s` with a partnership whose KPIs qualify it for the next level or put it
// below its current one, by organisation name. Partners that should stay are left out.
std::vector<TierReviewRow> tier_review_rows(const ProgramState& s);

// {"org_id","partnership_id","org_name","current","direction","target",
//  "progress":[{"kind","value","threshold","met"}],"kpis":{"leads_count":n,...}}
Json to_json(const TierReviewRow& r);
// PriceItem: {"sku","name","list_price":{"minor","currency"},"discount_bp"}.
Json to_json(const PriceItem& v);
std::optional<PriceItem> price_item_from_json(const Json& j);

}  // namespace portal

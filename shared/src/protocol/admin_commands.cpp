// Payload readers of the partnership administration commands and the tier review rows.
#include "portal/protocol/admin_commands.h"

#include <algorithm>

#include "protocol/json_fields.h"

namespace portal {
namespace {

using detail::field;
using Errors = std::vector<FieldError>;

Errors not_an_object() {
  return {{"", "The payload must be a JSON object."}};
}

bool present(const Json& j, const char* name) {
  const Json* f = field(j, name);
  return f != nullptr && !f->is_null();
}

// Text field; `required` adds "Enter ..." when it is absent.
void text(const Json& j, const char* name, std::string& out, const char* what, bool required,
          Errors& e) {
  if (!present(j, name)) {
    if (required) e.push_back({name, std::string("Enter ") + what + "."});
    return;
  }
  if (auto s = detail::get_string(j, name))
    out = *s;
  else
    e.push_back({name, std::string("The ") + what + " must be text."});
}

}  // namespace

bool is_partnership_admin_command(std::string_view type) {
  return type == kCmdPriceListSetItem || type == kCmdPriceListRemoveItem ||
         type == kCmdTierReviewList || type == kCmdTierReviewApply ||
         type == kCmdPartnershipSetRooms;
}

std::variant<PriceItemSetRequest, Errors> price_item_set_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  PriceItemSetRequest r;
  text(j, "org_id", r.org_id, "partner organisation", true, e);
  text(j, "sku", r.item.sku, "SKU", true, e);
  text(j, "name", r.item.name, "product name", true, e);
  if (!present(j, "list_price")) {
    e.push_back({"list_price", "Enter the list price."});
  } else {
    const Json& m = *field(j, "list_price");
    auto minor = detail::get_int(m, "minor");
    auto currency = detail::get_string(m, "currency");
    if (!minor || !currency)
      e.push_back({"list_price", "Give the list price as {\"minor\": cents, \"currency\"}."});
    else
      r.item.list_price = Money{*minor, *currency};
  }
  if (present(j, "discount_bp")) {
    auto bp = detail::get_int(j, "discount_bp");
    if (!bp || *bp < 0 || *bp > 10'000)
      e.push_back({"discount_bp", "Give the discount in basis points, 0 to 10000 (100 %)."});
    else
      r.item.discount_bp = static_cast<int32_t>(*bp);
  }
  if (!e.empty()) return e;
  return r;
}

std::variant<PriceItemRemoveRequest, Errors> price_item_remove_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  PriceItemRemoveRequest r;
  text(j, "org_id", r.org_id, "partner organisation", true, e);
  text(j, "sku", r.sku, "SKU", true, e);
  if (!e.empty()) return e;
  return r;
}

std::variant<TierApplyRequest, Errors> tier_apply_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  TierApplyRequest r;
  text(j, "partnership_id", r.partnership_id, "partnership", true, e);
  // Both are required even when empty ("" = no level): an apply must say what it saw.
  if (!present(j, "from_level"))
    e.push_back({"from_level", "Say which level the review saw (\"\" for none)."});
  else
    text(j, "from_level", r.from_level, "level the review saw", false, e);
  if (!present(j, "level"))
    e.push_back({"level", "Choose the new level."});
  else
    text(j, "level", r.level, "new level", false, e);
  text(j, "reason", r.reason, "reason", true, e);
  if (e.empty() && r.reason.find_first_not_of(" \t") == std::string::npos)
    e.push_back({"reason", "Enter the reason for the change."});
  if (e.empty() && r.reason.size() > 4000)
    e.push_back({"reason", "Use at most 4000 characters for the reason."});
  if (!e.empty()) return e;
  return r;
}

std::variant<SetRoomsRequest, Errors> set_rooms_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  SetRoomsRequest r;
  text(j, "partnership_id", r.partnership_id, "partnership", true, e);
  const Json* rooms = field(j, "rooms");
  if (rooms == nullptr || !rooms->is_array()) {
    e.push_back({"rooms", "List the rooms to switch on, e.g. [\"leads\", \"deals\"]."});
  } else if (rooms->size() > kAllRooms.size() * 2) {
    e.push_back({"rooms", "That is more rooms than there are."});
  } else {
    for (const Json& name : *rooms) {
      auto room = name.is_string() ? room_from_string(name.get<std::string>()) : std::nullopt;
      if (!room) {
        e.push_back({"rooms", "There is no room called " +
                                  (name.is_string() ? name.get<std::string>().substr(0, 64)
                                                    : name.dump().substr(0, 64)) +
                                  "."});
        break;
      }
      r.rooms.insert(*room);
    }
  }
  if (!e.empty()) return e;
  r.rooms = with_always_on(std::move(r.rooms));
  return r;
}

std::vector<TierReviewRow> tier_review_rows(const ProgramState& s) {
  std::vector<TierReviewRow> rows;
  for (const ProgramPartner& p : s.partners) {
    if (p.partnership.id.empty()) continue;  // no partnership: nothing to apply a review to
    if (p.partnership.status != PartnershipStatus::Active) continue;
    const std::vector<Level> levels = levels_of_type(s, p.partnership.type_id);
    TierStep step = propose_step(levels, p.partnership.level, p.kpis);
    if (step.direction == TierDirection::Stay) continue;
    rows.push_back(TierReviewRow{p.org_id, p.partnership.id, p.name, p.partnership.level,
                                 std::move(step), p.kpis});
  }
  std::sort(rows.begin(), rows.end(),
            [](const TierReviewRow& a, const TierReviewRow& b) { return a.org_name < b.org_name; });
  return rows;
}

Json to_json(const TierReviewRow& r) {
  Json progress = Json::array();
  for (const KpiProgress& k : r.step.progress)
    progress.push_back({{"kind", to_string(k.kind)},
                        {"value", k.value},
                        {"threshold", k.threshold},
                        {"met", k.met}});
  Json kpis = Json::object();
  for (KpiKind k : kAllKpiKinds) kpis[std::string(to_string(k))] = r.kpis.value(k);
  return {{"org_id", r.org_id},
          {"partnership_id", r.partnership_id},
          {"org_name", r.org_name},
          {"current", r.current},
          {"direction", to_string(r.step.direction)},
          {"target", r.step.target},
          {"progress", std::move(progress)},
          {"kpis", std::move(kpis)}};
}

}  // namespace portal

// Rooms per partnership, administration rights, price list items and tier review steps.
#include "portal/rules/partnership_admin.h"

#include <algorithm>

#include "portal/rules/entity_validation.h"
#include "rules/field_checks.h"

namespace portal {

using namespace detail;

// [SECTION] Rooms per partnership

bool is_switchable_room(RoomKind room) {
  return std::find(kAlwaysOnRooms.begin(), kAlwaysOnRooms.end(), room) == kAlwaysOnRooms.end();
}

std::optional<RoomKind> command_room(std::string_view type) {
  const auto family = type.substr(0, type.find('.'));
  if (family == "lead") return RoomKind::Leads;
  if (family == "deal") return RoomKind::Deals;
  if (family == "account") return RoomKind::Accounts;
  if (family == "resource") return RoomKind::Resources;
  if (family == "brand") return RoomKind::Brand;
  if (family == "contact") return RoomKind::Contacts;
  if (family == "custom_room") return RoomKind::Custom;
  if (family == "folder" || family == "file") return RoomKind::Files;
  if (family == "project" || family == "task" || family == "post" || family == "deliverable")
    return RoomKind::Projects;
  if (family == "pricelist") return RoomKind::Program;
  return std::nullopt;
}

std::vector<RoomKind> switchable_rooms() {
  std::vector<RoomKind> out;
  for (RoomKind r : kAllRooms)
    if (is_switchable_room(r)) out.push_back(r);
  return out;
}

bool room_enabled(const std::set<RoomKind>& enabled, RoomKind room) {
  return !is_switchable_room(room) || enabled.count(room) > 0;
}

std::set<RoomKind> with_always_on(std::set<RoomKind> requested) {
  requested.insert(kAlwaysOnRooms.begin(), kAlwaysOnRooms.end());
  return requested;
}

// [SECTION] Who may administer

bool may_edit_price_list(const Actor& a, const Id& vendor_org) {
  return is_vendor_actor(a, vendor_org) &&
         (a.role == Role::VendorAdmin || a.role == Role::PartnerManager);
}

bool may_review_tiers(const Actor& a, const Id& vendor_org) {
  return is_vendor_actor(a, vendor_org) &&
         (a.role == Role::VendorAdmin || a.role == Role::PartnerManager);
}

bool may_apply_tier_review(const Actor& a, const Id& vendor_org) {
  return is_vendor_actor(a, vendor_org) && a.role == Role::VendorAdmin;
}

bool may_set_partnership_rooms(const Actor& a, const Id& vendor_org) {
  return is_vendor_actor(a, vendor_org) && a.role == Role::VendorAdmin;
}

// [SECTION] Personal price lists

std::vector<FieldError> validate_price_item(const PriceItem& item, std::string_view currency) {
  Errors e;
  if (item.sku.empty()) {
    e.push_back({"sku", "Enter the SKU."});
  } else if (item.sku.size() > kMaxSkuBytes) {
    e.push_back(
        {"sku", "Use at most " + std::to_string(kMaxSkuBytes) + " characters for the SKU."});
  } else if (!std::all_of(item.sku.begin(), item.sku.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
             })) {
    e.push_back({"sku", "A SKU has letters, digits, dots, dashes and underscores only."});
  }
  check_text(e, "name", "Product name", item.name, kMaxTitle, Need::Required);
  const size_t before = e.size();
  check_money(e, "list_price", "List price", item.list_price, 1, kMaxAmountMinor);
  if (e.size() == before && item.list_price.currency != currency)
    e.push_back({"list_price", "This partner's prices are kept in " + std::string(currency) + "."});
  // 0..100 %: the partner price (list price less the discount) is never above the list price
  // and never below zero.
  check_share_bp(e, "discount_bp", "Discount", item.discount_bp);
  return e;
}

// [SECTION] Tier review steps

const Level* level_below(std::span<const Level> levels, const Level* current) {
  if (current == nullptr) return nullptr;
  const Level* below = nullptr;
  for (const Level& l : levels) {
    if (l.rank >= current->rank) continue;
    if (below == nullptr || l.rank > below->rank) below = &l;
  }
  return below;
}

TierStep propose_step(std::span<const Level> levels, std::string_view current,
                      const PartnerKpis& kpis) {
  const Level* held = current.empty() ? nullptr : find_level(levels, current);
  const Level* up = next_level(levels, held);
  TierStep step;
  if (up != nullptr && meets(*up, kpis)) {
    step.direction = TierDirection::Up;
    step.target = up->name;
    step.progress = progress_toward(*up, kpis);
  } else if (held != nullptr && !meets(*held, kpis)) {
    step.direction = TierDirection::Down;
    const Level* down = level_below(levels, held);
    step.target = down != nullptr ? down->name : std::string();
    step.progress = progress_toward(*held, kpis);
  } else {
    step.target = held != nullptr ? held->name : std::string();
    if (up != nullptr) step.progress = progress_toward(*up, kpis);
  }
  return step;
}

std::string step_refusal(std::span<const Level> levels, std::string_view current,
                         std::string_view target) {
  const Level* held = current.empty() ? nullptr : find_level(levels, current);
  const std::string held_name = held != nullptr ? held->name : std::string();
  if (target == held_name)
    return held != nullptr ? "The partnership is already at " + held_name + "."
                           : "The partnership holds no level yet; choose the first one.";
  const Level* up = next_level(levels, held);
  const Level* down = level_below(levels, held);
  std::string choices;
  if (up != nullptr) choices = up->name;
  if (held != nullptr) {
    const std::string d = down != nullptr ? down->name : std::string("no level");
    choices = choices.empty() ? d : choices + " or " + d;
  }
  const std::string from = held != nullptr ? held->name : std::string("no level");
  const std::string steps =
      choices.empty() ? std::string(".") : ": from " + from + " it goes to " + choices + ".";
  if (target.empty()) {
    if (held != nullptr && down == nullptr) return {};
    return "A review moves one level at a time" + steps;
  }
  const Level* wanted = find_level(levels, target);
  if (wanted == nullptr)
    return "This partner type has no level called " + std::string(target) + ".";
  if (wanted == up || (held != nullptr && wanted == down)) return {};
  return "A review moves one level at a time" + steps;
}

}  // namespace portal

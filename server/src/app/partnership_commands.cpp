// The vendor's partnership administration: pricelist.set_item and pricelist.remove_item (a
// partner's personal price list), tier_review.list (a query answered in the ack) and
// tier_review.apply (one level up or down, effective now, with the partnership's history), and
// partnership.set_rooms (which rooms the partner gets). Each checks who may do it
// (rules/partnership_admin.h) and the payload with portal_core's readers and rules, then writes
// its rows, the events of the partner's Program room (and the vendor's program summary) and the
// command record in one transaction; vendor staff leave an audit row (store/audit_scope.h). A
// room switched off is closed at once for the partner's connections that follow it.
#include <cstdio>
#include <variant>

#include "app/clock.h"
#include "app/fan_out.h"
#include "app/portal_service.h"
#include "app/program_builder.h"
#include "app/program_summary_events.h"
#include "app/room_keys.h"
#include "auth/tokens.h"
#include "portal/protocol/admin_commands.h"
#include "portal/protocol/model_codecs.h"
#include "portal/rooms/room_partners.h"
#include "portal/rules/entity_validation.h"

namespace portal::server {
namespace {

struct Plan {
  AdminChange change;
  std::vector<NewEvent> events;
  Json result;
  std::vector<std::string> closed_rooms;  // keys of rooms switched off, to close after commit
};

struct Context {
  const Identity& who;
  Actor actor;
  Id vendor_org;
  UnixTime now;
};

using Outcome = std::variant<Plan, Error>;

const char* kCheckFields = "Please check the highlighted fields.";

Error error(ErrorCode code, std::string message, std::vector<FieldError> fields = {}) {
  return Error{code, std::move(message), std::move(fields)};
}

template <class T>
const std::vector<FieldError>* errors_of(const std::variant<T, std::vector<FieldError>>& v) {
  return std::get_if<std::vector<FieldError>>(&v);
}

// The partner organisation `org_id`, or a not_found error.
std::variant<Organisation, Error> partner_org(Store& store, const Id& org_id) {
  std::optional<Organisation> org =
      org_id.empty() || org_id.size() > kMaxIdBytes ? std::nullopt : store.find_org(org_id);
  if (!org || org->kind != OrgKind::Partner)
    return error(ErrorCode::NotFound, "There is no partner organisation with that id.");
  return *org;
}

std::variant<Partnership, Error> partnership(Store& store, const Id& id) {
  std::optional<Partnership> p =
      id.empty() || id.size() > kMaxIdBytes ? std::nullopt : store.find_partnership(id);
  if (!p) return error(ErrorCode::NotFound, "There is no partnership with that id.");
  return *p;
}

// "15 %", "12.5 %": a share as the partnership's history shows it.
std::string percent(int32_t bp) {
  char text[32];
  if (bp % 100 == 0)
    std::snprintf(text, sizeof text, "%d %%", bp / 100);
  else
    std::snprintf(text, sizeof text, "%.2f %%", bp / 100.0);
  std::string s = text;
  // "12.50 %" -> "12.5 %"
  if (const auto dot = s.find('.'); dot != std::string::npos && s[s.size() - 3] == '0')
    s.erase(s.size() - 3, 1);
  return s;
}

std::string rooms_text(const std::set<RoomKind>& rooms) {
  std::string out;
  for (RoomKind r : kAllRooms) {
    if (!rooms.count(r)) continue;
    if (!out.empty()) out += ", ";
    out += room_label(r);
  }
  return out;
}

ParameterChange change_of(const Context& c, const Partnership& p, PartnershipParameter what,
                          std::string old_value, std::string new_value, const std::string& reason) {
  ParameterChange ch;
  ch.id = new_id();
  ch.partnership_id = p.id;
  ch.parameter = what;
  ch.old_value = std::move(old_value);
  ch.new_value = std::move(new_value);
  ch.reason = reason;
  // Never retroactive: a change applies from the moment it is made, so commission on deals won
  // before it keeps the share that was in force then (rules/tiers.h effective_share).
  ch.effective_from = c.now;
  ch.changed_by = c.actor.user_id;
  ch.changed_at = c.now;
  return ch;
}

void to_program_room(Plan& plan, const Id& org, std::string_view type, const Json& data) {
  plan.events.push_back({partner_room_key(org, RoomKind::Program), std::string(type), data});
}

Json changes_json(const std::vector<ParameterChange>& changes) {
  Json out = Json::array();
  for (const ParameterChange& c : changes) out.push_back(to_json(c));
  return out;
}

// [SECTION] pricelist.set_item, pricelist.remove_item

Outcome plan_set_item(const Context& c, const CommandFrame& f, Store& store) {
  if (!may_edit_price_list(c.actor, c.vendor_org))
    return error(ErrorCode::Forbidden,
                 "Only the vendor's admins and partner managers change price lists.");
  auto parsed = price_item_set_from_json(f.payload);
  if (auto* e = errors_of(parsed)) return error(ErrorCode::Validation, kCheckFields, *e);
  PriceItemSetRequest& req = std::get<PriceItemSetRequest>(parsed);
  auto org = partner_org(store, req.org_id);
  if (auto* e = std::get_if<Error>(&org)) return *e;
  const Organisation& partner = std::get<Organisation>(org);
  if (auto fields = validate_price_item(req.item, partner.currency); !fields.empty())
    return error(ErrorCode::Validation, kCheckFields, std::move(fields));
  if (!store.find_price_item(partner.id, req.item.sku) &&
      store.price_item_count(partner.id) >= static_cast<int64_t>(kMaxPriceItems))
    return error(ErrorCode::Conflict, "The price list of " + partner.name + " already has " +
                                          std::to_string(kMaxPriceItems) + " items.");
  Plan plan;
  to_program_room(plan, partner.id, kEvPriceItemSet,
                  {{"org_id", partner.id}, {"item", to_json(req.item)}});
  const Money net = net_price(req.item);
  plan.result = {{"org_id", partner.id},
                 {"sku", req.item.sku},
                 {"partner_price", {{"minor", net.minor}, {"currency", net.currency}}}};
  plan.change.set_item = OrgPriceItem{partner.id, std::move(req.item)};
  return plan;
}

Outcome plan_remove_item(const Context& c, const CommandFrame& f, Store& store) {
  if (!may_edit_price_list(c.actor, c.vendor_org))
    return error(ErrorCode::Forbidden,
                 "Only the vendor's admins and partner managers change price lists.");
  auto parsed = price_item_remove_from_json(f.payload);
  if (auto* e = errors_of(parsed)) return error(ErrorCode::Validation, kCheckFields, *e);
  const PriceItemRemoveRequest& req = std::get<PriceItemRemoveRequest>(parsed);
  auto org = partner_org(store, req.org_id);
  if (auto* e = std::get_if<Error>(&org)) return *e;
  const Organisation& partner = std::get<Organisation>(org);
  if (req.sku.size() > kMaxSkuBytes || !store.find_price_item(partner.id, req.sku))
    return error(ErrorCode::NotFound, "That SKU is not on the price list of " + partner.name + ".");
  Plan plan;
  to_program_room(plan, partner.id, kEvPriceItemRemoved,
                  {{"org_id", partner.id}, {"sku", req.sku}});
  plan.result = {{"org_id", partner.id}, {"sku", req.sku}};
  OrgPriceItem gone{partner.id, {}};
  gone.item.sku = req.sku;
  plan.change.remove_item = std::move(gone);
  return plan;
}

// [SECTION] tier_review.apply

Outcome plan_tier_apply(const Context& c, const CommandFrame& f, Store& store) {
  if (!may_apply_tier_review(c.actor, c.vendor_org))
    return error(ErrorCode::Forbidden, "Only the vendor's admins change a partner's level.");
  auto parsed = tier_apply_from_json(f.payload);
  if (auto* e = errors_of(parsed)) return error(ErrorCode::Validation, kCheckFields, *e);
  const TierApplyRequest& req = std::get<TierApplyRequest>(parsed);
  auto found = partnership(store, req.partnership_id);
  if (auto* e = std::get_if<Error>(&found)) return *e;
  Partnership p = std::get<Partnership>(found);
  if (p.status != PartnershipStatus::Active)
    return error(ErrorCode::Conflict, "This partnership is " + std::string(to_string(p.status)) +
                                          "; only an active partnership changes level.");
  // The review was made on what the reviewer saw: a level changed since then makes it stale.
  if (p.level != req.from_level)
    return error(ErrorCode::Conflict, "This partnership's level changed meanwhile (it is now " +
                                          (p.level.empty() ? std::string("no level") : p.level) +
                                          "); review it again.");
  std::vector<Level> levels;
  for (const PartnerLevel& l : store.type_levels(p.type_id)) levels.push_back(l.level);
  if (std::string why = step_refusal(levels, p.level, req.level); !why.empty())
    return error(ErrorCode::Validation, kCheckFields, {{"level", why}});

  const Partnership before = p;
  p.level = req.level;
  // Below the lowest level there is no level's share: the conditions stay as they were until
  // the vendor agrees new ones.
  if (const Level* to = find_level(levels, req.level)) {
    p.conditions.revenue_share_bp = to->revenue_share_bp;
    p.conditions.mdf_accrual_bp = to->mdf_accrual_bp;
  }
  std::vector<ParameterChange> changes;
  changes.push_back(change_of(c, p, PartnershipParameter::Level,
                              before.level.empty() ? "No level" : before.level,
                              p.level.empty() ? "No level" : p.level, req.reason));
  if (before.conditions.revenue_share_bp != p.conditions.revenue_share_bp)
    changes.push_back(change_of(c, p, PartnershipParameter::RevenueShare,
                                percent(before.conditions.revenue_share_bp),
                                percent(p.conditions.revenue_share_bp), req.reason));
  if (before.conditions.mdf_accrual_bp != p.conditions.mdf_accrual_bp)
    changes.push_back(change_of(c, p, PartnershipParameter::MdfAccrual,
                                percent(before.conditions.mdf_accrual_bp),
                                percent(p.conditions.mdf_accrual_bp), req.reason));
  for (const ParameterChange& ch : changes)
    if (auto fields = validate_parameter_change(ch); !fields.empty())
      return error(ErrorCode::Validation, kCheckFields, std::move(fields));

  Plan plan;
  to_program_room(plan, p.org_id, kEvPartnershipChanged,
                  {{"partnership", to_json(p)}, {"changes", changes_json(changes)}});
  // The Overview's title and every forecast follow from now on; won deals keep their share.
  fan_out(plan.events, p.org_id, {RoomKind::Overview, RoomKind::Leads, RoomKind::Deals},
          kEvPartnerTermsChanged,
          {{"org_id", p.org_id},
           {"tier", p.level},
           {"revenue_share_bp", p.conditions.revenue_share_bp}});
  plan.result = {{"partnership_id", p.id},
                 {"level", p.level},
                 {"revenue_share_bp", p.conditions.revenue_share_bp},
                 {"effective_from", c.now}};
  plan.change.partnership = std::move(p);
  plan.change.history = std::move(changes);
  return plan;
}

// [SECTION] partnership.set_rooms

Outcome plan_set_rooms(const Context& c, const CommandFrame& f, Store& store) {
  if (!may_set_partnership_rooms(c.actor, c.vendor_org))
    return error(ErrorCode::Forbidden, "Only the vendor's admins choose a partnership's rooms.");
  auto parsed = set_rooms_from_json(f.payload);
  if (auto* e = errors_of(parsed)) return error(ErrorCode::Validation, kCheckFields, *e);
  SetRoomsRequest& req = std::get<SetRoomsRequest>(parsed);
  auto found = partnership(store, req.partnership_id);
  if (auto* e = std::get_if<Error>(&found)) return *e;
  Partnership p = std::get<Partnership>(found);
  const std::set<RoomKind> before = p.rooms;
  p.rooms = req.rooms;
  std::vector<ParameterChange> changes;
  if (before != p.rooms)
    changes.push_back(change_of(c, p, PartnershipParameter::Rooms, rooms_text(before),
                                rooms_text(p.rooms), "Rooms chosen by the vendor"));
  Plan plan;
  for (RoomKind r : before)
    if (!room_enabled(p.rooms, r)) plan.closed_rooms.push_back(partner_room_key(p.org_id, r));
  to_program_room(plan, p.org_id, kEvPartnershipChanged,
                  {{"partnership", to_json(p)}, {"changes", changes_json(changes)}});
  Json names = Json::array();
  for (RoomKind r : kAllRooms)
    if (p.rooms.count(r)) names.push_back(std::string(to_string(r)));
  plan.result = {{"partnership_id", p.id}, {"rooms", std::move(names)}};
  plan.change.partnership = std::move(p);
  plan.change.history = std::move(changes);
  return plan;
}

}  // namespace

void PortalService::on_partnership_command(Client& client, const Identity& who,
                                           const CommandFrame& f) {
  const Actor actor = who.actor();
  if (f.type == kCmdTierReviewList) {
    // A query: it changes nothing, so it is neither recorded nor audited.
    const std::optional<Organisation> vendor = store_.vendor_org();
    if (!may_review_tiers(actor, vendor ? vendor->id : Id())) {
      client.send(error_frame(ErrorCode::Forbidden,
                              "Only the vendor's admins and partner managers review tiers.", f.id));
      return;
    }
    const std::string key = vendor_room_key(RoomKind::Program);
    const ProgramState s = build_program(store_.program_inputs(std::nullopt, key));
    Json rows = Json::array();
    for (const TierReviewRow& r : tier_review_rows(s)) rows.push_back(to_json(r));
    client.send(AckFrame{f.id, {{"reviews", std::move(rows)}}});
    return;
  }
  Outcome (*planner)(const Context&, const CommandFrame&, Store&) = nullptr;
  if (f.type == kCmdPriceListSetItem) planner = plan_set_item;
  if (f.type == kCmdPriceListRemoveItem) planner = plan_remove_item;
  if (f.type == kCmdTierReviewApply) planner = plan_tier_apply;
  if (f.type == kCmdPartnershipSetRooms) planner = plan_set_rooms;
  if (planner == nullptr) {
    client.send(error_frame(
        ErrorCode::UnknownType,
        "The server does not know the command \"" + f.type.substr(0, 64) + "\".", f.id));
    return;
  }
  // Read, check, write, ack and publish in one critical section, as the other commands do: two
  // applies of the same review cannot both see the old level.
  std::lock_guard lock(publish_mutex_);
  const CommandKey key{actor.user_id, f.id, f.type};
  if (auto recorded = store_.command_result(key)) {
    // Answered only once durable: the first try may still be waiting for its sync.
    return ack_and_publish(client, f.id, CommandOutcome{std::move(*recorded), {}, true});
  }
  const std::optional<Organisation> vendor = store_.vendor_org();
  const Context c{who, actor, vendor ? vendor->id : Id(), unix_now()};
  Outcome planned = planner(c, f, store_);
  if (auto* e = std::get_if<Error>(&planned)) {
    client.send(error_frame(e->code, std::move(e->message), f.id, std::move(e->fields)));
    return;
  }
  Plan& plan = std::get<Plan>(planned);
  // A level or rooms change moves the partner's row in the vendor's program summary.
  if (plan.change.partnership) summarise_program_events(store_, plan.events);
  CommandOutcome outcome =
      store_.apply_admin_change(key, plan.change, plan.events, plan.result, c.now);
  const bool replayed = outcome.replayed;
  ack_and_publish(client, f.id, std::move(outcome));
  if (!replayed && !plan.closed_rooms.empty()) {
    // After the commit is durable and its events are out: the partner's connections that follow
    // a room switched off get room.closed and nothing more of that room (Client::on_bus_message).
    after_commit([this, keys = std::move(plan.closed_rooms)] {
      for (const std::string& key : keys) {
        const std::string room(wire_room(key));
        auto frame = share(EventFrame{room, 0, std::string(kEvRoomClosed),
                                      Json{{"room", room}, {"reason", "disabled"}}});
        bus_.publish(BusMessage{key, 0, std::move(frame), /*hold=*/false, /*closes=*/true});
      }
    });
  }
}

}  // namespace portal::server

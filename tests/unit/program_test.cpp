#include "portal/model/program.h"

#include <gtest/gtest.h>

#include "entity_cases.h"

namespace portal {
namespace {

using testing::expect_round_trip;
using testing::expect_validation;
using testing::InvalidCase;

constexpr UnixTime kJan2026 = 1'767'225'600;  // 2026-01-01T00:00:00Z

PartnerLevel gold() {
  return PartnerLevel{
      "lv-gold", "pt-reseller",
      Level{"Gold",
            3,
            2000,
            300,
            {{KpiKind::OpportunitiesCount, 12}, {KpiKind::RevenueAmount, 50'000'000}}}};
}

Partnership acme_partnership() {
  Partnership p;
  p.id = "ps-acme";
  p.org_id = "org-acme";
  p.type_id = "pt-reseller";
  p.level = "Gold";
  p.conditions = {2000, 300, 45, "Co-marketing budget agreed for 2026."};
  p.rooms = {RoomKind::Overview, RoomKind::Leads, RoomKind::Deals, RoomKind::Messages};
  p.manager_id = "u-mara";
  p.price_list_id = "pl-acme";
  p.started_at = kJan2026;
  return p;
}

PriceList acme_prices() {
  return PriceList{"pl-acme",
                   "ps-acme",
                   "Acme 2026",
                   "EUR",
                   kJan2026,
                   0,
                   {{"AN-100", "Analytics suite", Money{1'200'000, "EUR"}, 1500},
                    {"AN-200", "Analytics suite premium", Money{2'400'000, "EUR"}, 2000}}};
}

Invitation invitation() {
  return Invitation{"inv-1",
                    "org-acme",
                    "jonas@acme.example",
                    Role::PartnerUser,
                    std::string(64, 'a'),
                    "u-dana",
                    kJan2026,
                    kJan2026 + kInvitationLifetime,
                    false,
                    0};
}

TEST(Licences, MayAddUserUntilEverySeatIsTaken) {
  EXPECT_EQ(may_add_user("Acme Integrations", 9, 10), (LicenceCheck{true, ""}));
  const LicenceCheck full = may_add_user("Acme Integrations", 10, 10);
  EXPECT_FALSE(full.allowed);
  EXPECT_EQ(full.refusal,
            "Acme Integrations uses 10 of 10 licences. Ask your partner manager for more.");
  EXPECT_EQ(may_add_user("Solo GmbH", 1, 1).refusal,
            "Solo GmbH uses 1 of 1 licence. Ask your partner manager for more.");
  EXPECT_FALSE(may_add_user("Acme Integrations", 0, 0).allowed);
}

TEST(Licences, SeatsInForceAddUpGrantsValidAtTheTime) {
  const Licence grants[] = {
      {"l1", "org-acme", 5, kJan2026, 0, "u-admin", kJan2026},
      {"l2", "org-acme", 5, kJan2026, kJan2026 + 90 * kSecondsPerDay, "u-admin", kJan2026},
      {"l3", "org-globex", 20, kJan2026, 0, "u-admin", kJan2026},
  };
  EXPECT_EQ(seats_in_force(grants, "org-acme", kJan2026 - 1), 0);
  EXPECT_EQ(seats_in_force(grants, "org-acme", kJan2026), 10);
  EXPECT_EQ(seats_in_force(grants, "org-acme", kJan2026 + 90 * kSecondsPerDay), 5);
  EXPECT_EQ(seats_in_force(grants, "org-globex", kJan2026 + 1), 20);
}

TEST(Invitations, StateFollowsAcceptanceAndExpiry) {
  Invitation inv = invitation();
  EXPECT_EQ(invitation_state(inv, kJan2026 + 1), InvitationState::Pending);
  EXPECT_EQ(invitation_state(inv, inv.expires_at), InvitationState::Expired);
  inv.accepted = true;
  inv.accepted_at = kJan2026 + 100;
  EXPECT_EQ(invitation_state(inv, inv.expires_at + 1), InvitationState::Accepted);
}

TEST(PriceLists, NetPriceTakesTheDiscountOff) {
  EXPECT_EQ(net_price(acme_prices().items[0]), (Money{1'020'000, "EUR"}));  // 12,000.00 - 15 %
  EXPECT_EQ(net_price(PriceItem{"X", "x", Money{999, "USD"}, 3333}), (Money{666, "USD"}));
}

TEST(Partnerships, RoomsAndLookup) {
  const Partnership ps[] = {acme_partnership()};
  EXPECT_TRUE(has_room(ps[0], RoomKind::Deals));
  EXPECT_FALSE(has_room(ps[0], RoomKind::Files));
  EXPECT_EQ(find_partnership(ps, "org-acme"), &ps[0]);
  EXPECT_EQ(find_partnership(ps, "org-other"), nullptr);
}

TEST(ProgramEnums, WireNamesRoundTrip) {
  EXPECT_EQ(to_string(PartnershipParameter::RevenueShare), "revenue_share");
  EXPECT_EQ(partnership_parameter_label(PartnershipParameter::MdfAccrual), "MDF accrual");
  EXPECT_EQ(partnership_status_from_string("suspended"), PartnershipStatus::Suspended);
  EXPECT_EQ(invitation_state_from_string("nope"), std::nullopt);
}

TEST(ProgramValidation, PartnerType) {
  expect_validation(
      PartnerType{"pt-1", "Reseller", "Sells licences."}, validate_partner_type,
      {InvalidCase<PartnerType>{"no name", [](auto& t) { t.name = " "; }, "name"},
       {"long description", [](auto& t) { t.description = std::string(kMaxDescription + 1, 'd'); },
        "description"},
       {"bad id", [](auto& t) { t.id = "has space"; }, "id"}});
}

TEST(ProgramValidation, PartnerLevel) {
  const PartnerLevel silver{"lv-silver", "pt-reseller", Level{"Silver", 2, 1500, 200, {}}};
  const PartnerLevel other_type{"lv-x", "pt-consultant", Level{"Gold", 3, 1000, 0, {}}};
  const PartnerLevel siblings[] = {silver, other_type, gold()};  // gold itself is among them
  auto validate = [&](const PartnerLevel& l) { return validate_partner_level(l, siblings); };
  expect_validation(
      gold(), validate,
      {InvalidCase<PartnerLevel>{"no type", [](auto& l) { l.type_id = ""; }, "type_id"},
       {"no name", [](auto& l) { l.level.name = ""; }, "level.name"},
       {"name taken", [](auto& l) { l.level.name = "Silver"; }, "level.name"},
       {"rank taken", [](auto& l) { l.level.rank = 2; }, "level.rank"},
       {"negative rank", [](auto& l) { l.level.rank = -1; }, "level.rank"},
       {"share over 100 %", [](auto& l) { l.level.revenue_share_bp = 10'001; },
        "level.revenue_share_bp"},
       {"negative accrual", [](auto& l) { l.level.mdf_accrual_bp = -5; }, "level.mdf_accrual_bp"},
       {"negative threshold", [](auto& l) { l.level.requirements[0].threshold = -1; },
        "level.requirements"},
       {"kpi twice", [](auto& l) { l.level.requirements[1].kind = KpiKind::OpportunitiesCount; },
        "level.requirements"}});
}

TEST(ProgramValidation, ParameterCategory) {
  expect_validation(
      ParameterCategory{
          "pc-1", "Sales performance", "", {KpiKind::OpportunitiesCount, KpiKind::RevenueAmount}},
      validate_parameter_category,
      {InvalidCase<ParameterCategory>{"no name", [](auto& c) { c.name = ""; }, "name"},
       {"kpi twice", [](auto& c) { c.kpis.push_back(KpiKind::RevenueAmount); }, "kpis"}});
}

TEST(ProgramValidation, PartnershipAtMostOnePerOrganisation) {
  Partnership existing = acme_partnership();
  const Partnership all[] = {existing};
  EXPECT_TRUE(validate_partnership(existing, all).empty());  // updating itself is fine
  Partnership second = existing;
  second.id = "";
  const auto errors = validate_partnership(second, all);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "org_id");
  EXPECT_EQ(errors[0].message,
            "This organisation already has a partnership; change that one instead.");
}

TEST(ProgramValidation, Partnership) {
  auto validate = [](const Partnership& p) { return validate_partnership(p, {}); };
  expect_validation(
      acme_partnership(), validate,
      {InvalidCase<Partnership>{"no org", [](auto& p) { p.org_id = ""; }, "org_id"},
       {"no type", [](auto& p) { p.type_id = ""; }, "type_id"},
       {"long level", [](auto& p) { p.level = std::string(kMaxName + 1, 'l'); }, "level"},
       {"share", [](auto& p) { p.conditions.revenue_share_bp = -1; },
        "conditions.revenue_share_bp"},
       {"accrual", [](auto& p) { p.conditions.mdf_accrual_bp = 20'000; },
        "conditions.mdf_accrual_bp"},
       {"terms", [](auto& p) { p.conditions.payment_terms_days = 400; },
        "conditions.payment_terms_days"},
       {"notes", [](auto& p) { p.conditions.notes = "\x01"; }, "conditions.notes"},
       {"no overview", [](auto& p) { p.rooms.erase(RoomKind::Overview); }, "rooms"},
       {"bad manager", [](auto& p) { p.manager_id = std::string(kMaxIdBytes + 1, 'm'); },
        "manager_id"},
       {"bad price list", [](auto& p) { p.price_list_id = "a b"; }, "price_list_id"},
       {"no start", [](auto& p) { p.started_at = 0; }, "started_at"},
       {"ends before start", [](auto& p) { p.ends_at = p.started_at - 1; }, "ends_at"}});
}

TEST(ProgramValidation, ParameterChange) {
  const ParameterChange good{"pc-1",   "ps-acme", PartnershipParameter::Level,
                             "Silver", "Gold",    "Q4 tier review",
                             kJan2026, "u-admin", kJan2026};
  expect_validation(
      good, validate_parameter_change,
      {InvalidCase<ParameterChange>{"no partnership", [](auto& c) { c.partnership_id = ""; },
                                    "partnership_id"},
       {"no new value", [](auto& c) { c.new_value = ""; }, "new_value"},
       {"unchanged", [](auto& c) { c.new_value = "Silver"; }, "new_value"},
       {"long old value", [](auto& c) { c.old_value = std::string(kMaxTitle + 1, 'o'); },
        "old_value"},
       {"reason", [](auto& c) { c.reason = "\xC3"; }, "reason"},
       {"no date", [](auto& c) { c.effective_from = 0; }, "effective_from"},
       {"bad by", [](auto& c) { c.changed_by = "x\ty"; }, "changed_by"},
       {"negative at", [](auto& c) { c.changed_at = -5; }, "changed_at"}});
}

TEST(ProgramValidation, PriceList) {
  expect_validation(
      acme_prices(), validate_price_list,
      {InvalidCase<PriceList>{"no partnership", [](auto& l) { l.partnership_id = ""; },
                              "partnership_id"},
       {"no name", [](auto& l) { l.name = ""; }, "name"},
       {"currency", [](auto& l) { l.currency = "euro"; }, "currency"},
       {"until before from", [](auto& l) { l.valid_until = l.valid_from - 1; }, "valid_until"},
       {"item without sku", [](auto& l) { l.items[1].sku = ""; }, "items"},
       {"item other currency", [](auto& l) { l.items[0].list_price.currency = "USD"; }, "items"},
       {"item negative price", [](auto& l) { l.items[0].list_price.minor = -1; }, "items"},
       {"item discount", [](auto& l) { l.items[0].discount_bp = 10'001; }, "items"},
       {"sku twice", [](auto& l) { l.items[1].sku = "AN-100"; }, "items"}});
  PriceList l = acme_prices();
  l.items[1].sku = "AN-100";
  EXPECT_EQ(validate_price_list(l)[0].message, "Item 2 repeats the SKU AN-100.");
}

TEST(ProgramValidation, Licence) {
  expect_validation(Licence{"l1", "org-acme", 10, kJan2026, 0, "u-admin", kJan2026},
                    validate_licence,
                    {InvalidCase<Licence>{"no org", [](auto& l) { l.org_id = ""; }, "org_id"},
                     {"no seats", [](auto& l) { l.seats = 0; }, "seats"},
                     {"too many seats", [](auto& l) { l.seats = kMaxSeats + 1; }, "seats"},
                     {"negative from", [](auto& l) { l.valid_from = -1; }, "valid_from"},
                     {"until before from", [](auto& l) { l.valid_until = 10; }, "valid_until"},
                     {"bad granter", [](auto& l) { l.granted_by = "\x7f"; }, "granted_by"},
                     {"negative grant date", [](auto& l) { l.granted_at = -1; }, "granted_at"}});
}

TEST(ProgramValidation, Invitation) {
  expect_validation(
      invitation(), validate_invitation,
      {InvalidCase<Invitation>{"no org", [](auto& i) { i.org_id = ""; }, "org_id"},
       {"no email", [](auto& i) { i.email = ""; }, "email"},
       {"bad email", [](auto& i) { i.email = "jonas"; }, "email"},
       {"kiosk", [](auto& i) { i.role = Role::Kiosk; }, "role"},
       {"short hash", [](auto& i) { i.token_hash = "abc"; }, "token_hash"},
       {"upper-case hash", [](auto& i) { i.token_hash = std::string(64, 'A'); }, "token_hash"},
       {"bad inviter", [](auto& i) { i.invited_by = "a b"; }, "invited_by"},
       {"negative created",
        [](auto& i) {
          i.created_at = -1;
          i.expires_at = 0;
        },
        "created_at"},
       {"expires before created", [](auto& i) { i.expires_at = i.created_at - 1; }, "expires_at"},
       {"accepted date, not accepted", [](auto& i) { i.accepted_at = i.created_at; },
        "accepted_at"},
       {"accepted before sent",
        [](auto& i) {
          i.accepted = true;
          i.accepted_at = 5;
        },
        "accepted_at"}});
}

TEST(ProgramCodecs, RoundTrip) {
  expect_round_trip(PartnerType{"pt-1", "Reseller", "Sells licences."}, partner_type_from_json);
  expect_round_trip(gold(), partner_level_from_json);
  expect_round_trip(ParameterCategory{"pc", "Sales", "d", {KpiKind::LeadsCount}},
                    parameter_category_from_json);
  expect_round_trip(acme_partnership(), partnership_from_json);
  expect_round_trip(
      ParameterChange{"c", "ps", PartnershipParameter::Rooms, "a", "b", "r", 1, "u", 2},
      parameter_change_from_json);
  expect_round_trip(acme_prices(), price_list_from_json);
  expect_round_trip(Licence{"l1", "org-acme", 10, 1, 2, "u", 3}, licence_from_json);
  expect_round_trip(invitation(), invitation_from_json);
}

TEST(ProgramCodecs, WireShape) {
  const Json j = to_json(acme_partnership());
  EXPECT_EQ(j["rooms"], Json::array({"overview", "leads", "deals", "messages"}));
  EXPECT_EQ(j["conditions"]["revenue_share_bp"], 2000);
  EXPECT_EQ(j["status"], "active");
  EXPECT_EQ(to_json(acme_prices())["items"][0]["list_price"],
            (Json{{"minor", 1'200'000}, {"currency", "EUR"}}));
}

}  // namespace
}  // namespace portal

// The vendor's partnership administration in portal_core: which rooms a partnership may switch
// off, personal price list items (real prices, the discount never lifting the partner price above
// the list price), the one adjacent step a tier review proposes and accepts, the rows of the tier
// review, the payload readers, and how the Program room takes the administration's events.
#include "portal/protocol/admin_commands.h"

#include <gtest/gtest.h>

#include "portal/protocol/model_codecs.h"
#include "portal/rules/entity_validation.h"

namespace portal {
namespace {

constexpr UnixTime kJan05 = 1'767'604'200;  // 2026-01-05T09:10:00Z
constexpr UnixTime kFeb10 = 1'770'724'800;  // 2026-02-10T12:00:00Z

// [SECTION] Rooms per partnership

TEST(PartnershipRooms, OverviewAndMessagesAreAlwaysOnTheRestIsSwitchable) {
  EXPECT_FALSE(is_switchable_room(RoomKind::Overview));
  EXPECT_FALSE(is_switchable_room(RoomKind::Messages));
  const std::vector<RoomKind> switchable = switchable_rooms();
  EXPECT_EQ(switchable.size(), kAllRooms.size() - 2);
  EXPECT_EQ(switchable.front(), RoomKind::Leads);
  for (RoomKind r : switchable) EXPECT_TRUE(is_switchable_room(r)) << to_string(r);

  const std::set<RoomKind> none;
  EXPECT_TRUE(room_enabled(none, RoomKind::Overview));
  EXPECT_TRUE(room_enabled(none, RoomKind::Messages));
  EXPECT_FALSE(room_enabled(none, RoomKind::Leads));
  EXPECT_FALSE(room_enabled(none, RoomKind::Program));
  const std::set<RoomKind> some = {RoomKind::Leads, RoomKind::Program};
  EXPECT_TRUE(room_enabled(some, RoomKind::Leads));
  EXPECT_FALSE(room_enabled(some, RoomKind::Deals));

  EXPECT_EQ(with_always_on({RoomKind::Files}),
            (std::set<RoomKind>{RoomKind::Overview, RoomKind::Messages, RoomKind::Files}));
}

// [SECTION] Price list items

PriceItem item(std::string sku, int64_t list_minor, int32_t discount_bp,
               std::string currency = "EUR") {
  return PriceItem{std::move(sku), "Analytics Suite, 25 seats", Money{list_minor, currency},
                   discount_bp};
}

TEST(PartnershipRooms, EachCommandBelongsToTheRoomItWorksIn) {
  EXPECT_EQ(command_room("lead.submit"), RoomKind::Leads);
  EXPECT_EQ(command_room("deal.record_payout"), RoomKind::Deals);
  EXPECT_EQ(command_room("account.detail"), RoomKind::Accounts);
  EXPECT_EQ(command_room("resource.search"), RoomKind::Resources);
  EXPECT_EQ(command_room("brand.publish"), RoomKind::Brand);
  EXPECT_EQ(command_room("contact.save"), RoomKind::Contacts);
  EXPECT_EQ(command_room("custom_room.save"), RoomKind::Custom);
  EXPECT_EQ(command_room("file.add_version"), RoomKind::Files);
  EXPECT_EQ(command_room("folder.create"), RoomKind::Files);
  EXPECT_EQ(command_room("deliverable.review"), RoomKind::Projects);
  EXPECT_EQ(command_room("task.assign"), RoomKind::Projects);
  EXPECT_EQ(command_room("pricelist.set_item"), RoomKind::Program);
  // Always-on rooms and commands of no room are never switched off.
  EXPECT_EQ(command_room("message.send"), std::nullopt);
  EXPECT_EQ(command_room("notification.read"), std::nullopt);
  EXPECT_EQ(command_room("case.open"), std::nullopt);
  EXPECT_EQ(command_room("leads"), std::nullopt);  // a family needs its dot
  for (auto type : {"lead.submit", "file.add", "project.create", "contact.save"})
    EXPECT_TRUE(is_switchable_room(*command_room(type))) << type;
}

TEST(PriceItems, PartnerPriceIsTheListPriceLessTheDiscountRoundedOnce) {
  // 1,299.00 EUR at 17.5 %: the discount is 227.325 EUR -> 227.33 (half away), the partner
  // pays 1,071.67.
  EXPECT_EQ(net_price(item("AS-25", 129'900, 1750)), (Money{107'167, "EUR"}));
  // 9.99 at 12.5 % = 1.24875 -> 1.25 off -> 8.74.
  EXPECT_EQ(net_price(item("AS-1", 999, 1250)), (Money{874, "EUR"}));
  // No discount and the full 100 %: the partner price stays within [0, list price].
  EXPECT_EQ(net_price(item("AS-1", 999, 0)), (Money{999, "EUR"}));
  EXPECT_EQ(net_price(item("AS-1", 999, 10'000)), (Money{0, "EUR"}));
}

TEST(PriceItems, ValidationNamesEachBadField) {
  EXPECT_TRUE(validate_price_item(item("AS-25.v2_eu", 129'900, 1750), "EUR").empty());
  EXPECT_TRUE(validate_price_item(item(std::string(kMaxSkuBytes, 'A'), 1, 0), "EUR").empty());

  auto first_field = [](const std::vector<FieldError>& e) {
    return e.empty() ? std::string("(none)") : e.front().field;
  };
  EXPECT_EQ(first_field(validate_price_item(item("", 100, 0), "EUR")), "sku");
  EXPECT_EQ(
      first_field(validate_price_item(item(std::string(kMaxSkuBytes + 1, 'A'), 100, 0), "EUR")),
      "sku");
  EXPECT_EQ(first_field(validate_price_item(item("AS 25", 100, 0), "EUR")), "sku");
  EXPECT_EQ(first_field(validate_price_item(item("AS/25", 100, 0), "EUR")), "sku");
  PriceItem unnamed = item("AS-25", 100, 0);
  unnamed.name = "";
  EXPECT_EQ(first_field(validate_price_item(unnamed, "EUR")), "name");
  PriceItem long_name = item("AS-25", 100, 0);
  long_name.name = std::string(kMaxTitle + 1, 'n');
  EXPECT_EQ(first_field(validate_price_item(long_name, "EUR")), "name");
  // A free item is no price list entry; negative and absurd prices neither.
  EXPECT_EQ(first_field(validate_price_item(item("AS-25", 0, 0), "EUR")), "list_price");
  EXPECT_EQ(first_field(validate_price_item(item("AS-25", -1, 0), "EUR")), "list_price");
  EXPECT_EQ(first_field(validate_price_item(item("AS-25", kMaxAmountMinor + 1, 0), "EUR")),
            "list_price");
  EXPECT_TRUE(validate_price_item(item("AS-25", kMaxAmountMinor, 0), "EUR").empty());
  // The partner's prices are kept in its own currency.
  const auto usd = validate_price_item(item("AS-25", 100, 0, "USD"), "EUR");
  ASSERT_EQ(usd.size(), 1u);
  EXPECT_EQ(usd[0].field, "list_price");
  EXPECT_NE(usd[0].message.find("EUR"), std::string::npos) << usd[0].message;
  // Over 100 % would make the partner price negative; below 0 % above the list price.
  EXPECT_EQ(first_field(validate_price_item(item("AS-25", 100, 10'001), "EUR")), "discount_bp");
  EXPECT_EQ(first_field(validate_price_item(item("AS-25", 100, -1), "EUR")), "discount_bp");
}

// [SECTION] Tier steps

// The demo's reseller levels.
std::vector<Level> reseller_levels() {
  return {
      Level{"Bronze", 1, 800, 100, {{KpiKind::LeadsCount, 2}}},
      Level{"Silver",
            2,
            1000,
            150,
            {{KpiKind::LeadsCount, 4},
             {KpiKind::OpportunitiesCount, 2},
             {KpiKind::RevenueAmount, 1'000'000}}},
      Level{"Gold",
            3,
            1500,
            200,
            {{KpiKind::LeadsCount, 6},
             {KpiKind::OpportunitiesCount, 4},
             {KpiKind::RevenueAmount, 5'000'000},
             {KpiKind::CertificationsCount, 2}}},
  };
}

PartnerKpis kpis(int64_t leads, int64_t opportunities, int64_t revenue, int64_t certs) {
  PartnerKpis k;
  k.set(KpiKind::LeadsCount, leads);
  k.set(KpiKind::OpportunitiesCount, opportunities);
  k.set(KpiKind::RevenueAmount, revenue);
  k.set(KpiKind::CertificationsCount, certs);
  return k;
}

TEST(TierSteps, UpWhenTheNextLevelIsMetDownWhenTheCurrentOneIsNot) {
  const auto levels = reseller_levels();
  // Silver meeting every Gold threshold exactly: up to Gold, every KPI met.
  TierStep up = propose_step(levels, "Silver", kpis(6, 4, 5'000'000, 2));
  EXPECT_EQ(up.direction, TierDirection::Up);
  EXPECT_EQ(up.target, "Gold");
  ASSERT_EQ(up.progress.size(), 4u);
  for (const KpiProgress& k : up.progress) EXPECT_TRUE(k.met);
  // One cent of revenue short of Gold: Silver stays.
  TierStep stay = propose_step(levels, "Silver", kpis(6, 4, 4'999'999, 2));
  EXPECT_EQ(stay.direction, TierDirection::Stay);
  EXPECT_EQ(stay.target, "Silver");
  ASSERT_EQ(stay.progress.size(), 4u);
  EXPECT_FALSE(stay.progress[2].met);
  EXPECT_EQ(stay.progress[2].value, 4'999'999);
  // Three leads no longer hold Silver: down one level, with Silver's progress to show why.
  TierStep down = propose_step(levels, "Silver", kpis(3, 2, 1'000'000, 0));
  EXPECT_EQ(down.direction, TierDirection::Down);
  EXPECT_EQ(down.target, "Bronze");
  ASSERT_EQ(down.progress.size(), 3u);
  EXPECT_EQ(down.progress[0].kind, KpiKind::LeadsCount);
  EXPECT_EQ(down.progress[0].value, 3);
  EXPECT_EQ(down.progress[0].threshold, 4);
  EXPECT_FALSE(down.progress[0].met);
  // Below the lowest level there is no level.
  TierStep out = propose_step(levels, "Bronze", kpis(1, 0, 0, 0));
  EXPECT_EQ(out.direction, TierDirection::Down);
  EXPECT_EQ(out.target, "");
  // A review moves one level even when the KPIs would carry further: Bronze meeting Gold goes
  // to Silver first.
  TierStep one = propose_step(levels, "Bronze", kpis(6, 4, 5'000'000, 2));
  EXPECT_EQ(one.direction, TierDirection::Up);
  EXPECT_EQ(one.target, "Silver");
  // No level yet: the lowest one when its two leads are there, else nothing.
  EXPECT_EQ(propose_step(levels, "", kpis(2, 0, 0, 0)).target, "Bronze");
  EXPECT_EQ(propose_step(levels, "", kpis(2, 0, 0, 0)).direction, TierDirection::Up);
  EXPECT_EQ(propose_step(levels, "", kpis(1, 0, 0, 0)).direction, TierDirection::Stay);
  // At the top, meeting it: stay.
  EXPECT_EQ(propose_step(levels, "Gold", kpis(60, 40, 50'000'000, 20)).direction,
            TierDirection::Stay);
  // A type without levels: nothing to propose.
  EXPECT_EQ(propose_step({}, "", kpis(60, 40, 50'000'000, 20)).direction, TierDirection::Stay);
}

TEST(TierSteps, OnlyAnAdjacentLevelOfTheTypeIsAccepted) {
  const auto levels = reseller_levels();
  EXPECT_EQ(step_refusal(levels, "Silver", "Gold"), "");
  EXPECT_EQ(step_refusal(levels, "Silver", "Bronze"), "");
  EXPECT_EQ(step_refusal(levels, "Bronze", ""), "");
  EXPECT_EQ(step_refusal(levels, "", "Bronze"), "");
  EXPECT_NE(step_refusal(levels, "Silver", "Silver").find("already at Silver"), std::string::npos);
  const std::string skip = step_refusal(levels, "Bronze", "Gold");
  EXPECT_NE(skip.find("one level at a time"), std::string::npos) << skip;
  EXPECT_NE(skip.find("Silver or no level"), std::string::npos) << skip;
  EXPECT_NE(step_refusal(levels, "Gold", "Bronze"), "");
  EXPECT_NE(step_refusal(levels, "Silver", ""), "");
  EXPECT_NE(step_refusal(levels, "", "Silver"), "");
  EXPECT_NE(step_refusal(levels, "Silver", "Diamond").find("no level called Diamond"),
            std::string::npos);
  EXPECT_NE(step_refusal(levels, "Gold", "Platinum"), "");
  EXPECT_EQ(level_below(levels, find_level(levels, "Gold"))->name, "Silver");
  EXPECT_EQ(level_below(levels, find_level(levels, "Bronze")), nullptr);
  EXPECT_EQ(level_below(levels, nullptr), nullptr);
}

// A level applied by a review counts from its effective date only: deals won before it keep
// the share that was in force then.
TEST(TierSteps, AnAppliedLevelIsNeverRetroactive) {
  const UnixTime applied = kFeb10;
  const std::vector<ShareChange> history = {{kJan05 - 86'400 * 365, 1000, "Silver"},
                                            {applied, 1500, "Gold"}};
  const std::vector<WonDeal> deals = {{kJan05, Money{1'000'000, "EUR"}},
                                      {applied - 1, Money{333'333, "EUR"}},
                                      {applied, Money{2'000'000, "EUR"}}};
  const PeriodCommission c =
      commission_for_period(deals, history, Period{kJan05 - 86'400, applied + 86'400}, "EUR");
  ASSERT_EQ(c.groups.size(), 2u);
  EXPECT_EQ(c.groups[0].revenue_share_bp, 1000);
  EXPECT_EQ(c.groups[0].revenue_minor, 1'333'333);
  EXPECT_EQ(c.groups[0].commission_minor, 133'333);
  EXPECT_EQ(c.groups[1].revenue_share_bp, 1500);
  EXPECT_EQ(c.groups[1].commission_minor, 300'000);
  EXPECT_EQ(c.commission_minor, 433'333);
}

// [SECTION] Payload readers

TEST(AdminPayloads, ReadersNameTheFieldThatIsMissingOrWrong) {
  auto fields = [](const auto& v) {
    std::vector<std::string> out;
    if (auto* e = std::get_if<std::vector<FieldError>>(&v))
      for (const FieldError& f : *e) out.push_back(f.field);
    return out;
  };
  const Json good = {{"org_id", "org-acme"},
                     {"sku", "AS-25"},
                     {"name", "Analytics Suite"},
                     {"list_price", {{"minor", 129900}, {"currency", "EUR"}}},
                     {"discount_bp", 1750}};
  auto set = price_item_set_from_json(good);
  ASSERT_TRUE(std::holds_alternative<PriceItemSetRequest>(set));
  EXPECT_EQ(std::get<PriceItemSetRequest>(set).item.discount_bp, 1750);
  Json bad = good;
  bad["list_price"] = 129900;
  bad["discount_bp"] = 12000;
  bad.erase("sku");
  EXPECT_EQ(fields(price_item_set_from_json(bad)),
            (std::vector<std::string>{"sku", "list_price", "discount_bp"}));
  EXPECT_EQ(fields(price_item_remove_from_json(Json{{"org_id", "o"}})),
            std::vector<std::string>{"sku"});

  EXPECT_EQ(fields(tier_apply_from_json(
                Json{{"partnership_id", "ps"}, {"level", "Gold"}, {"reason", "Q1 review"}})),
            std::vector<std::string>{"from_level"});
  EXPECT_EQ(
      fields(tier_apply_from_json(Json{
          {"partnership_id", "ps"}, {"from_level", ""}, {"level", "Bronze"}, {"reason", " "}})),
      std::vector<std::string>{"reason"});
  auto apply = tier_apply_from_json(
      Json{{"partnership_id", "ps"}, {"from_level", ""}, {"level", "Bronze"}, {"reason", "New"}});
  ASSERT_TRUE(std::holds_alternative<TierApplyRequest>(apply));

  auto rooms = set_rooms_from_json(Json{{"partnership_id", "ps"}, {"rooms", {"leads", "files"}}});
  ASSERT_TRUE(std::holds_alternative<SetRoomsRequest>(rooms));
  EXPECT_EQ(std::get<SetRoomsRequest>(rooms).rooms,
            (std::set<RoomKind>{RoomKind::Overview, RoomKind::Leads, RoomKind::Messages,
                                RoomKind::Files}));
  EXPECT_EQ(fields(set_rooms_from_json(Json{{"partnership_id", "ps"}, {"rooms", {"lounge"}}})),
            std::vector<std::string>{"rooms"});
  EXPECT_EQ(fields(set_rooms_from_json(Json{{"partnership_id", "ps"}, {"rooms", "leads"}})),
            std::vector<std::string>{"rooms"});
  EXPECT_TRUE(is_partnership_admin_command("tier_review.apply"));
  EXPECT_FALSE(is_partnership_admin_command("mdf.record"));
}

// [SECTION] The Program room and the tier review rows

ProgramState program() {
  ProgramState s;
  s.types.push_back(PartnerType{"pt-res", "Reseller", ""});
  s.levels = {{"lv-b", "pt-res", Level{"Bronze", 1, 800, 100, {{KpiKind::LeadsCount, 2}}}},
              {"lv-s", "pt-res", Level{"Silver", 2, 1000, 150, {{KpiKind::LeadsCount, 4}}}}};
  auto partner = [](std::string org, std::string name, std::string level, int leads,
                    bool partnership) {
    ProgramPartner p;
    p.org_id = org;
    p.name = name;
    if (partnership) p.partnership.id = "ps-" + org;
    p.partnership.org_id = org;
    p.partnership.type_id = "pt-res";
    p.partnership.level = level;
    for (int i = 0; i < leads; ++i)
      p.leads.push_back({org + "-l" + std::to_string(i), kJan05 + i, LeadStage::Submitted, false});
    return p;
  };
  s.partners = {partner("org-c", "Cedar", "Bronze", 4, true),  // up to Silver
                partner("org-b", "Blue", "Silver", 1, true),   // down to Bronze
                partner("org-a", "Acme", "Bronze", 2, true),   // stays
                partner("org-z", "Zeta", "", 9, false)};       // no partnership: no review
  recompute_all(s);
  return s;
}

TEST(TierReviewRows, ListOnlyPartnershipsThatMoveByName) {
  const std::vector<TierReviewRow> rows = tier_review_rows(program());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].org_name, "Blue");
  EXPECT_EQ(rows[0].step.direction, TierDirection::Down);
  EXPECT_EQ(rows[0].step.target, "Bronze");
  EXPECT_EQ(rows[0].kpis.value(KpiKind::LeadsCount), 1);
  EXPECT_EQ(rows[1].org_name, "Cedar");
  EXPECT_EQ(rows[1].partnership_id, "ps-org-c");
  EXPECT_EQ(rows[1].step.direction, TierDirection::Up);
  EXPECT_EQ(rows[1].step.target, "Silver");
  const Json j = to_json(rows[1]);
  EXPECT_EQ(j["direction"], "up");
  EXPECT_EQ(j["current"], "Bronze");
  EXPECT_EQ(j["progress"][0]["value"], 4);
  EXPECT_EQ(j["progress"][0]["threshold"], 4);
  EXPECT_EQ(j["progress"][0]["met"], true);
  EXPECT_EQ(j["kpis"]["leads_count"], 4);
}

TEST(ProgramRoomAdmin, PriceListEventsKeepTheListSortedAndMatchASnapshot) {
  ProgramState s = program();
  auto set = [&](const PriceItem& i) {
    return apply(s, kEvPriceItemSet, Json{{"org_id", "org-c"}, {"item", to_json(i)}});
  };
  EXPECT_TRUE(set(item("ZZ-9", 5'000, 0)));
  EXPECT_TRUE(set(item("AS-25", 129'900, 1750)));
  EXPECT_FALSE(set(item("AS-25", 129'900, 1750)));  // the same again changes nothing
  EXPECT_TRUE(set(item("AS-25", 119'900, 1750)));   // a new price replaces the old
  const ProgramPartner* cedar = find_program_partner(s, "org-c");
  ASSERT_EQ(cedar->price_items.size(), 2u);
  EXPECT_EQ(cedar->price_items[0].sku, "AS-25");
  EXPECT_EQ(cedar->price_items[0].list_price.minor, 119'900);
  EXPECT_EQ(cedar->price_items[1].sku, "ZZ-9");
  // Another organisation's list is untouched; an unknown one is no change.
  EXPECT_TRUE(find_program_partner(s, "org-b")->price_items.empty());
  EXPECT_FALSE(
      apply(s, kEvPriceItemSet, Json{{"org_id", "org-x"}, {"item", to_json(item("A", 1, 0))}}));

  // The snapshot carries the list and decodes to the same state.
  const std::optional<ProgramState> again = program_from_json(to_json(s));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, s);

  EXPECT_TRUE(apply(s, kEvPriceItemRemoved, Json{{"org_id", "org-c"}, {"sku", "ZZ-9"}}));
  EXPECT_FALSE(apply(s, kEvPriceItemRemoved, Json{{"org_id", "org-c"}, {"sku", "ZZ-9"}}));
  EXPECT_EQ(find_program_partner(s, "org-c")->price_items.size(), 1u);
}

TEST(ProgramRoomAdmin, PartnershipChangedMovesTheLevelAndTheHistoryOnce) {
  ProgramState s = program();
  ASSERT_EQ(find_program_partner(s, "org-c")->next_level, "Silver");
  Partnership after = find_program_partner(s, "org-c")->partnership;
  after.level = "Silver";
  after.conditions.revenue_share_bp = 1000;
  ParameterChange level{"chg-1",  after.id, PartnershipParameter::Level,
                        "Bronze", "Silver", "Q1 review",
                        kFeb10,   "u-alex", kFeb10};
  ParameterChange share{"chg-2", after.id, PartnershipParameter::RevenueShare,
                        "8 %",   "10 %",   "Q1 review",
                        kFeb10,  "u-alex", kFeb10};
  const Json data = {{"partnership", to_json(after)},
                     {"changes", Json::array({to_json(level), to_json(share)})}};
  EXPECT_TRUE(apply(s, kEvPartnershipChanged, data));
  const ProgramPartner* cedar = find_program_partner(s, "org-c");
  EXPECT_EQ(cedar->partnership.level, "Silver");
  EXPECT_EQ(cedar->partnership.conditions.revenue_share_bp, 1000);
  EXPECT_EQ(cedar->next_level, "");  // Silver is the top of this type
  ASSERT_EQ(cedar->history.size(), 2u);
  EXPECT_EQ(cedar->history[0].id, "chg-2");  // newest first, as the store hands them
  EXPECT_EQ(cedar->history[1].id, "chg-1");
  // A replay after a snapshot that holds the change already leaves the history as it is.
  EXPECT_FALSE(apply(s, kEvPartnershipChanged, data));
  EXPECT_EQ(find_program_partner(s, "org-c")->history.size(), 2u);
}

}  // namespace
}  // namespace portal

// The Leads, Deals and Overview rooms following pipeline events (rooms/leads.h, deals.h,
// overview.h): what the server's snapshots and the browser's replica both run.
#include <gtest/gtest.h>

#include "portal/protocol/model_codecs.h"
#include "portal/protocol/pipeline_commands.h"
#include "portal/rooms/deals.h"
#include "portal/rooms/leads.h"
#include "portal/rooms/overview.h"

namespace portal {
namespace {

const std::vector<RoomPartner> kPartners = {{"acme", "Acme Integrations", 1500},
                                            {"blue", "Blue Harbor", 1000}};

Lead lead(const std::string& id, const std::string& org = "acme", int64_t value = 1'000'000) {
  return Lead{id, org, LeadDraft{"Company " + id, "C", "c@x.example", "", "", value, "EUR"},
              LeadStage::Submitted, "u1", 1'700'000'000};
}

Deal deal(const std::string& id, DealStage stage, const std::string& org = "acme",
          int64_t value = 2'000'000) {
  Deal d;
  d.id = id;
  d.org_id = org;
  d.name = "Deal " + id;
  d.customer = "Customer " + id;
  d.stage = stage;
  d.value = Money{value, "EUR"};
  d.updated_at = 1'700'000'100;
  return d;
}

Json stage_changed(const std::string& id, const char* stage, UnixTime at = 1'700'000'500) {
  return {{"lead_id", id}, {"stage", stage}, {"at", at}, {"by", "u9"}};
}

// [SECTION] Leads

TEST(LeadsRoom, SubmittedLeadsGetPartnerNameAndExpectedCommission) {
  LeadsState s{kPartners, {}};
  ASSERT_TRUE(apply(s, kEvLeadSubmitted, {{"lead", to_json(lead("a"))}}));
  ASSERT_TRUE(apply(s, kEvLeadSubmitted, {{"lead", to_json(lead("b", "blue"))}}));
  ASSERT_EQ(s.leads.size(), 2u);
  EXPECT_EQ(s.leads[0].lead.id, "b");
  EXPECT_EQ(s.leads[0].partner, "Blue Harbor");
  EXPECT_EQ(s.leads[0].expected_commission_minor, 100'000);
  EXPECT_EQ(s.leads[1].expected_commission_minor, 150'000);
  EXPECT_EQ(s.leads[1].updated_at, 1'700'000'000);
  // The same lead twice (a replay) is not listed twice.
  EXPECT_FALSE(apply(s, kEvLeadSubmitted, {{"lead", to_json(lead("a"))}}));
  EXPECT_EQ(s.leads.size(), 2u);
}

TEST(LeadsRoom, StageChangesAndConversionUpdateTheRow) {
  LeadsState s{kPartners, {make_lead_row(lead("a"), kPartners, 1)}};
  ASSERT_TRUE(apply(s, kEvLeadStageChanged, stage_changed("a", "qualified")));
  EXPECT_EQ(s.leads[0].lead.stage, LeadStage::Qualified);
  EXPECT_EQ(s.leads[0].updated_at, 1'700'000'500);
  ASSERT_TRUE(apply(s, kEvLeadConverted,
                    {{"lead_id", "a"}, {"deal", to_json(deal("d1", DealStage::Qualification))},
                     {"at", 1'700'000'600}}));
  EXPECT_EQ(s.leads[0].deal_id, "d1");
  ASSERT_TRUE(apply(s, kEvLeadStageChanged, stage_changed("a", "lost", 1'700'000'700)));
  EXPECT_EQ(s.leads[0].lead.closed_at, 1'700'000'700);
  EXPECT_EQ(s.leads[0].expected_commission_minor, 0);
  // Unknown lead, bad stage, unknown event: unchanged.
  const LeadsState before = s;
  EXPECT_FALSE(apply(s, kEvLeadStageChanged, stage_changed("zz", "demo")));
  EXPECT_FALSE(apply(s, kEvLeadStageChanged, stage_changed("a", "teleported")));
  EXPECT_FALSE(apply(s, "lead.exploded", Json::object()));
  EXPECT_EQ(s, before);
}

TEST(LeadsRoom, SnapshotRoundTripsThroughJson) {
  LeadsState s{kPartners, {make_lead_row(lead("a"), kPartners, 7, "d1"),
                           make_lead_row(lead("b", "blue"), kPartners, 8)}};
  auto back = leads_from_json(to_json(s));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, s);
  EXPECT_FALSE(leads_from_json(Json{{"leads", Json::array()}}));
}

// [SECTION] Deals

TEST(DealsRoom, CreatedMovedNotedAndPaid) {
  DealsState s{kPartners, {make_deal_row(deal("old", DealStage::Proposal, "blue"), kPartners)}};
  ASSERT_TRUE(apply(s, kEvDealCreated, {{"deal", to_json(deal("d1", DealStage::Qualification))}}));
  EXPECT_EQ(s.deals[0].deal.id, "d1");
  EXPECT_EQ(s.deals[0].expected_commission_minor, 300'000);

  DealNote note{"n1", "d1", "u1", "Kick-off call went well", 1'700'000'200};
  ASSERT_TRUE(apply(s, kEvDealNoteAdded, {{"deal_id", "d1"}, {"note", to_json(note)},
                                          {"author_name", "Dana Fischer"}}));
  ASSERT_EQ(s.deals[0].notes.size(), 1u);
  EXPECT_EQ(s.deals[0].notes[0].author_name, "Dana Fischer");

  // The old deal moves; it goes to the top and keeps its place in the list otherwise.
  Deal won = deal("old", DealStage::ClosedWon, "blue");
  won.won_at = 1'700'000'900;
  won.commission_bp = 1000;  // Blue Harbor's share when it was won, as the server stamps it
  ASSERT_TRUE(apply(s, kEvDealStageChanged, {{"deal", to_json(won)}, {"from", "proposal"}}));
  EXPECT_EQ(s.deals[0].deal.id, "old");
  EXPECT_EQ(s.deals[0].deal.won_at, 1'700'000'900);
  EXPECT_EQ(s.deals[0].expected_commission_minor, 200'000);

  Deal d1 = s.deals[1].deal;
  d1.stage = DealStage::ClosedLost;
  ASSERT_TRUE(apply(s, kEvDealStageChanged, {{"deal", to_json(d1)}, {"from", "qualification"}}));
  EXPECT_EQ(s.deals[0].expected_commission_minor, 0);
  EXPECT_EQ(s.deals[0].notes.size(), 1u) << "notes survive a stage change";

  won.commission_paid = true;
  ASSERT_TRUE(apply(s, kEvDealPayoutRecorded, {{"deal", to_json(won)}}));
  EXPECT_TRUE(s.deals[0].deal.commission_paid);

  auto back = deals_from_json(to_json(s));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, s);
  EXPECT_FALSE(apply(s, kEvDealStageChanged, {{"deal", to_json(deal("nope", DealStage::Proposal))}}));
}

// [SECTION] Overview

OverviewState acme_overview() {
  OverviewState s;
  s.currency = "EUR";
  s.leads_submitted = 2;
  s.leads_open = 2;
  Organisation acme{"acme", "Acme", OrgKind::Partner, "Gold", 1500, "EUR", 10};
  s.partners.push_back(overview_partner(acme, {deal("x", DealStage::Negotiation, "acme", 3'333)},
                                        "EUR"));
  recompute_commission(s);
  return s;
}

TEST(OverviewRoom, FollowsADealFromCreationToPayout) {
  OverviewState s = acme_overview();
  EXPECT_EQ(s.deals_in_progress, 1);
  EXPECT_EQ(s.commission_expected_minor, 500);

  Deal d = deal("d1", DealStage::Qualification, "acme", 3'333);
  ASSERT_TRUE(apply(s, kEvDealCreated, {{"deal", to_json(d)}}));
  EXPECT_EQ(s.deals_in_progress, 2);
  EXPECT_EQ(s.pipeline_minor, 6'666);
  EXPECT_EQ(s.commission_expected_minor, 1'000);  // 15 % of the sum, rounded once

  d.stage = DealStage::ClosedWon;
  d.commission_bp = 1500;  // the share in force when it was won, as the server stamps it
  ASSERT_TRUE(apply(s, kEvDealStageChanged, {{"deal", to_json(d)}, {"from", "qualification"}}));
  EXPECT_EQ(s.deals_in_progress, 1);
  EXPECT_EQ(s.pipeline_minor, 3'333);
  EXPECT_EQ(s.commission_pending_minor, 500);

  d.commission_paid = true;
  ASSERT_TRUE(apply(s, kEvDealPayoutRecorded, {{"deal", to_json(d)}}));
  EXPECT_EQ(s.commission_pending_minor, 0);
  EXPECT_EQ(s.commission_earned_minor, 500);

  // The same as a snapshot built from the deals as they are now.
  OverviewState fresh = acme_overview();
  Organisation acme{"acme", "Acme", OrgKind::Partner, "Gold", 1500, "EUR", 10};
  fresh.partners = {overview_partner(
      acme, {deal("x", DealStage::Negotiation, "acme", 3'333), d}, "EUR")};
  recompute_commission(fresh);
  EXPECT_EQ(fresh, s);
}

TEST(OverviewRoom, ClosingALeadLeavesLeadsOpen) {
  OverviewState s = acme_overview();
  apply(s, kEvLeadSubmitted, {{"lead", to_json(lead("a"))}});
  EXPECT_EQ(s.leads_open, 3);
  ASSERT_TRUE(apply(s, kEvLeadStageChanged, stage_changed("a", "qualified")));
  EXPECT_EQ(s.leads_open, 3);
  EXPECT_EQ(s.recent_leads[0].stage, LeadStage::Qualified);
  ASSERT_TRUE(apply(s, kEvLeadStageChanged, stage_changed("a", "rejected")));
  EXPECT_EQ(s.leads_open, 2);
}

TEST(OverviewRoom, DealsOfUnknownPartnersOrCurrenciesAreNotCounted) {
  OverviewState s = acme_overview();
  const OverviewState before = s;
  EXPECT_FALSE(apply(s, kEvDealCreated, {{"deal", to_json(deal("b", DealStage::Proposal, "blue"))}}));
  Deal usd = deal("u", DealStage::Proposal);
  usd.value.currency = "USD";
  EXPECT_FALSE(apply(s, kEvDealCreated, {{"deal", to_json(usd)}}));
  EXPECT_EQ(s, before);
  auto back = overview_from_json(to_json(s));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, s);
}

}  // namespace
}  // namespace portal

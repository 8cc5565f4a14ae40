// The Partner program room: KPI progress toward the next tier from real lead and deal figures,
// the MDF balance, analytics per month, and how events (the program's own and the pipeline's)
// change the state exactly as a fresh snapshot would show it.
#include "portal/rooms/program.h"

#include <gtest/gtest.h>

#include "portal/protocol/model_codecs.h"
#include "portal/protocol/pipeline_commands.h"

namespace portal {
namespace {

// 2026-02-24T09:30:00Z and friends (UTC).
constexpr UnixTime kDec06 = 1'765'011'600;  // 2025-12-06T09:00:00Z
constexpr UnixTime kJan05 = 1'767'604'200;  // 2026-01-05T09:10:00Z
constexpr UnixTime kJan12 = 1'768'215'600;  // 2026-01-12T11:00:00Z
constexpr UnixTime kFeb10 = 1'770'724'800;  // 2026-02-10T12:00:00Z
constexpr UnixTime kFeb24 = 1'771'925'400;  // 2026-02-24T09:30:00Z
constexpr UnixTime kMar02 = 1'772'409'600;  // 2026-03-02T00:00:00Z

Level level(std::string name, int32_t rank, int32_t share, std::vector<LevelRequirement> reqs) {
  return Level{std::move(name), rank, share, 200, std::move(reqs)};
}

ProgramState acme_program() {
  ProgramState s;
  s.types.push_back(PartnerType{"pt-res", "Reseller", ""});
  s.levels = {
      {"lv-1", "pt-res", level("Silver", 2, 1000, {{KpiKind::LeadsCount, 2}})},
      {"lv-2", "pt-res", level("Gold", 3, 1500, {{KpiKind::LeadsCount, 3}})},
      {"lv-3", "pt-res",
       level("Platinum", 4, 2000,
             {{KpiKind::LeadsCount, 8},
              {KpiKind::OpportunitiesCount, 3},
              {KpiKind::RevenueAmount, 10'000'000},
              {KpiKind::CertificationsCount, 2}})},
      {"lv-x", "pt-other", level("Diamond", 5, 2500, {})},
  };
  ProgramPartner p;
  p.org_id = "org-acme";
  p.name = "Acme Integrations";
  p.partnership.id = "ps-acme";
  p.partnership.org_id = "org-acme";
  p.partnership.type_id = "pt-res";
  p.partnership.level = "Gold";
  p.partnership.conditions.revenue_share_bp = 1500;
  p.leads = {{"l1", kDec06, LeadStage::Rejected, false},
             {"l2", kJan05, LeadStage::Won, false},
             {"l3", kFeb10, LeadStage::Qualified, true},
             {"l4", kFeb24, LeadStage::Submitted, false}};
  p.deals = {{"d1", kJan12, kJan12, DealStage::ClosedWon, Money{4'000'000, "EUR"}},
             {"d2", kJan12, kJan12, DealStage::ClosedLost, Money{1'500'000, "EUR"}},
             {"d3", kFeb10, kFeb10, DealStage::ClosedWon, Money{2'400'000, "EUR"}},
             {"d4", kFeb10, 0, DealStage::Negotiation, Money{4'800'000, "EUR"}},
             {"d5", kFeb10, 0, DealStage::Proposal, Money{9'900, "USD"}}};
  p.certificates = {{"Dana", {"c1", "u-dana", "org-acme", "cert", kDec06, kDec06 + 365 * 86400}},
                    {"Leo", {"c2", "u-leo", "org-acme", "cert", kDec06 - 800 * 86400,
                             kDec06 - 435 * 86400}}};
  p.ledger = {{"m2", "org-acme", MdfDirection::Debit, Money{250'000, "EUR"}, "Booth", "", "", kJan12},
              {"m1", "org-acme", MdfDirection::Credit, Money{800'000, "EUR"}, "Allocation", "", "",
               kDec06}};
  s.partners.push_back(std::move(p));
  recompute_all(s);
  return s;
}

TEST(ProgramRoom, MonthStartWalksCalendarMonthsAcrossYears) {
  EXPECT_EQ(month_start(kFeb24), 1'769'904'000);      // 2026-02-01
  EXPECT_EQ(month_start(kFeb24, 1), 1'772'323'200);   // 2026-03-01
  EXPECT_EQ(month_start(kFeb24, -2), 1'764'547'200);  // 2025-12-01
  EXPECT_EQ(month_start(kFeb24, -13), 1'735'689'600);  // 2025-01-01
}

TEST(ProgramRoom, ParsesCalendarDaysOnly) {
  EXPECT_EQ(parse_day("2026-03-02"), kMar02);
  EXPECT_EQ(parse_day("2024-02-29"), 1'709'164'800);
  EXPECT_FALSE(parse_day("2025-02-29"));
  EXPECT_FALSE(parse_day("2026-13-01"));
  EXPECT_FALSE(parse_day("2026-3-2"));
  EXPECT_FALSE(parse_day("next week"));
}

TEST(ProgramRoom, MeasuresKpisFromTheLeadsAndDealsOfTheLastTwelveMonths) {
  const ProgramState s = acme_program();
  const ProgramPartner& p = s.partners[0];
  EXPECT_EQ(p.as_of, kFeb24);
  EXPECT_EQ(p.kpis.value(KpiKind::LeadsCount), 4);
  // Deals in other currencies than the partner's are left out of counts and amounts.
  EXPECT_EQ(p.kpis.value(KpiKind::OpportunitiesCount), 4);
  EXPECT_EQ(p.kpis.value(KpiKind::OpportunitiesAmount), 12'700'000);
  EXPECT_EQ(p.kpis.value(KpiKind::RevenueAmount), 6'400'000);
  // Leo's certification expired before the period ended.
  EXPECT_EQ(p.kpis.value(KpiKind::CertificationsCount), 1);
}

TEST(ProgramRoom, ProgressTowardTheNextTierOfThePartnersOwnType) {
  const ProgramState s = acme_program();
  const ProgramPartner& p = s.partners[0];
  EXPECT_EQ(p.next_level, "Platinum");
  ASSERT_EQ(p.next_progress.size(), 4u);
  EXPECT_EQ(p.next_progress[0].kind, KpiKind::LeadsCount);
  EXPECT_EQ(p.next_progress[0].value, 4);
  EXPECT_EQ(p.next_progress[0].threshold, 8);
  EXPECT_FALSE(p.next_progress[0].met);
  EXPECT_TRUE(p.next_progress[1].met);  // 4 of 3 opportunities
  EXPECT_DOUBLE_EQ(p.next_progress[2].fraction, 0.64);
  EXPECT_DOUBLE_EQ(p.next_progress[3].fraction, 0.5);
  // (0.5 + 1 + 0.64 + 0.5) / 4 = 0.66
  EXPECT_EQ(p.overall_bp, 6600);
}

TEST(ProgramRoom, TopTierHasNoNextLevelAndShowsFullProgress) {
  ProgramState s = acme_program();
  s.partners[0].partnership.level = "Platinum";
  recompute_all(s);
  EXPECT_EQ(s.partners[0].next_level, "");
  EXPECT_TRUE(s.partners[0].next_progress.empty());
  EXPECT_EQ(s.partners[0].overall_bp, 10'000);
}

TEST(ProgramRoom, MdfBalanceIsCreditsLessDebits) {
  EXPECT_EQ(acme_program().partners[0].mdf_balance_minor, 550'000);
}

TEST(ProgramRoom, AnalyticsCountSixMonthsWithConversionAndWinRate) {
  const ProgramState s = acme_program();
  const ProgramAnalytics& a = s.partners[0].analytics;
  ASSERT_EQ(a.months.size(), 6u);
  EXPECT_EQ(a.months.front().year, 2025);
  EXPECT_EQ(a.months.front().month, 9);
  EXPECT_EQ(a.months.back().year, 2026);
  EXPECT_EQ(a.months.back().month, 2);
  EXPECT_EQ(a.months[3].leads, 1);  // December
  EXPECT_EQ(a.months[4].leads, 1);  // January
  EXPECT_EQ(a.months[5].leads, 2);  // February
  EXPECT_EQ(a.months[4].deals, 2);
  EXPECT_EQ(a.months[5].deals, 3);
  EXPECT_EQ(a.months[4].won, 1);
  EXPECT_EQ(a.months[5].won, 1);
  EXPECT_EQ(a.leads, 4);
  EXPECT_EQ(a.converted, 2);  // one won, one converted to a deal
  EXPECT_EQ(a.conversion_bp, 5000);
  EXPECT_EQ(a.won, 2);
  EXPECT_EQ(a.lost, 1);
  EXPECT_EQ(a.win_rate_bp, 6667);
}

TEST(ProgramRoom, SnapshotRoundTripsAndRecomputesTheFigures) {
  const ProgramState s = acme_program();
  const auto back = program_from_json(to_json(s));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, s);
  EXPECT_EQ(to_json(s)["partners"][0]["figures"]["mdf_balance_minor"], 550'000);
  EXPECT_FALSE(program_from_json(Json{{"partners", 3}}));
}

TEST(ProgramRoom, MdfRecordedPutsTheEntryFirstAndMovesTheBalance) {
  ProgramState s = acme_program();
  const MdfEntry debit{"m3", "org-acme", MdfDirection::Debit, Money{100'000, "EUR"}, "Webinar",
                       "", "u-priya", kMar02};
  ASSERT_TRUE(apply(s, kEvMdfRecorded, {{"entry", to_json(debit)}}));
  EXPECT_EQ(s.partners[0].ledger.front(), debit);
  EXPECT_EQ(s.partners[0].mdf_balance_minor, 450'000);
  // The same entry twice, or another partner's, changes nothing.
  EXPECT_FALSE(apply(s, kEvMdfRecorded, {{"entry", to_json(debit)}}));
  MdfEntry other = debit;
  other.id = "m4";
  other.org_id = "org-cedar";
  EXPECT_FALSE(apply(s, kEvMdfRecorded, {{"entry", to_json(other)}}));
  EXPECT_EQ(s.partners[0].ledger.size(), 3u);
}

TEST(ProgramRoom, PipelineEventsMoveKpisAndAnalyticsLikeAFreshSnapshot) {
  ProgramState s = acme_program();
  Lead lead;
  lead.id = "l5";
  lead.org_id = "org-acme";
  lead.created_at = kMar02;
  ASSERT_TRUE(apply(s, kEvLeadSubmitted, {{"lead", to_json(lead)}}));
  EXPECT_EQ(s.partners[0].kpis.value(KpiKind::LeadsCount), 5);
  // The window follows the newest activity: March 2026 is now the last month.
  EXPECT_EQ(s.partners[0].analytics.months.back().month, 3);
  EXPECT_EQ(s.partners[0].analytics.months.back().leads, 1);

  Deal deal;
  deal.id = "d4";
  deal.org_id = "org-acme";
  deal.stage = DealStage::ClosedWon;
  deal.value = Money{4'800'000, "EUR"};
  deal.created_at = kFeb10;
  deal.updated_at = deal.won_at = kMar02;
  ASSERT_TRUE(apply(s, kEvDealStageChanged, {{"deal", to_json(deal)}, {"from", "negotiation"}}));
  EXPECT_EQ(s.partners[0].kpis.value(KpiKind::RevenueAmount), 11'200'000);
  EXPECT_TRUE(s.partners[0].next_progress[2].met);

  ASSERT_TRUE(apply(s, kEvLeadStageChanged, {{"lead_id", "l4"}, {"stage", "qualified"}}));
  ASSERT_TRUE(apply(s, kEvLeadConverted, {{"lead_id", "l4"}, {"deal", to_json(deal)}}));
  EXPECT_FALSE(apply(s, kEvLeadStageChanged, {{"lead_id", "nope"}, {"stage", "qualified"}}));

  // A replica that applied the events equals a snapshot built from the same facts.
  const auto fresh = program_from_json(to_json(s));
  ASSERT_TRUE(fresh);
  EXPECT_EQ(*fresh, s);
  EXPECT_EQ(s.partners[0].analytics.converted, 3);
}

TEST(ProgramRoom, TrainingProgressAndActivitiesAreUpserted) {
  ProgramState s = acme_program();
  const TrainingProgress p{"u-leo", "tr-1", 2, kJan05, 0};
  const Json data = {{"org_id", "org-acme"}, {"user_name", "Leo Martin"}, {"progress", to_json(p)}};
  ASSERT_TRUE(apply(s, kEvTrainingProgressSet, data));
  TrainingProgress done = p;
  done.completed_modules = 6;
  done.completed_at = kMar02;
  ASSERT_TRUE(apply(s, kEvTrainingProgressSet,
                    {{"org_id", "org-acme"}, {"user_name", "Leo Martin"},
                     {"progress", to_json(done)}}));
  ASSERT_EQ(s.partners[0].enrolments.size(), 1u);
  EXPECT_EQ(s.partners[0].enrolments[0].progress, done);

  MarketingActivity a;
  a.id = "a1";
  a.org_id = "org-acme";
  a.title = "Roundtable";
  a.starts_at = kFeb10;
  MarketingActivity b = a;
  b.id = "a2";
  b.starts_at = kMar02;
  ASSERT_TRUE(apply(s, kEvActivityAdded, {{"activity", to_json(a)}}));
  ASSERT_TRUE(apply(s, kEvActivityAdded, {{"activity", to_json(b)}}));
  EXPECT_FALSE(apply(s, kEvActivityAdded, {{"activity", to_json(b)}}));
  ASSERT_EQ(s.partners[0].activities.size(), 2u);
  EXPECT_EQ(s.partners[0].activities[0].id, "a2");  // newest start first
  EXPECT_FALSE(apply(s, "something.else", Json::object()));
}

}  // namespace
}  // namespace portal

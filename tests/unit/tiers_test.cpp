#include "portal/rules/tiers.h"

#include <gtest/gtest.h>

namespace portal {
namespace {

constexpr UnixTime kDay = 86'400;
constexpr UnixTime kJan1 = 1'735'689'600;  // 2025-01-01T00:00:00Z

// Reseller levels as a vendor would set them up; listed out of rank order on purpose.
std::vector<Level> reseller_levels() {
  return {
      Level{"Silver",
            2,
            1500,
            300,
            {{KpiKind::LeadsCount, 10}, {KpiKind::OpportunitiesAmount, 5'000'000}}},
      Level{"Bronze", 1, 1000, 200, {}},
      Level{"Platinum",
            3,
            2000,
            500,
            {{KpiKind::LeadsCount, 25},
             {KpiKind::OpportunitiesAmount, 20'000'000},
             {KpiKind::CertificationsCount, 2}}},
  };
}

PartnerKpis kpis(int64_t leads, int64_t opp_amount, int64_t certs = 0) {
  PartnerKpis k;
  k.set(KpiKind::LeadsCount, leads);
  k.set(KpiKind::OpportunitiesAmount, opp_amount);
  k.set(KpiKind::CertificationsCount, certs);
  return k;
}

TEST(Tiers, KpiWireNamesRoundTrip) {
  for (KpiKind k : kAllKpiKinds) {
    EXPECT_EQ(kpi_kind_from_string(to_string(k)), k);
    EXPECT_FALSE(kpi_kind_label(k).empty());
  }
  EXPECT_EQ(to_string(KpiKind::OpportunitiesAmount), "opportunities_amount");
  EXPECT_FALSE(kpi_kind_from_string("Leads_Count").has_value());
  EXPECT_TRUE(is_money_kpi(KpiKind::RevenueAmount));
  EXPECT_FALSE(is_money_kpi(KpiKind::CertificationsCount));
  for (TierDirection d : {TierDirection::Up, TierDirection::Down, TierDirection::Stay})
    EXPECT_EQ(tier_direction_from_string(to_string(d)), d);
  EXPECT_FALSE(tier_direction_from_string("sideways").has_value());
}

struct ProgressCase {
  int64_t value;
  int64_t threshold;
  double fraction;
  bool met;
};

class TierProgress : public ::testing::TestWithParam<ProgressCase> {};

TEST_P(TierProgress, ClampsFractionAndFlagsMet) {
  const auto& c = GetParam();
  PartnerKpis k;
  k.set(KpiKind::RevenueAmount, c.value);
  const KpiProgress p = progress({KpiKind::RevenueAmount, c.threshold}, k);
  EXPECT_EQ(p.kind, KpiKind::RevenueAmount);
  EXPECT_EQ(p.value, c.value);
  EXPECT_EQ(p.threshold, c.threshold);
  EXPECT_DOUBLE_EQ(p.fraction, c.fraction);
  EXPECT_EQ(p.met, c.met);
}

INSTANTIATE_TEST_SUITE_P(Table, TierProgress,
                         ::testing::Values(ProgressCase{0, 5'000'000, 0.0, false},
                                           ProgressCase{1'250'000, 5'000'000, 0.25, false},
                                           ProgressCase{4'999'999, 5'000'000, 0.9999998, false},
                                           ProgressCase{5'000'000, 5'000'000, 1.0, true},
                                           ProgressCase{9'000'000, 5'000'000, 1.0, true},
                                           ProgressCase{-300, 5'000'000, 0.0, false},
                                           ProgressCase{0, 0, 1.0, true},
                                           ProgressCase{-1, 0, 1.0, false},
                                           ProgressCase{INT64_MAX, 1, 1.0, true}));

TEST(Tiers, ProgressTowardListsEveryRequirementInOrder) {
  const auto levels = reseller_levels();
  const auto p = progress_toward(levels[2], kpis(30, 10'000'000, 1));
  ASSERT_EQ(p.size(), 3u);
  EXPECT_TRUE(p[0].met);                 // 30 of 25 leads
  EXPECT_DOUBLE_EQ(p[1].fraction, 0.5);  // €100k of €200k
  EXPECT_DOUBLE_EQ(p[2].fraction, 0.5);  // 1 of 2 certifications
  EXPECT_FALSE(p[2].met);
  EXPECT_TRUE(progress_toward(levels[1], kpis(0, 0)).empty());
}

struct QualifyCase {
  const char* what;
  PartnerKpis kpis;
  const char* level;  // "" = none
};

class TierQualify : public ::testing::TestWithParam<QualifyCase> {};

TEST_P(TierQualify, PicksHighestLevelWithAllRequirementsMet) {
  const auto& c = GetParam();
  const auto levels = reseller_levels();
  const Level* l = qualifying_level(levels, c.kpis);
  EXPECT_EQ(l ? l->name : std::string(), c.level) << c.what;
}

INSTANTIATE_TEST_SUITE_P(
    Table, TierQualify,
    ::testing::Values(QualifyCase{"nothing measured: the requirement-free lowest level", kpis(0, 0),
                                  "Bronze"},
                      QualifyCase{"exactly on Silver's thresholds", kpis(10, 5'000'000), "Silver"},
                      QualifyCase{"one cent short of Silver", kpis(10, 4'999'999), "Bronze"},
                      QualifyCase{"Platinum amounts but one certification short",
                                  kpis(40, 30'000'000, 1), "Silver"},
                      QualifyCase{"everything met", kpis(25, 20'000'000, 2), "Platinum"}));

TEST(Tiers, NoLevelQualifiesWhenEveryLevelHasUnmetRequirements) {
  std::vector<Level> levels = {Level{"Registered", 1, 500, 0, {{KpiKind::LeadsCount, 1}}}};
  EXPECT_EQ(qualifying_level(levels, kpis(0, 0)), nullptr);
  EXPECT_EQ(qualifying_level(std::span<const Level>{}, kpis(5, 5)), nullptr);
}

TEST(Tiers, NextLevelFollowsRankNotListOrder) {
  const auto levels = reseller_levels();
  EXPECT_EQ(next_level(levels, nullptr)->name, "Bronze");
  EXPECT_EQ(next_level(levels, find_level(levels, "Bronze"))->name, "Silver");
  EXPECT_EQ(next_level(levels, find_level(levels, "Silver"))->name, "Platinum");
  EXPECT_EQ(next_level(levels, find_level(levels, "Platinum")), nullptr);
  EXPECT_EQ(find_level(levels, "silver"), nullptr);  // names are exact
}

struct ReviewCase {
  const char* current;
  PartnerKpis kpis;
  const char* qualifies_for;
  TierDirection direction;
};

class TierReviewTable : public ::testing::TestWithParam<ReviewCase> {};

TEST_P(TierReviewTable, ComparesHeldAndEarnedLevel) {
  const auto& c = GetParam();
  const auto levels = reseller_levels();
  const TierReview r = review_tier("acme", levels, c.current, c.kpis);
  EXPECT_EQ(r.org_id, "acme");
  EXPECT_EQ(r.qualifies_for, c.qualifies_for) << c.current;
  EXPECT_EQ(r.direction, c.direction) << c.current << " -> " << c.qualifies_for;
}

INSTANTIATE_TEST_SUITE_P(
    Table, TierReviewTable,
    ::testing::Values(ReviewCase{"Bronze", kpis(12, 6'000'000), "Silver", TierDirection::Up},
                      ReviewCase{"Silver", kpis(12, 6'000'000), "Silver", TierDirection::Stay},
                      ReviewCase{"Platinum", kpis(12, 6'000'000), "Silver", TierDirection::Down},
                      ReviewCase{"Bronze", kpis(99, 99'000'000, 9), "Platinum", TierDirection::Up},
                      ReviewCase{"", kpis(0, 0), "Bronze", TierDirection::Up},
                      ReviewCase{"Diamond", kpis(0, 0), "Bronze", TierDirection::Up}));

TEST(Tiers, ReviewWithoutAnyQualifyingLevel) {
  std::vector<Level> levels = {Level{"Registered", 1, 500, 0, {{KpiKind::LeadsCount, 1}}}};
  const TierReview lost = review_tier("acme", levels, "Registered", kpis(0, 0));
  EXPECT_EQ(lost, (TierReview{"acme", "Registered", "", TierDirection::Down}));
  const TierReview none = review_tier("acme", levels, "", kpis(0, 0));
  EXPECT_EQ(none, (TierReview{"acme", "", "", TierDirection::Stay}));
}

// Bronze from 1 Jan (10 %), Silver from 1 Apr (15 %), a same-day correction to 16 %.
std::vector<ShareChange> history() {
  return {
      {kJan1 + 90 * kDay, 1500, "Silver"},
      {kJan1, 1000, "Bronze"},
      {kJan1 + 90 * kDay, 1600, "Silver"},
  };
}

struct ShareCase {
  UnixTime at;
  int32_t bp;
};

class EffectiveShare : public ::testing::TestWithParam<ShareCase> {};

TEST_P(EffectiveShare, LatestEntryNotAfterTheTime) {
  const auto h = history();
  EXPECT_EQ(effective_share(h, GetParam().at), GetParam().bp);
}

INSTANTIATE_TEST_SUITE_P(Table, EffectiveShare,
                         ::testing::Values(ShareCase{kJan1 - 1, 0},  // before any entry
                                           ShareCase{kJan1, 1000},   // on the date itself
                                           ShareCase{kJan1 + 90 * kDay - 1, 1000},
                                           ShareCase{kJan1 + 90 * kDay, 1600},  // correction wins
                                           ShareCase{kJan1 + 400 * kDay, 1600}));

TEST(Tiers, EffectiveEntryNamesTheLevel) {
  const auto h = history();
  ASSERT_NE(effective_entry(h, kJan1 + 5), nullptr);
  EXPECT_EQ(effective_entry(h, kJan1 + 5)->level, "Bronze");
  EXPECT_EQ(effective_entry(h, kJan1 - 5), nullptr);
  EXPECT_EQ(effective_share(std::span<const ShareChange>{}, kJan1), 0);
}

TEST(Tiers, CommissionUsesTheShareInForceWhenEachDealWasWon) {
  const auto h = history();
  const std::vector<WonDeal> deals = {
      {kJan1 - kDay, Money{9'999'900, "EUR"}},        // before the period: ignored
      {kJan1 + 10 * kDay, Money{1'000'000, "EUR"}},   // €10,000 at 10 %
      {kJan1 + 89 * kDay, Money{2'000'000, "EUR"}},   // €20,000 at 10 %
      {kJan1 + 90 * kDay, Money{3'000'000, "EUR"}},   // €30,000 at 16 %: the upgrade day
      {kJan1 + 91 * kDay, Money{5'000'000, "USD"}},   // other currency: ignored
      {kJan1 + 180 * kDay, Money{7'700'000, "EUR"}},  // == period end: excluded (half-open)
  };
  const Period q = {kJan1, kJan1 + 180 * kDay};
  const PeriodCommission c = commission_for_period(deals, h, q, "EUR");
  EXPECT_EQ(c.deals, 3);
  EXPECT_EQ(c.revenue_minor, 6'000'000);
  ASSERT_EQ(c.groups.size(), 2u);
  EXPECT_EQ(c.groups[0], (ShareGroup{1000, 2, 3'000'000, 300'000}));
  EXPECT_EQ(c.groups[1], (ShareGroup{1600, 1, 3'000'000, 480'000}));
  EXPECT_EQ(c.commission_minor, 780'000);  // not 6'000'000 × 16 % = 960'000: no back-dating
}

TEST(Tiers, CommissionRoundsOncePerShareGroup) {
  // Three 1-cent deals at 50 %: per deal 3 × round(0.5) = 3, per group round(1.5) = 2.
  const std::vector<ShareChange> h = {{0, 5000, "Half"}};
  const std::vector<WonDeal> deals(3, WonDeal{100, Money{1, "EUR"}});
  const PeriodCommission c = commission_for_period(deals, h, {0, 1000}, "EUR");
  EXPECT_EQ(c.commission_minor, 2);
}

TEST(Tiers, DealsWonBeforeAnyShareEarnNothingButAreCounted) {
  const std::vector<ShareChange> h = {{kJan1 + 30 * kDay, 1500, "Silver"}};
  const std::vector<WonDeal> deals = {{kJan1 + kDay, Money{1'234'567, "EUR"}},
                                      {kJan1 + 31 * kDay, Money{1'234'567, "EUR"}}};
  const PeriodCommission c = commission_for_period(deals, h, {kJan1, kJan1 + 90 * kDay}, "EUR");
  ASSERT_EQ(c.groups.size(), 2u);
  EXPECT_EQ(c.groups[0], (ShareGroup{0, 1, 1'234'567, 0}));
  EXPECT_EQ(c.groups[1], (ShareGroup{1500, 1, 1'234'567, 185'185}));  // 185,185.05 rounds down
  EXPECT_EQ(c.commission_minor, 185'185);
  EXPECT_EQ(commission_for_period({}, h, {kJan1, kJan1 + kDay}, "EUR"), PeriodCommission{});
}

}  // namespace
}  // namespace portal

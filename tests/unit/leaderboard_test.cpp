#include "portal/rules/leaderboard.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace portal {
namespace {

struct CivilCase {
  int32_t y, m, d;
  int64_t days;
};

class CivilDays : public ::testing::TestWithParam<CivilCase> {};

TEST_P(CivilDays, MatchesKnownDates) {
  const auto& c = GetParam();
  EXPECT_EQ(days_from_civil(c.y, c.m, c.d), c.days);
}

INSTANTIATE_TEST_SUITE_P(Table, CivilDays,
                         ::testing::Values(CivilCase{1970, 1, 1, 0}, CivilCase{1969, 12, 31, -1},
                                           CivilCase{2000, 2, 29, 11'016},
                                           CivilCase{2000, 3, 1, 11'017},
                                           CivilCase{2024, 2, 29, 19'782},
                                           CivilCase{2025, 1, 1, 20'089},
                                           CivilCase{1900, 3, 1, -25'508}));

struct QuarterCase {
  UnixTime t;
  int32_t year;
  int32_t q;
  UnixTime start;
  UnixTime end;
};

class QuarterOf : public ::testing::TestWithParam<QuarterCase> {};

TEST_P(QuarterOf, FindsTheUtcCalendarQuarter) {
  const auto& c = GetParam();
  const Quarter q = quarter_of(c.t);
  EXPECT_EQ(q, (Quarter{c.year, c.q, c.start, c.end})) << c.t;
  EXPECT_LE(q.start, c.t);
  EXPECT_LT(c.t, q.end);
}

INSTANTIATE_TEST_SUITE_P(Table, QuarterOf,
                         ::testing::Values(
                             // 1970-01-01T00:00:00Z, Q1 1970 ends 1970-04-01.
                             QuarterCase{0, 1970, 1, 0, 7'776'000},
                             // 1969-12-31T23:59:59Z: one second before the epoch is Q4 1969.
                             QuarterCase{-1, 1969, 4, -7'948'800, 0},
                             // 2024-03-31T23:59:59Z (leap year): last second of Q1.
                             QuarterCase{1'711'929'599, 2024, 1, 1'704'067'200, 1'711'929'600},
                             // 2024-04-01T00:00:00Z: first second of Q2.
                             QuarterCase{1'711'929'600, 2024, 2, 1'711'929'600, 1'719'792'000},
                             // 2025-08-15T12:00:00Z.
                             QuarterCase{1'755'259'200, 2025, 3, 1'751'328'000, 1'759'276'800},
                             // 2025-12-31T23:59:59Z: Q4 ends at the next year's first second.
                             QuarterCase{1'767'225'599, 2025, 4, 1'759'276'800, 1'767'225'600}));

TEST(Leaderboard, PreviousQuarterAndLabel) {
  const Quarter q1 = quarter_of(1'736'000'000);  // 2025-01-04
  EXPECT_EQ(quarter_label(q1), "Q1 2025");
  const Quarter q4 = previous_quarter(q1);
  EXPECT_EQ(quarter_label(q4), "Q4 2024");
  EXPECT_EQ(q4.end, q1.start);
  EXPECT_EQ(previous_quarter(quarter_of(1'755'259'200)), quarter_of(1'748'736'000));  // Q2 2025
}

TEST(Leaderboard, MetricWireNamesRoundTrip) {
  for (auto m : {LeaderboardMetric::Revenue, LeaderboardMetric::NewAccounts}) {
    EXPECT_EQ(leaderboard_metric_from_string(to_string(m)), m);
    EXPECT_FALSE(leaderboard_metric_label(m).empty());
  }
  EXPECT_FALSE(leaderboard_metric_from_string("accounts").has_value());
}

std::vector<LeaderboardEntry> partners() {
  return {
      {"org-d", "Delta GmbH", 5'000'000, 3, 1'750'000'000},
      {"org-b", "Bluebird Ltd", 12'000'000, 1, std::nullopt},
      {"org-a", "Acme Reseller", 5'000'000, 7, 1'751'000'000},
      {"org-c", "Crane & Co", 5'000'000, 1, std::nullopt},
      {"org-e", "Echo Consulting", 0, 0, std::nullopt},
  };
}

TEST(Leaderboard, CompetitionRankingWithTiesOrderedByOrgId) {
  const auto entries = partners();
  const auto rows = rank_partners(entries, LeaderboardMetric::Revenue);
  ASSERT_EQ(rows.size(), 5u);
  const std::vector<std::pair<int32_t, std::string>> expected = {
      {1, "org-b"}, {2, "org-a"}, {2, "org-c"}, {2, "org-d"}, {5, "org-e"}};
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].rank, expected[i].first) << i;
    EXPECT_EQ(rows[i].org_id, expected[i].second) << i;
    EXPECT_EQ(rows[i].position, static_cast<int32_t>(i + 1));
  }
  EXPECT_EQ(rows[0].value, 12'000'000);
  EXPECT_EQ(rows[0].name, "Bluebird Ltd");
}

TEST(Leaderboard, NewAccountsBoardRanksIndependently) {
  const auto entries = partners();
  const auto rows = rank_partners(entries, LeaderboardMetric::NewAccounts);
  std::vector<std::string> ids;
  std::vector<int32_t> ranks;
  for (const auto& r : rows) {
    ids.push_back(r.org_id);
    ranks.push_back(r.rank);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"org-a", "org-d", "org-b", "org-c", "org-e"}));
  EXPECT_EQ(ranks, (std::vector<int32_t>{1, 2, 3, 3, 5}));
}

TEST(Leaderboard, RankingDoesNotDependOnInputOrder) {
  auto entries = partners();
  const auto a = rank_partners(entries, LeaderboardMetric::Revenue);
  std::reverse(entries.begin(), entries.end());
  EXPECT_EQ(rank_partners(entries, LeaderboardMetric::Revenue), a);
  EXPECT_TRUE(rank_partners({}, LeaderboardMetric::Revenue).empty());
}

TEST(Leaderboard, PartnerSeesOnlyItsOwnNameAndNoOtherIds) {
  const auto entries = partners();
  const auto ranked = rank_partners(entries, LeaderboardMetric::Revenue);
  const Actor viewer{"u1", "org-c", Role::PartnerUser};
  const auto view = leaderboard_view(ranked, viewer, "vendor", NameDisclosure::Anonymised);
  ASSERT_EQ(view.size(), 5u);
  for (const auto& r : view) {
    if (r.is_viewer) continue;
    EXPECT_EQ(r.name, "Partner #" + std::to_string(r.position));
    EXPECT_EQ(r.org_id, "anon-" + std::to_string(r.position));
    EXPECT_FALSE(r.last_activity.has_value());
    for (const auto& e : entries) {
      EXPECT_EQ(r.name.find(e.name), std::string::npos);
      EXPECT_NE(r.org_id, e.org_id);
    }
  }
  EXPECT_EQ(view[2], (LeaderboardRow{2, 3, "org-c", "Crane & Co", 5'000'000, true, std::nullopt}));
  // Ties stay distinguishable: rank 2 appears three times under three labels.
  EXPECT_EQ(view[1].rank, 2);
  EXPECT_EQ(view[1].name, "Partner #2");
  EXPECT_EQ(view[3].name, "Partner #4");
  EXPECT_EQ(view[3].value, 5'000'000);
}

TEST(Leaderboard, VendorOptInShowsNamesButStillHidesIds) {
  const auto ranked = rank_partners(partners(), LeaderboardMetric::Revenue);
  const Actor viewer{"u1", "org-e", Role::PartnerAdmin};
  const auto view = leaderboard_view(ranked, viewer, "vendor", NameDisclosure::Named);
  EXPECT_EQ(view[0].name, "Bluebird Ltd");
  EXPECT_EQ(view[0].org_id, "anon-1");
  EXPECT_TRUE(view[4].is_viewer);
  EXPECT_EQ(view[4].org_id, "org-e");
}

TEST(Leaderboard, VendorStaffSeeEverythingOnlyFromTheVendorOrganisation) {
  const auto ranked = rank_partners(partners(), LeaderboardMetric::Revenue);
  const auto staff = leaderboard_view(ranked, Actor{"m", "vendor", Role::PartnerManager}, "vendor",
                                      NameDisclosure::Anonymised);
  EXPECT_EQ(staff, ranked);
  // A vendor role held by a partner organisation's user grants nothing.
  const auto forged = leaderboard_view(ranked, Actor{"x", "org-a", Role::VendorAdmin}, "vendor",
                                       NameDisclosure::Anonymised);
  EXPECT_EQ(forged[0].name, "Partner #1");
  EXPECT_TRUE(forged[1].is_viewer);
}

TEST(Leaderboard, TopKeepsTheViewerRowBelowTheCut) {
  const auto ranked = rank_partners(partners(), LeaderboardMetric::Revenue);
  const auto view = leaderboard_view(ranked, Actor{"u", "org-e", Role::PartnerUser}, "vendor",
                                     NameDisclosure::Anonymised, 2);
  ASSERT_EQ(view.size(), 3u);
  EXPECT_EQ(view[0].name, "Partner #1");
  EXPECT_EQ(view[1].name, "Partner #2");
  EXPECT_EQ(view[2].name, "Echo Consulting");
  EXPECT_EQ(view[2].rank, 5);
  // The kiosk reads as its sample partner.
  const auto kiosk = leaderboard_view(ranked, Actor{"k", "org-b", Role::Kiosk}, "vendor",
                                      NameDisclosure::Anonymised, 1);
  ASSERT_EQ(kiosk.size(), 1u);
  EXPECT_TRUE(kiosk[0].is_viewer);
}

}  // namespace
}  // namespace portal

#include "portal/rooms/overview.h"

#include <gtest/gtest.h>

namespace portal {
namespace {

Json lead_event(const std::string& id, LeadStage stage = LeadStage::Submitted) {
  Lead l{id, "o1", LeadDraft{"Company " + id, "C", "c@x.example", "", "", 10'000, "EUR"}, stage,
         "u1", 1'700'000'000};
  return Json{{"lead", to_json(l)}};
}

TEST(OverviewRoom, LeadSubmittedCountsAndListsNewestFirst) {
  OverviewState s;
  s.leads_submitted = 8;
  s.leads_open = 5;
  ASSERT_TRUE(apply(s, kEvLeadSubmitted, lead_event("a")));
  ASSERT_TRUE(apply(s, kEvLeadSubmitted, lead_event("b")));
  EXPECT_EQ(s.leads_submitted, 10);
  EXPECT_EQ(s.leads_open, 7);
  ASSERT_EQ(s.recent_leads.size(), 2u);
  EXPECT_EQ(s.recent_leads[0].id, "b");
  EXPECT_EQ(s.recent_leads[0].company, "Company b");
}

TEST(OverviewRoom, RecentLeadsAreBounded) {
  OverviewState s;
  for (int i = 0; i < 20; ++i) apply(s, kEvLeadSubmitted, lead_event(std::to_string(i)));
  EXPECT_EQ(s.recent_leads.size(), kRecentLeads);
  EXPECT_EQ(s.recent_leads.front().id, "19");
  EXPECT_EQ(s.leads_submitted, 20);
}

TEST(OverviewRoom, UnknownOrMalformedEventsLeaveStateUnchanged) {
  OverviewState s;
  s.leads_submitted = 3;
  const OverviewState before = s;
  EXPECT_FALSE(apply(s, "deal.teleported", Json::object()));
  EXPECT_FALSE(apply(s, kEvLeadSubmitted, Json{{"lead", {{"id", 5}}}}));
  EXPECT_FALSE(apply(s, kEvLeadSubmitted, Json::array()));
  EXPECT_EQ(s, before);
}

TEST(OverviewRoom, SnapshotRoundTripsThroughJson) {
  OverviewState s;
  s.org_name = "Acme Integrations";
  s.tier = "Gold";
  s.revenue_share_bp = 1500;
  s.commission_earned_minor = 123;
  apply(s, kEvLeadSubmitted, lead_event("x", LeadStage::Qualified));
  auto back = overview_from_json(to_json(s));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, s);
  EXPECT_FALSE(overview_from_json(Json{{"org_name", "x"}}).has_value());
}

}  // namespace
}  // namespace portal

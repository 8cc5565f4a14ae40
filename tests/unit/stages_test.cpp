#include "portal/rules/stages.h"

#include <gtest/gtest.h>

namespace portal {
namespace {

using L = LeadStage;
using D = DealStage;

TEST(LeadStages, TheHappyPathAndRejectionAreAllowed) {
  EXPECT_EQ(check_lead_transition(L::Submitted, L::Qualified), std::nullopt);
  EXPECT_EQ(check_lead_transition(L::Submitted, L::Rejected), std::nullopt);
  EXPECT_EQ(check_lead_transition(L::Qualified, L::Demo), std::nullopt);
  EXPECT_EQ(check_lead_transition(L::Demo, L::Proposal), std::nullopt);
  EXPECT_EQ(check_lead_transition(L::Proposal, L::Won), std::nullopt);
  EXPECT_EQ(check_lead_transition(L::Proposal, L::Lost), std::nullopt);
}

TEST(LeadStages, AnyOpenLeadMayBeLost) {
  for (L s : {L::Submitted, L::Qualified, L::Demo, L::Proposal})
    EXPECT_EQ(check_lead_transition(s, L::Lost), std::nullopt) << to_string(s);
}

TEST(LeadStages, SkipsAndReversalsAreRefused) {
  for (auto [from, to] : {std::pair{L::Submitted, L::Demo}, {L::Qualified, L::Won},
                          {L::Demo, L::Qualified}, {L::Qualified, L::Rejected},
                          {L::Proposal, L::Submitted}}) {
    auto e = check_lead_transition(from, to);
    ASSERT_TRUE(e.has_value()) << to_string(from) << "->" << to_string(to);
    EXPECT_EQ(e->reason, StageRefusal::NotAllowed);
    EXPECT_FALSE(e->message.empty());
  }
  auto same = check_lead_transition(L::Demo, L::Demo);
  ASSERT_TRUE(same);
  EXPECT_EQ(same->reason, StageRefusal::Unchanged);
}

TEST(LeadStages, ClosedIsFinal) {
  for (L closed : {L::Won, L::Lost, L::Rejected})
    for (L to : {L::Submitted, L::Qualified, L::Lost, L::Won}) {
      auto e = check_lead_transition(closed, to);
      ASSERT_TRUE(e);
      EXPECT_EQ(e->reason, StageRefusal::Closed);
    }
  EXPECT_EQ(check_lead_transition(L::Won, L::Lost)->message,
            "This lead is closed (Closed won) and can no longer change stage.");
}

TEST(LeadStages, NextStageFollowsTheHappyPath) {
  EXPECT_EQ(next_lead_stage(L::Submitted), L::Qualified);
  EXPECT_EQ(next_lead_stage(L::Proposal), L::Won);
  EXPECT_EQ(next_lead_stage(L::Rejected), std::nullopt);
}

TEST(DealStages, OpenDealsMoveFreelyClosedIsFinal) {
  EXPECT_EQ(check_deal_transition(D::Qualification, D::Negotiation), std::nullopt);
  EXPECT_EQ(check_deal_transition(D::Negotiation, D::Proposal), std::nullopt);
  EXPECT_EQ(check_deal_transition(D::Prospecting, D::ClosedWon), std::nullopt);
  EXPECT_EQ(check_deal_transition(D::Proposal, D::ClosedLost), std::nullopt);
  EXPECT_EQ(check_deal_transition(D::ClosedWon, D::Negotiation)->reason, StageRefusal::Closed);
  EXPECT_EQ(check_deal_transition(D::ClosedLost, D::ClosedWon)->reason, StageRefusal::Closed);
  EXPECT_EQ(check_deal_transition(D::Proposal, D::Proposal)->reason, StageRefusal::Unchanged);
  EXPECT_EQ(next_deal_stage(D::Negotiation), D::ClosedWon);
  EXPECT_EQ(next_deal_stage(D::ClosedWon), std::nullopt);
}

TEST(Conversion, OnlyQualifiedOpenLeadsOnce) {
  EXPECT_EQ(check_lead_conversion(L::Qualified, false), std::nullopt);
  EXPECT_EQ(check_lead_conversion(L::Proposal, false), std::nullopt);
  EXPECT_EQ(check_lead_conversion(L::Submitted, false)->reason, StageRefusal::NotAllowed);
  EXPECT_EQ(check_lead_conversion(L::Rejected, false)->reason, StageRefusal::Closed);
  EXPECT_EQ(check_lead_conversion(L::Demo, true)->reason, StageRefusal::Unchanged);
}

TEST(Payout, OnlyOnceAndOnlyOnWonDeals) {
  EXPECT_EQ(check_payout(D::ClosedWon, false), std::nullopt);
  EXPECT_EQ(check_payout(D::ClosedWon, true)->reason, StageRefusal::Unchanged);
  EXPECT_EQ(check_payout(D::Negotiation, false)->reason, StageRefusal::NotAllowed);
}

TEST(ExpectedCommission, ValueTimesShareNothingWhenLost) {
  EXPECT_EQ(expected_commission(L::Qualified, 1'000'000, 1500), 150'000);
  EXPECT_EQ(expected_commission(L::Rejected, 1'000'000, 1500), 0);
  EXPECT_EQ(expected_commission(D::ClosedWon, 3'333, 1500), 500);  // 499.95 rounds half up
  EXPECT_EQ(expected_commission(D::ClosedLost, 1'000'000, 1500), 0);
}

}  // namespace
}  // namespace portal

#include "portal/rules/commission.h"

#include <gtest/gtest.h>

namespace portal {
namespace {

// A deal; a won one locks in `locked_bp`, the share in force when it was won.
Deal deal(DealStage stage, int64_t minor, bool paid = false, const char* currency = "EUR",
          int32_t locked_bp = 1500) {
  Deal d;
  d.stage = stage;
  d.value = Money{minor, currency};
  d.commission_paid = paid;
  if (stage == DealStage::ClosedWon) d.commission_bp = locked_bp;
  return d;
}

TEST(Commission, SplitsOpenWonUnpaidAndPaid) {
  const std::vector<Deal> deals = {
      deal(DealStage::Prospecting, 1'000'000),       // €10,000 open
      deal(DealStage::Negotiation, 2'500'000),       // €25,000 open
      deal(DealStage::ClosedWon, 4'000'000),         // €40,000 won, unpaid
      deal(DealStage::ClosedWon, 2'000'000, true),   // €20,000 won, paid
      deal(DealStage::ClosedLost, 9'900'000),        // lost: counts nowhere
  };
  const auto s = summarise_commission(deals, 1500, "EUR");
  EXPECT_EQ(s.deals_in_progress, 2);
  EXPECT_EQ(s.pipeline_minor, 3'500'000);
  EXPECT_EQ(s.expected_minor, 525'000);  // 15 % of €35,000
  EXPECT_EQ(s.pending_minor, 600'000);   // 15 % of €40,000
  EXPECT_EQ(s.earned_minor, 300'000);    // 15 % of €20,000
}

TEST(Commission, WonDealsKeepTheShareTheyWereWonAtAfterATierChange) {
  // Won at Silver (10 %), then the partner moved up to Gold (15 %): only the open deal's
  // forecast uses the new share.
  const std::vector<Deal> deals = {
      deal(DealStage::ClosedWon, 4'000'000, false, "EUR", 1000),  // pending at 10 %
      deal(DealStage::ClosedWon, 2'000'000, true, "EUR", 1000),   // earned at 10 %
      deal(DealStage::ClosedWon, 1'000'000, false, "EUR", 1500),  // won after the change
      deal(DealStage::Proposal, 3'000'000),
  };
  const auto s = summarise_commission(deals, 1500, "EUR");
  EXPECT_EQ(s.pending_minor, 400'000 + 150'000);
  EXPECT_EQ(s.earned_minor, 200'000);
  EXPECT_EQ(s.expected_minor, 450'000);
}

TEST(Commission, DealCommissionIsZeroUnlessWon) {
  Deal lost = deal(DealStage::ClosedLost, 1'000'000);
  lost.commission_bp = 1500;  // even with a share on it, a lost deal earns nothing
  EXPECT_EQ(deal_commission(lost), 0);
  EXPECT_EQ(deal_commission(deal(DealStage::Negotiation, 1'000'000)), 0);
  EXPECT_EQ(deal_commission(deal(DealStage::ClosedWon, 1'000'000, false, "EUR", 1250)), 125'000);
}

TEST(Commission, RoundsTheForecastOncePerFigureNotPerDeal) {
  // Three deals of 1 cent at 50 %: per-deal rounding would give 3 cents, the sum gives 2.
  const std::vector<Deal> deals(3, deal(DealStage::Proposal, 1));
  EXPECT_EQ(summarise_commission(deals, 5000, "EUR").expected_minor, 2);
}

TEST(Commission, IgnoresOtherCurrenciesAndEmptyInput) {
  const std::vector<Deal> deals = {deal(DealStage::Proposal, 1'000, false, "USD")};
  EXPECT_EQ(summarise_commission(deals, 1500, "EUR"), CommissionSummary{});
  EXPECT_EQ(summarise_commission({}, 1500, "EUR"), CommissionSummary{});
}

TEST(Commission, ZeroShareEarnsNothingButCountsPipeline) {
  const std::vector<Deal> deals = {deal(DealStage::Qualification, 5'000)};
  const auto s = summarise_commission(deals, 0, "EUR");
  EXPECT_EQ(s.pipeline_minor, 5'000);
  EXPECT_EQ(s.expected_minor, 0);
}

}  // namespace
}  // namespace portal

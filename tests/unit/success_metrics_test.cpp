#include "portal/rules/success_metrics.h"

#include <gtest/gtest.h>

namespace portal {
namespace {

CommitmentPlan plan(int64_t minor, PlanStatus status, bool eligible, bool via,
                    const char* currency = "EUR") {
  return CommitmentPlan{Money{minor, currency}, status, via, eligible};
}

TEST(SuccessMetrics, PlanStatusWireNamesRoundTrip) {
  for (auto s : {PlanStatus::Executed, PlanStatus::Executable, PlanStatus::ExpiredUnexecuted}) {
    EXPECT_EQ(plan_status_from_string(to_string(s)), s);
    EXPECT_FALSE(plan_status_label(s).empty());
  }
  EXPECT_EQ(to_string(PlanStatus::ExpiredUnexecuted), "expired_unexecuted");
  EXPECT_FALSE(plan_status_from_string("expired").has_value());
}

struct PlanCase {
  const char* what;
  CommitmentPlan plan;
  int32_t missing_cppos;
  int64_t missed;
  int64_t savings;
};

class OnePlan : public ::testing::TestWithParam<PlanCase> {};

TEST_P(OnePlan, CountsIntoTheRightMetric) {
  const auto& c = GetParam();
  const CustomerAccount a{"acc", "Globex", Money{0, "EUR"}, {c.plan}};
  const AccountMetrics m = account_metrics(a, "EUR");
  EXPECT_EQ(m.missing_cppos, c.missing_cppos) << c.what;
  EXPECT_EQ(m.net_missed_revenue_minor, c.missed) << c.what;
  EXPECT_EQ(m.savings_opportunity_minor, c.savings) << c.what;
}

INSTANTIATE_TEST_SUITE_P(
    Table, OnePlan,
    ::testing::Values(
        PlanCase{"executed via CPPO", plan(1'000'000, PlanStatus::Executed, true, true), 0, 0, 0},
        PlanCase{"executed directly though eligible",
                 plan(1'000'000, PlanStatus::Executed, true, false), 1, 0, 0},
        PlanCase{"executable, eligible, no CPPO yet",
                 plan(2'500'000, PlanStatus::Executable, true, false), 1, 0, 2'500'000},
        PlanCase{"executable, not eligible", plan(2'500'000, PlanStatus::Executable, false, false),
                 0, 0, 2'500'000},
        PlanCase{"expired unexecuted, eligible",
                 plan(800'000, PlanStatus::ExpiredUnexecuted, true, false), 1, 800'000, 0},
        PlanCase{"expired unexecuted, not eligible",
                 plan(800'000, PlanStatus::ExpiredUnexecuted, false, false), 0, 800'000, 0},
        PlanCase{"other currency: amounts left out, CPPO still counted",
                 plan(800'000, PlanStatus::ExpiredUnexecuted, true, false, "USD"), 1, 0, 0}));

std::vector<CustomerAccount> accounts() {
  return {
      {"acc-3",
       "Initech",
       Money{50'000'000, "EUR"},
       {plan(1'200'000, PlanStatus::Executable, true, false),
        plan(300'000, PlanStatus::ExpiredUnexecuted, true, false),
        plan(9'000'000, PlanStatus::Executed, true, true)}},
      {"acc-1",
       "Globex",
       Money{12'345'678, "EUR"},
       {plan(4'000'000, PlanStatus::Executable, false, false),
        plan(1'000'001, PlanStatus::ExpiredUnexecuted, true, false)}},
      {"acc-2", "Hooli", Money{0, "EUR"}, {}},
      {"acc-4",
       "Initech",
       Money{99'900, "USD"},
       {plan(1'200'000, PlanStatus::Executable, false, false)}},
      {"acc-0", "Initech", Money{1, "EUR"}, {plan(1'200'000, PlanStatus::Executable, true, true)}},
  };
}

TEST(SuccessMetrics, TotalsAcrossThePartnersAccounts) {
  const SuccessMetrics s = success_metrics(accounts(), "EUR");
  EXPECT_EQ(s.missing_cppos, 3);                      // Initech 2, Globex 1
  EXPECT_EQ(s.net_missed_revenue_minor, 1'300'001);   // €3,000.00 + €10,000.01
  EXPECT_EQ(s.savings_opportunity_minor, 7'600'000);  // 12k + 40k + 12k + 12k
  EXPECT_EQ(s.lifetime_revenue_minor, 62'345'679);    // the USD account's revenue left out
}

TEST(SuccessMetrics, SortsBySavingsThenNameThenId) {
  const SuccessMetrics s = success_metrics(accounts(), "EUR");
  std::vector<std::string> order;
  for (const auto& a : s.accounts) order.push_back(a.account_id);
  // Globex €40k first; three Initechs at €12k by id; Hooli with nothing last.
  EXPECT_EQ(order, (std::vector<std::string>{"acc-1", "acc-0", "acc-3", "acc-4", "acc-2"}));
  EXPECT_EQ(s.accounts[2], (AccountMetrics{"acc-3", "Initech", 2, 300'000, 1'200'000, 50'000'000}));
  EXPECT_EQ(s.accounts[4], (AccountMetrics{"acc-2", "Hooli", 0, 0, 0, 0}));
}

TEST(SuccessMetrics, NameBreaksTiesBeforeId) {
  const std::vector<CustomerAccount> a = {
      {"a-1", "Zeta", Money{}, {plan(100, PlanStatus::Executable, false, false)}},
      {"a-2", "Alpha", Money{}, {plan(100, PlanStatus::Executable, false, false)}},
  };
  const SuccessMetrics s = success_metrics(a, "EUR");
  EXPECT_EQ(s.accounts[0].name, "Alpha");
  EXPECT_EQ(success_metrics({}, "EUR"), SuccessMetrics{});
}

}  // namespace
}  // namespace portal

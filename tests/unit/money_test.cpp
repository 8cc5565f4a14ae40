#include "portal/model/money.h"

#include <gtest/gtest.h>

namespace portal {
namespace {

struct MoneyCase {
  int64_t minor;
  const char* currency;
  const char* full;
  const char* compact;
};

class MoneyFormat : public ::testing::TestWithParam<MoneyCase> {};

TEST_P(MoneyFormat, FormatsFullAndCompact) {
  const auto& c = GetParam();
  EXPECT_EQ(format_money({c.minor, c.currency}), c.full);
  EXPECT_EQ(format_money_compact({c.minor, c.currency}), c.compact);
}

INSTANTIATE_TEST_SUITE_P(
    Table, MoneyFormat,
    ::testing::Values(MoneyCase{0, "EUR", "€0.00", "€0"},
                      MoneyCase{5, "EUR", "€0.05", "€0"},
                      MoneyCase{123456, "EUR", "€1,234.56", "€1,234"},
                      MoneyCase{99999, "USD", "$999.99", "$999"},
                      MoneyCase{100000000, "GBP", "£1,000,000.00", "£1M"},
                      MoneyCase{1234567, "EUR", "€12,345.67", "€12.3k"},
                      MoneyCase{-250000, "EUR", "-€2,500.00", "-€2,500"},
                      MoneyCase{99995000, "EUR", "€999,950.00", "€1M"},
                      MoneyCase{450000000, "EUR", "€4,500,000.00", "€4.5M"},
                      MoneyCase{123400000000, "EUR", "€1,234,000,000.00", "€1.2bn"},
                      MoneyCase{100, "CHF", "1.00 CHF", "1 CHF"}));

TEST(Money, MinimumValueDoesNotOverflow) {
  EXPECT_EQ(format_money({INT64_MIN, "EUR"}), "-€92,233,720,368,547,758.08");
}

TEST(Money, BasisPointsRoundHalfAwayFromZero) {
  EXPECT_EQ(apply_basis_points(10000, 1500), 1500);   // 15 % of 100.00
  EXPECT_EQ(apply_basis_points(3, 5000), 2);          // 1.5 cents → 2
  EXPECT_EQ(apply_basis_points(-3, 5000), -2);
  EXPECT_EQ(apply_basis_points(1, 4999), 0);
  EXPECT_EQ(apply_basis_points(0, 1500), 0);
  // A sum near the top of int64 with a small share must not overflow on the way.
  EXPECT_EQ(apply_basis_points(INT64_MAX / 2, 100), (INT64_MAX / 2 + 50) / 100);
}

}  // namespace
}  // namespace portal

#include "portal/model/funds.h"

#include <gtest/gtest.h>

#include "entity_cases.h"

namespace portal {
namespace {

using testing::expect_round_trip;
using testing::expect_validation;
using testing::InvalidCase;

MdfEntry entry(MdfDirection d, int64_t minor, std::string currency = "EUR") {
  return MdfEntry{"",        "org-acme", d,        Money{minor, std::move(currency)},
                  "booking", "",         "u-mara", 1'767'225'600};
}

MarketingActivity fair() {
  return MarketingActivity{"ma-1",
                           "org-acme",
                           "Trade fair booth",
                           "Hall 3, stand 12.",
                           ActivityKind::Event,
                           ActivityStatus::Approved,
                           1'780'000'000,
                           1'780'259'200,
                           Money{1'200'000, "EUR"},
                           Money{600'000, "EUR"},
                           0};
}

TEST(MdfLedger, BalanceIsCreditsMinusDebits) {
  const MdfEntry ledger[] = {entry(MdfDirection::Credit, 240'000),  // Q1 accrual: 2 % of €120k
                             entry(MdfDirection::Credit, 100'000),
                             entry(MdfDirection::Debit, 150'000),
                             entry(MdfDirection::Credit, 99'999, "USD")};
  EXPECT_EQ(mdf_balance(ledger, "EUR"), 190'000);
  EXPECT_EQ(mdf_balance(ledger, "USD"), 99'999);
  EXPECT_EQ(mdf_balance({}, "EUR"), 0);
}

TEST(MdfLedger, ADebitMayNotOverdraw) {
  const MdfEntry ledger[] = {entry(MdfDirection::Credit, 50'000),
                             entry(MdfDirection::Debit, 20'000)};
  EXPECT_TRUE(
      check_booking(ledger, entry(MdfDirection::Debit, 30'000)).allowed);  // exactly to zero
  const MdfCheck refused = check_booking(ledger, entry(MdfDirection::Debit, 50'000));
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.refusal,
            "This debit of \xE2\x82\xAC"
            "500.00 would take the MDF balance of \xE2\x82\xAC"
            "300.00 below zero.");
  EXPECT_TRUE(check_booking(ledger, entry(MdfDirection::Credit, 1'000'000)).allowed);
  EXPECT_FALSE(check_booking(ledger, entry(MdfDirection::Debit, 1, "USD")).allowed);
}

TEST(FundsValidation, MdfEntry) {
  MdfEntry good = entry(MdfDirection::Debit, 60'000);
  good.activity_id = "ma-1";
  expect_validation(good, validate_mdf_entry,
                    {InvalidCase<MdfEntry>{"no org", [](auto& e) { e.org_id = ""; }, "org_id"},
                     {"zero amount", [](auto& e) { e.amount.minor = 0; }, "amount"},
                     {"negative amount", [](auto& e) { e.amount.minor = -100; }, "amount"},
                     {"no description", [](auto& e) { e.description = ""; }, "description"},
                     {"credit for an activity", [](auto& e) { e.direction = MdfDirection::Credit; },
                      "activity_id"},
                     {"bad activity", [](auto& e) { e.activity_id = "a b"; }, "activity_id"},
                     {"bad booker", [](auto& e) { e.booked_by = "\x01"; }, "booked_by"},
                     {"negative date", [](auto& e) { e.booked_at = -1; }, "booked_at"}});
}

TEST(FundsValidation, MarketingActivity) {
  expect_validation(
      fair(), validate_marketing_activity,
      {InvalidCase<MarketingActivity>{"no org", [](auto& a) { a.org_id = ""; }, "org_id"},
       {"no title", [](auto& a) { a.title = ""; }, "title"},
       {"long description", [](auto& a) { a.description = std::string(kMaxDescription + 1, 'x'); },
        "description"},
       {"no start",
        [](auto& a) {
          a.starts_at = 0;
          a.ends_at = 0;
        },
        "starts_at"},
       {"ends before start", [](auto& a) { a.ends_at = a.starts_at - 1; }, "ends_at"},
       {"negative budget",
        [](auto& a) {
          a.budget.minor = -1;
          a.mdf_requested.minor = 0;
        },
        "budget"},
       {"mdf over budget", [](auto& a) { a.mdf_requested.minor = 1'200'001; }, "mdf_requested"},
       {"mdf other currency", [](auto& a) { a.mdf_requested.currency = "USD"; }, "mdf_requested"},
       {"negative leads", [](auto& a) { a.leads_generated = -1; }, "leads_generated"}});
}

TEST(FundsCodecs, RoundTrip) {
  expect_round_trip(entry(MdfDirection::Debit, 123), mdf_entry_from_json);
  expect_round_trip(fair(), marketing_activity_from_json);
  EXPECT_EQ(to_json(entry(MdfDirection::Debit, 1))["direction"], "debit");
}

}  // namespace
}  // namespace portal

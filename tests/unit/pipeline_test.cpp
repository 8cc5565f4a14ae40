#include "portal/model/pipeline.h"

#include <gtest/gtest.h>

#include "entity_cases.h"
#include "portal/model/accounts.h"

namespace portal {
namespace {

using testing::expect_round_trip;
using testing::expect_validation;
using testing::InvalidCase;

constexpr UnixTime kMar2026 = 1'772'323'200;  // 2026-03-01T00:00:00Z

Deal won_deal() {
  Deal d;
  d.id = "d-42";
  d.org_id = "org-acme";
  d.name = "Globex rollout";
  d.customer = "Globex GmbH";
  d.stage = DealStage::ClosedWon;
  d.value = Money{4'500'000, "EUR"};
  d.updated_at = kMar2026;
  d.won_at = kMar2026;
  d.notes = "Signed after the second demo.\nRollout in Q2.";
  d.lead_id = "l-7";
  d.account_id = "acc-globex";
  d.expected_close_at = kMar2026;
  d.created_at = kMar2026 - 30 * kSecondsPerDay;
  return d;
}

Order order() {
  return Order{"o-1",
               "org-acme",
               "d-42",
               "acc-globex",
               "SO-2026-0042",
               OrderStatus::Placed,
               "EUR",
               {{"AN-100", "Analytics suite", 3, Money{1'020'000, "EUR"}},
                {"SUP-1", "Premium support", 1, Money{250'000, "EUR"}}},
               kMar2026};
}

Payout payout() {
  return Payout{"po-1",
                "org-acme",
                {"d-42", "d-43"},
                Money{675'000, "EUR"},
                PayoutStatus::Paid,
                kMar2026 - 90 * kSecondsPerDay,
                kMar2026,
                kMar2026 + kSecondsPerDay,
                "INV-2026-17"};
}

CustomerAccount account() {
  CustomerAccount a;
  a.id = "acc-globex";
  a.name = "Globex GmbH";
  a.lifetime_revenue = Money{12'000'000, "EUR"};
  CommitmentPlan plan{Money{3'000'000, "EUR"}, PlanStatus::Executable, false, true};
  plan.id = "cp-1";
  plan.name = "Analytics suite, 3 years";
  plan.expires_at = kMar2026 + 60 * kSecondsPerDay;
  a.plans = {plan};
  a.org_id = "org-acme";
  a.website = "https://globex.example";
  a.created_at = kMar2026;
  return a;
}

AccountTask task() {
  return AccountTask{"t-1",    "acc-globex",     AccountTaskKind::EnableMarketplace,
                     "",       TaskStatus::Done, "u-jonas",
                     kMar2026, kMar2026 - 100};
}

TEST(Orders, TotalIsQuantityTimesUnitPriceInTheOrdersCurrency) {
  EXPECT_EQ(order_total(order()), (Money{3 * 1'020'000 + 250'000, "EUR"}));
  Order mixed = order();
  mixed.lines.push_back({"X", "", 2, Money{100, "USD"}});
  EXPECT_EQ(order_total(mixed).minor, 3'310'000);
}

TEST(AccountTasks, DisplayTitleFallsBackToTheKind) {
  EXPECT_EQ(display_title(task()), "Enable marketplace");
  AccountTask t = task();
  t.title = "Turn on AWS Marketplace listing";
  EXPECT_EQ(display_title(t), "Turn on AWS Marketplace listing");
}

TEST(PipelineValidation, Deal) {
  expect_validation(
      won_deal(), validate_deal,
      {InvalidCase<Deal>{"no org", [](auto& d) { d.org_id = ""; }, "org_id"},
       {"no name", [](auto& d) { d.name = ""; }, "name"},
       {"no customer", [](auto& d) { d.customer = "\t"; }, "customer"},
       {"negative value", [](auto& d) { d.value.minor = -1; }, "value"},
       {"huge value", [](auto& d) { d.value.minor = kMaxAmountMinor + 1; }, "value"},
       {"bad currency", [](auto& d) { d.value.currency = "E"; }, "value"},
       {"negative update", [](auto& d) { d.updated_at = -1; }, "updated_at"},
       {"won without date", [](auto& d) { d.won_at = 0; }, "won_at"},
       {"open with won date", [](auto& d) { d.stage = DealStage::Proposal; }, "won_at"},
       {"paid but lost",
        [](auto& d) {
          d.stage = DealStage::ClosedLost;
          d.won_at = 0;
          d.commission_paid = true;
        },
        "commission_paid"},
       {"long notes", [](auto& d) { d.notes = std::string(kMaxNotes + 1, 'n'); }, "notes"},
       {"bad lead", [](auto& d) { d.lead_id = "l 7"; }, "lead_id"},
       {"bad account", [](auto& d) { d.account_id = std::string(65, 'a'); }, "account_id"},
       {"negative close", [](auto& d) { d.expected_close_at = -1; }, "expected_close_at"},
       {"negative created", [](auto& d) { d.created_at = -1; }, "created_at"}});
}

TEST(PipelineValidation, DealNote) {
  expect_validation(
      DealNote{"n-1", "d-42", "u-mara", "Customer asked for a second demo.", kMar2026},
      validate_deal_note,
      {InvalidCase<DealNote>{"no deal", [](auto& n) { n.deal_id = ""; }, "deal_id"},
       {"bad author", [](auto& n) { n.author_id = "a b"; }, "author_id"},
       {"empty", [](auto& n) { n.body = "  "; }, "body"},
       {"negative date", [](auto& n) { n.created_at = -1; }, "created_at"}});
}

TEST(PipelineValidation, Order) {
  expect_validation(
      order(), validate_order,
      {InvalidCase<Order>{"no org", [](auto& o) { o.org_id = ""; }, "org_id"},
       {"bad deal", [](auto& o) { o.deal_id = "d 1"; }, "deal_id"},
       {"bad account", [](auto& o) { o.account_id = "a\n"; }, "account_id"},
       {"no number", [](auto& o) { o.number = ""; }, "number"},
       {"currency", [](auto& o) { o.currency = "eur"; }, "currency"},
       {"no lines", [](auto& o) { o.lines.clear(); }, "lines"},
       {"zero quantity", [](auto& o) { o.lines[0].quantity = 0; }, "lines"},
       {"line currency", [](auto& o) { o.lines[1].unit_price.currency = "USD"; }, "lines"},
       {"negative date", [](auto& o) { o.ordered_at = -1; }, "ordered_at"}});
  Order o = order();
  o.lines[1].quantity = 0;
  EXPECT_EQ(validate_order(o)[0].message, "Line 2 quantity must be between 1 and 1000000.");
}

TEST(PipelineValidation, Payout) {
  expect_validation(
      payout(), validate_payout,
      {InvalidCase<Payout>{"no org", [](auto& p) { p.org_id = ""; }, "org_id"},
       {"deal twice", [](auto& p) { p.deal_ids[1] = "d-42"; }, "deal_ids"},
       {"zero amount", [](auto& p) { p.amount.minor = 0; }, "amount"},
       {"no period", [](auto& p) { p.period_from = 0; }, "period_from"},
       {"period backwards", [](auto& p) { p.period_to = p.period_from; }, "period_to"},
       {"paid without date", [](auto& p) { p.paid_at = 0; }, "paid_at"},
       {"pending with date", [](auto& p) { p.status = PayoutStatus::Pending; }, "paid_at"},
       {"long reference", [](auto& p) { p.reference = std::string(kMaxShortText + 1, 'r'); },
        "reference"}});
}

TEST(AccountValidation, CustomerAccount) {
  expect_validation(
      account(), validate_customer_account,
      {InvalidCase<CustomerAccount>{"no org", [](auto& a) { a.org_id = ""; }, "org_id"},
       {"no name", [](auto& a) { a.name = ""; }, "name"},
       {"long website", [](auto& a) { a.website = std::string(kMaxUrl + 1, 'w'); }, "website"},
       {"negative revenue", [](auto& a) { a.lifetime_revenue.minor = -1; }, "lifetime_revenue"},
       {"plan value", [](auto& a) { a.plans[0].value.minor = -1; }, "plans"},
       {"plan via cppo, not eligible",
        [](auto& a) {
          a.plans[0].via_cppo = true;
          a.plans[0].cppo_eligible = false;
        },
        "plans"},
       {"negative created", [](auto& a) { a.created_at = -1; }, "created_at"}});
}

TEST(AccountValidation, AccountTask) {
  expect_validation(
      task(), validate_account_task,
      {InvalidCase<AccountTask>{"no account", [](auto& t) { t.account_id = ""; }, "account_id"},
       {"other needs a title", [](auto& t) { t.kind = AccountTaskKind::Other; }, "title"},
       {"bad assignee", [](auto& t) { t.assignee_id = "a b"; }, "assignee_id"},
       {"negative due", [](auto& t) { t.due_at = -1; }, "due_at"},
       {"done without date", [](auto& t) { t.completed_at = 0; }, "completed_at"},
       {"open with date", [](auto& t) { t.status = TaskStatus::Open; }, "completed_at"}});
}

TEST(PipelineCodecs, RoundTrip) {
  expect_round_trip(won_deal(), deal_from_json);
  expect_round_trip(DealNote{"n", "d", "u", "b\nc", 5}, deal_note_from_json);
  expect_round_trip(order(), order_from_json);
  expect_round_trip(payout(), payout_from_json);
  expect_round_trip(account(), customer_account_from_json);
  expect_round_trip(task(), account_task_from_json);
}

TEST(PipelineCodecs, DealWireShape) {
  const Json j = to_json(won_deal());
  EXPECT_EQ(j["stage"], "closed_won");
  EXPECT_EQ(j["value"], (Json{{"minor", 4'500'000}, {"currency", "EUR"}}));
  EXPECT_EQ(j["won_at"], kMar2026);
}

}  // namespace
}  // namespace portal

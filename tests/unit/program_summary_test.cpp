// The vendor's Partner program summary (rooms/program_summary.h): one short row per partner,
// derived from the same figures the partner's own room shows, kept in name order, and replaced
// by program.partner_changed so it stays live without any partner's facts.
#include "portal/rooms/program_summary.h"

#include <gtest/gtest.h>

#include "portal/protocol/model_codecs.h"

namespace portal {
namespace {

ProgramPartner partner(const std::string& id, const std::string& name) {
  ProgramPartner p;
  p.org_id = id;
  p.name = name;
  p.partnership.org_id = id;
  p.partnership.type_id = "pt-res";
  p.partnership.level = "Silver";
  p.ledger = {{"m-" + id, id, MdfDirection::Credit, Money{500'000, "EUR"}, "Allocation", "", "",
               1'770'000'000}};
  return p;
}

ProgramState program() {
  ProgramState s;
  s.types.push_back(PartnerType{"pt-res", "Reseller", ""});
  s.levels = {{"lv-1", "pt-res", Level{"Silver", 2, 1000, 200, {{KpiKind::LeadsCount, 2}}}},
              {"lv-2", "pt-res", Level{"Gold", 3, 1500, 200, {{KpiKind::LeadsCount, 4}}}}};
  s.partners = {partner("o-z", "Zeta Systems"), partner("o-a", "Acme Integrations")};
  s.partners[1].leads = {{"l1", 1'770'000'000, LeadStage::Submitted, false}};
  recompute_all(s);
  return s;
}

TEST(ProgramSummary, OneRowPerPartnerFromItsFiguresInNameOrder) {
  const ProgramState s = program();
  const ProgramSummaryState sum = summarise(s);
  ASSERT_EQ(sum.rows.size(), 2u);
  const ProgramSummaryRow& acme = sum.rows[0];
  EXPECT_EQ(acme.name, "Acme Integrations");
  EXPECT_EQ(acme.type, "Reseller");
  EXPECT_EQ(acme.level, "Silver");
  EXPECT_EQ(acme.next_level, "Gold");
  EXPECT_EQ(acme.overall_bp, s.partners[1].overall_bp);
  EXPECT_EQ(acme.overall_bp, 2500);  // 1 of 4 leads
  EXPECT_EQ(acme.mdf_balance_minor, 500'000);
  EXPECT_EQ(sum.rows[1].name, "Zeta Systems");
  EXPECT_EQ(sum.rows[1].overall_bp, 0);
}

TEST(ProgramSummary, SnapshotIsShortArraysAndRoundTrips) {
  const ProgramSummaryState sum = summarise(program());
  const Json wire = to_json(sum);
  EXPECT_TRUE(is_program_summary(wire));
  EXPECT_FALSE(is_program_summary(to_json(program())));
  EXPECT_EQ(wire["summary"][0],
            Json::array({"o-a", "Acme Integrations", "EUR", "Reseller", "Silver", "Gold", 2500,
                         500'000}));
  auto back = program_summary_from_json(Json::parse(wire.dump()));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, sum);
  // Malformed rows are refused as a whole.
  EXPECT_FALSE(program_summary_from_json({{"summary", {{"o-a", "x"}}}}).has_value());
  EXPECT_FALSE(program_summary_from_json(
                   {{"summary", {{"o-a", "A", "EUR", "", "", "", 12'000, 0}}}})
                   .has_value());  // more than 100 %
  EXPECT_FALSE(program_summary_from_json({{"rows", Json::array()}}).has_value());
}

TEST(ProgramSummary, PartnerChangedReplacesTheRowAsTheFullRoomWouldShowIt) {
  ProgramState full = program();
  ProgramSummaryState sum = summarise(full);
  // A second lead for Acme in its own room, and the row the server sends for it.
  Lead lead;
  lead.id = "l2";
  lead.org_id = "o-a";
  lead.created_at = 1'770'100'000;
  ASSERT_TRUE(apply(full, "lead.submitted", {{"lead", to_json(lead)}}));
  const ProgramSummaryRow row = summary_row(full, *find_program_partner(full, "o-a"));
  EXPECT_EQ(row.overall_bp, 5000);
  ASSERT_TRUE(apply(sum, kEvProgramPartnerChanged, {{"row", to_json(row)}}));
  EXPECT_EQ(sum, summarise(full));
  // The same row again changes nothing; a malformed one is refused.
  EXPECT_FALSE(apply(sum, kEvProgramPartnerChanged, {{"row", to_json(row)}}));
  EXPECT_FALSE(apply(sum, kEvProgramPartnerChanged, {{"row", 3}}));
  EXPECT_FALSE(apply(sum, "lead.submitted", {{"lead", to_json(lead)}}));
  // A renamed partner moves to its place; a new one is inserted in order.
  ProgramSummaryRow renamed = row;
  renamed.name = "Zulu Partners";
  ASSERT_TRUE(apply(sum, kEvProgramPartnerChanged, {{"row", to_json(renamed)}}));
  ASSERT_EQ(sum.rows.size(), 2u);
  EXPECT_EQ(sum.rows[1].name, "Zulu Partners");
  ProgramSummaryRow fresh = row;
  fresh.org_id = "o-m";
  fresh.name = "Meridian";
  ASSERT_TRUE(apply(sum, kEvProgramPartnerChanged, {{"row", to_json(fresh)}}));
  EXPECT_EQ(sum.rows[0].name, "Meridian");
  EXPECT_EQ(summary_partners(sum)[0].org_id, "o-m");
}

TEST(ProgramSummary, OlderLogsMoveTheBalanceByTheirBookings) {
  ProgramSummaryState sum = summarise(program());
  MdfEntry debit{"m9", "o-z", MdfDirection::Debit, Money{120'000, "EUR"}, "Booth", "", "u", 1};
  ASSERT_TRUE(apply(sum, kEvMdfRecorded, {{"entry", to_json(debit)}}));
  EXPECT_EQ(find_summary_row(sum, "o-z")->mdf_balance_minor, 380'000);
  debit.amount.currency = "USD";  // another currency is not in the balance
  EXPECT_FALSE(apply(sum, kEvMdfRecorded, {{"entry", to_json(debit)}}));
}

}  // namespace
}  // namespace portal

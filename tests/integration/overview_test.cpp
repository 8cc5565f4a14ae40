// The Overview room's snapshot carries the demo program's figures (assets/demo/README.md).
#include "support/portal_fixture.h"

namespace portal::testing {
namespace {

class OverviewTest : public PortalTest {};

TEST_F(OverviewTest, PartnerSnapshotHasTheDemoFigures) {
  WsClient ws(port());
  log_in(ws, kDana);
  const Json snap = subscribe(ws, "overview");
  ASSERT_EQ(snap["t"], "snapshot") << snap.dump();
  EXPECT_EQ(snap["room"], "overview");
  EXPECT_EQ(snap["seq"], 0);
  const Json& s = snap["state"];
  EXPECT_EQ(s["org_name"], "Acme Integrations");
  EXPECT_EQ(s["tier"], "Gold");
  EXPECT_EQ(s["revenue_share_bp"], 1500);
  EXPECT_EQ(s["currency"], "EUR");
  EXPECT_EQ(s["leads_submitted"], 8);
  EXPECT_EQ(s["leads_open"], 5);
  EXPECT_EQ(s["deals_in_progress"], 3);
  EXPECT_EQ(s["pipeline_minor"], 10'000'000);
  EXPECT_EQ(s["commission_expected_minor"], 1'500'000);
  EXPECT_EQ(s["commission_pending_minor"], 360'000);
  EXPECT_EQ(s["commission_earned_minor"], 600'000);
  ASSERT_EQ(s["recent_leads"].size(), 6u);
  EXPECT_EQ(s["recent_leads"][0]["company"], "Brightline Logistics");
  EXPECT_EQ(s["recent_leads"][0]["stage"], "submitted");
  EXPECT_EQ(s["recent_leads"][5]["company"], "Granite Insurance");
}

TEST_F(OverviewTest, OtherPartnerSeesOnlyItsOwnFigures) {
  WsClient ws(port());
  log_in(ws, kMaya);
  const Json s = subscribe(ws, "overview")["state"];
  EXPECT_EQ(s["org_name"], "Blue Harbor Consulting");
  EXPECT_EQ(s["tier"], "Silver");
  EXPECT_EQ(s["leads_submitted"], 5);
  EXPECT_EQ(s["leads_open"], 3);
  EXPECT_EQ(s["deals_in_progress"], 2);
  EXPECT_EQ(s["pipeline_minor"], 8'900'000);
  EXPECT_EQ(s["commission_earned_minor"], 330'000);
  for (const Json& lead : s["recent_leads"]) {
    EXPECT_NE(lead["company"], "Brightline Logistics");
  }
}

TEST_F(OverviewTest, VendorStaffSeeProgramWideTotals) {
  WsClient ws(port());
  log_in(ws, kPriya);
  const Json snap = subscribe(ws, "overview");
  ASSERT_EQ(snap["t"], "snapshot");
  const Json& s = snap["state"];
  EXPECT_EQ(s["org_name"], "Northwind Cloud");
  EXPECT_EQ(s["tier"], "");
  EXPECT_EQ(s["leads_submitted"], 16);
  EXPECT_EQ(s["leads_open"], 10);
  EXPECT_EQ(s["deals_in_progress"], 6);
  EXPECT_EQ(s["pipeline_minor"], 20'400'000);
  // Each partner's deals at that partner's own share: 15 %, 10 %, 8 %.
  EXPECT_EQ(s["commission_expected_minor"], 1'500'000 + 890'000 + 120'000);
  EXPECT_EQ(s["commission_pending_minor"], 360'000 + 64'000);
  EXPECT_EQ(s["commission_earned_minor"], 600'000 + 330'000);
  EXPECT_EQ(s["recent_leads"][0]["company"], "Brightline Logistics");
  EXPECT_EQ(s["recent_leads"][1]["company"], "Harborview Hotels");
}

}  // namespace
}  // namespace portal::testing

// The completed Overview: pipeline by stage, the revenue leaderboard as each viewer sees it and
// its event, announcements and "since your last visit".
#include <gtest/gtest.h>

#include "portal/protocol/model_codecs.h"
#include "portal/protocol/pipeline_commands.h"
#include "portal/rooms/overview.h"
#include "portal/rooms/room_partners.h"

namespace portal {
namespace {

const Id kVendor = "o_vendor";

Deal deal(const Id& id, const Id& org, DealStage stage, int64_t minor,
          const std::string& currency = "EUR") {
  Deal d;
  d.id = id;
  d.org_id = org;
  d.name = "Deal " + id;
  d.customer = "Customer " + id;
  d.stage = stage;
  d.value = Money{minor, currency};
  d.updated_at = d.created_at = 1'780'000'000;
  if (stage == DealStage::ClosedWon) d.won_at = d.updated_at;
  return d;
}

std::vector<LeaderboardRow> ranked_three() {
  const std::vector<LeaderboardEntry> entries = {
      {"o_a", "Acme Integrations", 500'000, 0, std::nullopt},
      {"o_b", "Blue Harbor Consulting", 2'000'000, 0, std::nullopt},
      {"o_c", "Cedar Analytics", 1'000'000, 0, std::nullopt},
  };
  return rank_partners(entries, LeaderboardMetric::Revenue);
}

// [SECTION] Pipeline by stage

TEST(OverviewStages, CountsEveryStageInOrderAndSkipsOtherCurrencies) {
  const std::vector<Deal> deals = {deal("1", "o_a", DealStage::Proposal, 100),
                                   deal("2", "o_a", DealStage::Proposal, 250),
                                   deal("3", "o_a", DealStage::ClosedWon, 900),
                                   deal("4", "o_a", DealStage::Proposal, 7, "USD")};
  const auto stages = pipeline_by_stage(deals, "EUR");
  ASSERT_EQ(stages.size(), 6u);
  EXPECT_EQ(stages[0].stage, DealStage::Prospecting);
  EXPECT_EQ(stages[0].count, 0);
  EXPECT_EQ(stages[2], (OverviewStage{DealStage::Proposal, 2, 350}));
  EXPECT_EQ(stages[4], (OverviewStage{DealStage::ClosedWon, 1, 900}));
}

TEST(OverviewStages, StageEventsMoveADealBetweenStagesLikeAFreshSnapshot) {
  OverviewState s;
  s.partners = {OverviewPartner{"o_a", 1500}};
  std::vector<Deal> deals = {deal("1", "o_a", DealStage::Proposal, 100)};
  s.stages = pipeline_by_stage(deals, "EUR");
  Deal moved = deals[0];
  moved.stage = DealStage::ClosedWon;
  ASSERT_TRUE(apply(s, kEvDealStageChanged, Json{{"deal", to_json(moved)}, {"from", "proposal"}}));
  Deal created = deal("2", "o_a", DealStage::Prospecting, 40);
  ASSERT_TRUE(apply(s, kEvDealCreated, Json{{"deal", to_json(created)}}));
  EXPECT_EQ(s.stages, pipeline_by_stage({moved, created}, "EUR"));
}

// [SECTION] Commission across a tier change

TEST(OverviewCommission, ATermsChangeRepricesTheForecastButNotWhatWasWon) {
  Organisation acme{"o_a", "Acme Integrations", OrgKind::Partner, "Silver", 1000, "EUR", 0};
  Organisation blue{"o_b", "Blue Harbor", OrgKind::Partner, "Gold", 1500, "EUR", 0};
  Deal won = deal("1", "o_a", DealStage::ClosedWon, 1'000'000);
  won.commission_bp = 1000;
  const Deal open = deal("2", "o_a", DealStage::Proposal, 2'000'000);
  const Deal blue_open = deal("3", "o_b", DealStage::Proposal, 1'000'000);

  // The vendor's program-wide view (no org_id) and Acme's own.
  OverviewState program;
  program.partners = overview_partners({acme, blue}, {won, open, blue_open}, "EUR");
  recompute_commission(program);
  OverviewState own;
  own.org_id = "o_a";
  own.tier = "Silver";
  own.revenue_share_bp = 1000;
  own.partners = {overview_partner(acme, {won, open}, "EUR")};
  recompute_commission(own);
  EXPECT_EQ(own.commission_pending_minor, 100'000);
  EXPECT_EQ(own.commission_expected_minor, 200'000);

  const Json gold = {{"org_id", "o_a"}, {"tier", "Gold"}, {"revenue_share_bp", 1500}};
  ASSERT_TRUE(apply(own, kEvPartnerTermsChanged, gold));
  EXPECT_EQ(own.tier, "Gold");
  EXPECT_EQ(own.revenue_share_bp, 1500);
  EXPECT_EQ(own.commission_pending_minor, 100'000);   // won at 10 %, stays
  EXPECT_EQ(own.commission_expected_minor, 300'000);  // open, now at 15 %
  ASSERT_TRUE(apply(program, kEvPartnerTermsChanged, gold));
  EXPECT_TRUE(program.tier.empty());  // the title is the program's
  EXPECT_EQ(program.commission_expected_minor, 300'000 + 150'000);

  // Won after the change at 15 %, as the server stamps it: the replica and a fresh snapshot of
  // the same deals agree.
  Deal won_later = open;
  won_later.stage = DealStage::ClosedWon;
  won_later.commission_bp = 1500;
  ASSERT_TRUE(
      apply(own, kEvDealStageChanged, Json{{"deal", to_json(won_later)}, {"from", "proposal"}}));
  acme.tier = "Gold";
  acme.revenue_share_bp = 1500;
  OverviewState fresh = own;
  fresh.partners = {overview_partner(acme, {won, won_later}, "EUR")};
  recompute_commission(fresh);
  EXPECT_EQ(own, fresh);
  EXPECT_EQ(own.commission_pending_minor, 100'000 + 300'000);

  // A malformed change or an impossible share leaves the state alone.
  const OverviewState before = own;
  EXPECT_FALSE(apply(own, kEvPartnerTermsChanged, Json{{"org_id", "o_a"}, {"tier", "Gold"}}));
  EXPECT_FALSE(apply(own, kEvPartnerTermsChanged,
                     Json{{"org_id", "o_a"}, {"tier", "Gold"}, {"revenue_share_bp", 10'001}}));
  EXPECT_EQ(own, before);
}

// [SECTION] Leaderboard

TEST(OverviewBoardView, APartnerSeesItsOwnRowAndOnlyAnonymousBarsOfOthers) {
  const auto ranked = ranked_three();
  const Actor acme{"u1", "o_a", Role::PartnerUser};
  const Quarter q = quarter_of(1'780'000'000);
  const OverviewBoard b = overview_board(ranked, q, acme, kVendor, NameDisclosure::Anonymised);
  EXPECT_EQ(b.quarter, quarter_label(q));
  EXPECT_EQ(b.partners, 3);
  ASSERT_EQ(b.rows.size(), 3u);
  // Blue Harbor leads, Cedar second, Acme third.
  EXPECT_EQ(b.rows[0].name, "Partner #1");
  EXPECT_FALSE(b.rows[0].value_shown);
  EXPECT_EQ(b.rows[0].value_minor, 0);
  EXPECT_EQ(b.rows[0].bar_pct, 100);
  EXPECT_EQ(b.rows[1].bar_pct, 50);
  EXPECT_EQ(b.rows[2].name, "Acme Integrations");
  EXPECT_TRUE(b.rows[2].is_viewer);
  EXPECT_TRUE(b.rows[2].value_shown);
  EXPECT_EQ(b.rows[2].value_minor, 500'000);
  EXPECT_EQ(b.rows[2].rank, 3);
  // Nothing on the wire names the others or carries their amounts.
  const std::string wire = to_json(b).dump();
  for (const char* secret : {"Blue Harbor", "Cedar", "o_b", "o_c", "2000000", "1000000"})
    EXPECT_EQ(wire.find(secret), std::string::npos) << secret;
}

TEST(OverviewBoardView, NamedDisclosureShowsNamesButStillNoAmounts) {
  const Actor acme{"u1", "o_a", Role::PartnerAdmin};
  const OverviewBoard b =
      overview_board(ranked_three(), quarter_of(0), acme, kVendor, NameDisclosure::Named);
  EXPECT_EQ(b.rows[0].name, "Blue Harbor Consulting");
  EXPECT_FALSE(b.rows[0].value_shown);
  EXPECT_EQ(to_json(b).dump().find("2000000"), std::string::npos);
}

TEST(OverviewBoardView, VendorStaffSeeEveryNameAndAmount) {
  const Actor staff{"u9", kVendor, Role::PartnerManager};
  const OverviewBoard b =
      overview_board(ranked_three(), quarter_of(0), staff, kVendor, NameDisclosure::Anonymised);
  ASSERT_EQ(b.rows.size(), 3u);
  EXPECT_EQ(b.rows[0].name, "Blue Harbor Consulting");
  EXPECT_EQ(b.rows[0].org_id, "o_b");
  EXPECT_EQ(b.rows[0].value_minor, 2'000'000);
  for (const auto& r : b.rows) EXPECT_TRUE(r.value_shown && !r.is_viewer);
}

TEST(OverviewBoardView, APartnerOutsideTheTopRowsStillSeesItsOwnRow) {
  std::vector<LeaderboardEntry> entries;
  for (int i = 0; i < 20; ++i)
    entries.push_back({"o_" + std::to_string(100 + i), "P" + std::to_string(i), 1000 - i, 0, {}});
  const auto ranked = rank_partners(entries, LeaderboardMetric::Revenue);
  const Actor last{"u", "o_119", Role::PartnerUser};
  const OverviewBoard b = overview_board(ranked, quarter_of(0), last, kVendor,
                                         NameDisclosure::Anonymised);
  ASSERT_EQ(b.rows.size(), kBoardTop + 1);
  EXPECT_EQ(b.partners, 20);
  EXPECT_TRUE(b.rows.back().is_viewer);
  EXPECT_EQ(b.rows.back().position, 20);
}

TEST(OverviewBoardView, AnEmptyQuarterHasNoBars) {
  const std::vector<LeaderboardEntry> entries = {{"o_a", "A", 0, 0, {}}, {"o_b", "B", 0, 0, {}}};
  const auto ranked = rank_partners(entries, LeaderboardMetric::Revenue);
  const OverviewBoard b = overview_board(ranked, quarter_of(0), Actor{"u", "o_a"}, kVendor,
                                         NameDisclosure::Anonymised);
  for (const auto& r : b.rows) EXPECT_EQ(r.bar_pct, 0);
  EXPECT_EQ(b.rows[0].rank, b.rows[1].rank);  // tied at zero
}

TEST(OverviewBoardEvent, ReplacesTheBoardAndRoundTrips) {
  OverviewState s;
  const OverviewBoard b = overview_board(ranked_three(), quarter_of(0), Actor{"u", "o_a"},
                                         kVendor, NameDisclosure::Anonymised);
  ASSERT_TRUE(apply(s, kEvLeaderboardChanged, Json{{"metric", "revenue"}, {"board", to_json(b)}}));
  EXPECT_EQ(s.revenue_board, b);
  EXPECT_FALSE(apply(s, kEvLeaderboardChanged, Json{{"board", {{"rows", 3}}}}));
  EXPECT_EQ(s.revenue_board, b);
  auto back = overview_from_json(to_json(s));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->revenue_board, b);
}

// [SECTION] Announcements

OverviewAnnouncement announcement(const Id& id, UnixTime at) {
  return OverviewAnnouncement{id, "Title " + id, "Body", "", "", "Priya Shah", at};
}

TEST(OverviewAnnouncements, NewestFirstOnceEachAndBounded) {
  OverviewState s;
  for (int i = 0; i < 10; ++i)
    ASSERT_TRUE(apply(s, kEvAnnouncementPosted,
                      Json{{"announcement", to_json(announcement("a" + std::to_string(i), 100 + i))}}));
  ASSERT_EQ(s.announcements.size(), kOverviewAnnouncements);
  EXPECT_EQ(s.announcements.front().id, "a9");
  // The same announcement again (a snapshot that already held it) changes nothing.
  const OverviewState before = s;
  ASSERT_TRUE(apply(s, kEvAnnouncementPosted, Json{{"announcement", to_json(announcement("a9", 109))}}));
  EXPECT_EQ(s, before);
  EXPECT_FALSE(apply(s, kEvAnnouncementPosted, Json{{"announcement", {{"id", "x"}}}}));
}

TEST(OverviewAnnouncements, DraftValidationNamesEachProblem) {
  EXPECT_TRUE(validate_announcement_draft({"Launch", "Text", "all"}).empty());
  EXPECT_TRUE(validate_announcement_draft({"Launch", "Line one\nLine two", "o_a"}).empty());
  auto e = validate_announcement_draft({"", " ", "all"});
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].field, "title");
  EXPECT_EQ(e[1].field, "body");
  e = validate_announcement_draft({std::string(kMaxAnnouncementTitle + 1, 'x'), "b", "all"});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].field, "title");
  e = validate_announcement_draft({"Two\nlines", std::string(kMaxAnnouncementBody + 1, 'x'), ""});
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[2].field, "audience");
  EXPECT_FALSE(announcement_draft_from_json(Json{{"title", 1}, {"body", "b"}}));
  EXPECT_FALSE(announcement_draft_from_json(Json{{"title", "t"}, {"body", "b"}, {"audience", 3}}));
  auto d = announcement_draft_from_json(Json{{"title", "t"}, {"body", "b"}});
  ASSERT_TRUE(d);
  EXPECT_EQ(d->audience, "all");
}

// [SECTION] Since your last visit

LoggedEvent stage_event(const Deal& d, const std::string& from, const Id& by, UnixTime at) {
  return LoggedEvent{std::string(kEvDealStageChanged),
                     Json{{"deal", to_json(d)}, {"from", from}, {"by", by}, {"at", at}}, at};
}

TEST(OverviewSinceLastVisit, ListsChangesAfterTheVisitNewestFirstWithACount) {
  const Deal won = deal("1", "o_a", DealStage::ClosedWon, 100);
  const Deal moved = deal("2", "o_a", DealStage::Negotiation, 100);
  Lead lead{"l1", "o_a", LeadDraft{"Globex", "C", "c@x.example", "", "", 10, "EUR"},
            LeadStage::Submitted, "u_colleague", 150};
  const std::vector<LoggedEvent> newest_first = {
      stage_event(won, "negotiation", "u_mgr", 300),
      LoggedEvent{"leaderboard.changed", Json{{"board", Json::object()}}, 300},
      LoggedEvent{std::string(kEvAnnouncementPosted),
                  Json{{"announcement", to_json(announcement("a1", 250))}}, 250},
      stage_event(moved, "proposal", "u_mgr", 200),
      LoggedEvent{std::string(kEvLeadSubmitted), Json{{"lead", to_json(lead)}}, 150},
      stage_event(moved, "qualification", "u_mgr", 90),  // before the last visit
  };
  const OverviewSince s = since_last_visit(newest_first, 100, "u_me");
  EXPECT_EQ(s.since, 100);
  EXPECT_EQ(s.total, 4);
  ASSERT_EQ(s.items.size(), 4u);
  EXPECT_EQ(s.items[0], (OverviewChange{"deal_won", "Deal won: Deal 1", 300}));
  EXPECT_EQ(s.items[1].kind, "announcement");
  EXPECT_EQ(s.items[1].text, "Announcement: Title a1");
  EXPECT_EQ(s.items[2].text, "Deal 2 moved to " + std::string(deal_stage_label(DealStage::Negotiation)));
  EXPECT_EQ(s.items[3], (OverviewChange{"lead_new", "New lead: Globex", 150}));
}

TEST(OverviewSinceLastVisit, LeavesOutTheViewersOwnChangesAndKeepsTheNewestLines) {
  const Deal moved = deal("2", "o_a", DealStage::Proposal, 100);
  std::vector<LoggedEvent> newest_first;
  for (int i = 0; i < 20; ++i) newest_first.push_back(stage_event(moved, "qualification", "u_mgr", 1000 - i));
  newest_first.push_back(stage_event(moved, "qualification", "u_me", 500));
  const OverviewSince s = since_last_visit(newest_first, 100, "u_me");
  EXPECT_EQ(s.total, 20);
  ASSERT_EQ(s.items.size(), kSinceLines);
  EXPECT_EQ(s.items.front().at, 1000);
}

TEST(OverviewSinceLastVisit, APayoutAndANewDealAreListedToo) {
  const Deal d = deal("7", "o_a", DealStage::ClosedWon, 100);
  const std::vector<LoggedEvent> events = {
      LoggedEvent{std::string(kEvDealPayoutRecorded), Json{{"deal", to_json(d)}, {"by", "u_mgr"}}, 300},
      LoggedEvent{std::string(kEvDealCreated), Json{{"deal", to_json(d)}}, 200},
      LoggedEvent{std::string(kEvDealNoteAdded), Json{{"deal_id", "7"}}, 150},
  };
  const OverviewSince s = since_last_visit(events, 100, "u_me");
  ASSERT_EQ(s.total, 2);
  EXPECT_EQ(s.items[0], (OverviewChange{"payout", "Commission paid out: Deal 7", 300}));
  EXPECT_EQ(s.items[1], (OverviewChange{"deal_new", "New deal: Deal 7", 200}));
}

TEST(OverviewSinceLastVisit, AFirstVisitListsNothing) {
  const std::vector<LoggedEvent> events = {
      stage_event(deal("1", "o_a", DealStage::ClosedWon, 1), "proposal", "u_mgr", 50)};
  const OverviewSince s = since_last_visit(events, 0, "u_me");
  EXPECT_EQ(s.total, 0);
  EXPECT_TRUE(s.items.empty());
}

TEST(OverviewSinceLastVisit, IsPartOfTheSnapshotAndUntouchedByEvents) {
  OverviewState s;
  s.since = OverviewSince{100, 1, {OverviewChange{"deal_won", "Deal won: X", 120}}};
  apply(s, kEvAnnouncementPosted, Json{{"announcement", to_json(announcement("a", 200))}});
  EXPECT_EQ(s.since.total, 1);
  auto back = overview_from_json(to_json(s));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, s);
}

// [SECTION] Permissions

TEST(OverviewPermissions, OnlyVendorAdminsAndPartnerManagersPostAnnouncements) {
  EXPECT_TRUE(may_post_announcement(Actor{"u", kVendor, Role::VendorAdmin}, kVendor));
  EXPECT_TRUE(may_post_announcement(Actor{"u", kVendor, Role::PartnerManager}, kVendor));
  EXPECT_FALSE(may_post_announcement(Actor{"u", kVendor, Role::SupportStaff}, kVendor));
  EXPECT_FALSE(may_post_announcement(Actor{"u", "o_a", Role::PartnerAdmin}, kVendor));
  EXPECT_FALSE(may_post_announcement(Actor{"u", "o_a", Role::PartnerUser}, kVendor));
  EXPECT_FALSE(may_post_announcement(Actor{"u", kVendor, Role::Kiosk}, kVendor));
  // A vendor role held inside a partner organisation grants nothing.
  EXPECT_FALSE(may_post_announcement(Actor{"u", "o_a", Role::VendorAdmin}, kVendor));
}

}  // namespace
}  // namespace portal

namespace portal {
namespace {

UnixTime utc(int y, int m, int d) { return days_from_civil(y, m, d) * kSecondsPerDay; }

TEST(OverviewCommissionByMonth, TwelveMonthsEndingNowSplitPaidAndPending) {
  const std::vector<WonCommission> won = {
      {utc(2026, 2, 28) + 86399, 100, true},   // last second of February
      {utc(2026, 3, 1), 40, false},            // first second of March
      {utc(2026, 3, 31), 2, true},
      {utc(2025, 3, 31), 999, true},           // thirteen months back: outside
      {utc(2026, 12, 1), 999, false},          // after now: outside
  };
  const auto months = commission_by_month(won, utc(2026, 11, 23) + 3600);
  ASSERT_EQ(months.size(), 12u);
  EXPECT_EQ(months.front().year, 2025);
  EXPECT_EQ(months.front().month, 12);
  EXPECT_EQ(months.back().year, 2026);
  EXPECT_EQ(months.back().month, 11);
  EXPECT_EQ(months[2], (MonthCommission{2026, 2, 100, 0}));
  EXPECT_EQ(months[3], (MonthCommission{2026, 3, 2, 40}));
  int64_t total = 0;
  for (const auto& m : months) total += m.paid_minor + m.pending_minor;
  EXPECT_EQ(total, 142);
}

TEST(OverviewCommissionByMonth, AWindowAcrossTheYearBoundary) {
  const auto months = commission_by_month({}, utc(2027, 1, 15), 3);
  ASSERT_EQ(months.size(), 3u);
  EXPECT_EQ(months[0].month, 11);
  EXPECT_EQ(months[0].year, 2026);
  EXPECT_EQ(months[2].month, 1);
  EXPECT_EQ(months[2].year, 2027);
  EXPECT_TRUE(commission_by_month({}, 0, 0).empty());
}

}  // namespace
}  // namespace portal

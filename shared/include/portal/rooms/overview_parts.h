// The parts of the Overview room beyond the commission tiles: the pipeline by stage, the
// quarter's revenue leaderboard, the announcements and "since your last visit". Each part has
// its wire form here; how events change them is in rooms/overview.h's apply().
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "portal/model/accounts.h"
#include "portal/model/entities.h"
#include "portal/protocol/frames.h"
#include "portal/rules/leaderboard.h"
#include "portal/rules/success_metrics.h"
#include "portal/rules/validation.h"

namespace portal {

// [SECTION] Event and command names

inline constexpr std::string_view kCmdAnnouncementPost = "announcement.post";
inline constexpr std::string_view kEvAnnouncementPosted = "announcement.posted";
inline constexpr std::string_view kEvLeaderboardChanged = "leaderboard.changed";

// [SECTION] Pipeline by stage

// Open and closed deals of one stage (in the room's currency).
struct OverviewStage {
  DealStage stage = DealStage::Prospecting;
  int32_t count = 0;
  int64_t value_minor = 0;
  friend bool operator==(const OverviewStage&, const OverviewStage&) = default;
};

// One entry per DealStage, in stage order, counted from `deals` (other currencies left out).
std::vector<OverviewStage> pipeline_by_stage(const std::vector<Deal>& deals,
                                             const std::string& currency);

// [SECTION] Commission by month

// One calendar month (UTC) of won deals' commission, split by whether it is paid out yet.
struct MonthCommission {
  int32_t year = 1970;
  int32_t month = 1;  // 1..12
  int64_t paid_minor = 0;
  int64_t pending_minor = 0;
  friend bool operator==(const MonthCommission&, const MonthCommission&) = default;
};

// A won deal as the chart needs it: when it was won, its commission, whether that is paid.
struct WonCommission {
  UnixTime won_at = 0;
  int64_t commission_minor = 0;
  bool paid = false;
};

// The `months` calendar months ending with the month holding `now`, oldest first, each with
// the commission of the deals won in it (deals won outside the window are left out).
std::vector<MonthCommission> commission_by_month(std::span<const WonCommission> won, UnixTime now,
                                                 int months = 12);

// [SECTION] Leaderboard

// One bar of the leaderboard as the viewer may see it. Other partners' amounts are not sent to
// a partner: only their rank, an anonymised name and the bar length relative to the leader.
struct OverviewBoardRow {
  int32_t rank = 0;
  int32_t position = 0;
  Id org_id;  // another partner's is "anon-<position>" in a partner's view
  std::string name;
  bool is_viewer = false;
  bool value_shown = true;  // false: `value_minor` is 0 and only `bar_pct` is known
  int64_t value_minor = 0;
  int32_t bar_pct = 0;  // 0..100, the bar's length relative to the first row
  friend bool operator==(const OverviewBoardRow&, const OverviewBoardRow&) = default;
};

struct OverviewBoard {
  std::string quarter;  // "Q4 2026"
  int32_t partners = 0; // how many partners are ranked in total
  std::vector<OverviewBoardRow> rows;
  friend bool operator==(const OverviewBoard&, const OverviewBoard&) = default;
};

// Rows shown: to a partner the first kBoardTop plus its own; to vendor staff the first
// kStaffBoardTop (a program of thousands of partners is not sent whole to every screen).
inline constexpr size_t kBoardTop = 8;
inline constexpr size_t kStaffBoardTop = 25;

// Whether other partners' amounts travel to the viewer (vendor staff: yes; partners: no).
enum class BoardFigures { OwnOnly, All };

// The board of `ranked` (all partners, from rank_partners) as `viewer` may see it.
OverviewBoard overview_board(std::span<const LeaderboardRow> ranked, const Quarter& quarter,
                             const Actor& viewer, const Id& vendor_org,
                             NameDisclosure disclosure);

Json to_json(const OverviewBoard& b);
std::optional<OverviewBoard> overview_board_from_json(const Json& j);

// [SECTION] Announcements

// An announcement as the Overview shows it. `audience_org` empty = every partner.
struct OverviewAnnouncement {
  Id id;
  std::string title;
  std::string body;
  Id audience_org;
  std::string audience_name;  // the organisation's name, "" for every partner
  std::string author_name;
  UnixTime posted_at = 0;
  friend bool operator==(const OverviewAnnouncement&, const OverviewAnnouncement&) = default;
};

inline constexpr size_t kOverviewAnnouncements = 6;
inline constexpr size_t kMaxAnnouncementTitle = 120;
inline constexpr size_t kMaxAnnouncementBody = 2000;

Json to_json(const OverviewAnnouncement& a);
std::optional<OverviewAnnouncement> overview_announcement_from_json(const Json& j);

// What a vendor types to post an announcement: `audience` is "all" or a partner org id.
struct AnnouncementDraft {
  std::string title;
  std::string body;
  std::string audience = "all";
};
std::optional<AnnouncementDraft> announcement_draft_from_json(const Json& j);
Json to_json(const AnnouncementDraft& d);
// One message per problem: title 1..120 characters on one line, body 1..2000, audience given.
std::vector<FieldError> validate_announcement_draft(const AnnouncementDraft& d);

// [SECTION] Partner search (the announcement's audience picker)

inline constexpr std::string_view kCmdPartnersSearch = "partners.search";
inline constexpr size_t kMaxPartnerQuery = 80;     // bytes
inline constexpr int32_t kMaxPartnerResults = 50;
inline constexpr int32_t kDefaultPartnerResults = 20;

// {query, limit}: partners whose name contains `query` (case-insensitive), by name. An empty
// query lists the first partners by name.
struct PartnerSearch {
  std::string query;
  int32_t limit = kDefaultPartnerResults;
};
// One message per problem: query text of at most kMaxPartnerQuery bytes on one line, limit
// 1..kMaxPartnerResults when given.
std::variant<PartnerSearch, std::vector<FieldError>> partner_search_from_json(const Json& j);
Json to_json(const PartnerSearch& s);

// [SECTION] Since your last visit

// One line of "since your last visit".
struct OverviewChange {
  std::string kind;  // "deal_won", "deal_stage", "deal_new", "payout", "lead_new",
                     // "announcement"
  std::string text;  // "Deal won: Globex renewal"
  UnixTime at = 0;
  friend bool operator==(const OverviewChange&, const OverviewChange&) = default;
};

struct OverviewSince {
  UnixTime since = 0;  // 0: first visit, nothing listed
  int32_t total = 0;   // every change since then (the list keeps the newest kSinceLines)
  std::vector<OverviewChange> items;  // newest first
  friend bool operator==(const OverviewSince&, const OverviewSince&) = default;
};

inline constexpr size_t kSinceLines = 8;

// An event of the Overview room's log.
struct LoggedEvent {
  std::string type;
  Json data;
  UnixTime at = 0;
};

// The line an Overview event makes in "since your last visit", if any. Changes the viewer made
// themselves ("by" or the lead's creator is `viewer`) are left out: they know about them.
std::optional<OverviewChange> describe_change(const LoggedEvent& e, const Id& viewer);
// "Since your last visit" from the room's events after `since`, given newest first.
OverviewSince since_last_visit(std::span<const LoggedEvent> newest_first, UnixTime since,
                               const Id& viewer);

Json to_json(const OverviewSince& s);
std::optional<OverviewSince> overview_since_from_json(const Json& j);

// [SECTION] Success metrics and available tasks

// An open task of a customer account, as "available tasks" lists it.
struct OverviewTask {
  Id id;
  Id account_id;
  std::string account_name;
  AccountTaskKind kind = AccountTaskKind::CompleteOnboarding;
  std::string title;    // empty = the kind's label
  UnixTime due_at = 0;  // 0 = no due date
  friend bool operator==(const OverviewTask&, const OverviewTask&) = default;
};

// The customer accounts part of the Overview: the four success metrics of the partner's
// accounts (rules/success_metrics.h, added up as the Customer accounts room does) and the most
// urgent open tasks.
struct OverviewAccounts {
  int32_t accounts = 0;
  int32_t missing_cppos = 0;
  int64_t net_missed_revenue_minor = 0;
  int64_t savings_opportunity_minor = 0;
  int64_t lifetime_revenue_minor = 0;
  int32_t open_tasks = 0;           // every open task, also those beyond `tasks`
  std::vector<OverviewTask> tasks;  // the most urgent open tasks (task_order), at most kTaskPool
  friend bool operator==(const OverviewAccounts&, const OverviewAccounts&) = default;
};

// The Overview lists the first kOverviewTasks; the state keeps a few more so that ticking tasks
// off elsewhere still leaves a full list until the next snapshot refills it.
inline constexpr size_t kOverviewTasks = 6;
inline constexpr size_t kOverviewTaskPool = 24;

// Most urgent first: tasks with a due date by date (earliest first), then those without; ties
// by account name, then task id, so every screen lists them alike.
bool task_order(const OverviewTask& a, const OverviewTask& b);
OverviewTask overview_task(const AccountTask& t, std::string account_name);
// The part from the accounts and their tasks (any order); amounts in other currencies than
// `currency` are left out of the metrics, as in the Customer accounts room.
OverviewAccounts overview_accounts(std::span<const CustomerAccount> accounts,
                                   std::span<const AccountTask> tasks, const std::string& currency);
// Applies account.added, account.task_added and account.task_status_changed (which names the
// status it changed "from"). Returns false for anything else or a malformed event.
bool apply_account_event(OverviewAccounts& a, const std::string& currency,
                         std::string_view event_type, const Json& data);

Json to_json(const OverviewAccounts& a);
std::optional<OverviewAccounts> overview_accounts_from_json(const Json& j);

}  // namespace portal

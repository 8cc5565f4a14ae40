#include "portal/rooms/overview_parts.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "portal/protocol/accounts_commands.h"
#include "portal/protocol/model_codecs.h"
#include "portal/protocol/pipeline_commands.h"
#include "protocol/json_fields.h"
#include "rules/field_checks.h"

namespace portal {
namespace {

using detail::field;
using detail::get_bool;
using detail::get_int;
using detail::get_string;

constexpr std::array<DealStage, 6> kStages = {DealStage::Prospecting, DealStage::Qualification,
                                              DealStage::Proposal,    DealStage::Negotiation,
                                              DealStage::ClosedWon,   DealStage::ClosedLost};

Json to_json(const OverviewBoardRow& r) {
  Json j = {{"rank", r.rank}, {"position", r.position}, {"org_id", r.org_id}, {"name", r.name},
            {"is_viewer", r.is_viewer}, {"value_shown", r.value_shown}, {"bar_pct", r.bar_pct}};
  // A hidden amount is left out of the frame altogether, not sent as 0.
  if (r.value_shown) j["value_minor"] = r.value_minor;
  return j;
}

std::optional<OverviewBoardRow> board_row_from_json(const Json& j) {
  auto rank = get_int(j, "rank"), position = get_int(j, "position"), bar = get_int(j, "bar_pct");
  auto name = get_string(j, "name"), org = get_string(j, "org_id");
  auto viewer = get_bool(j, "is_viewer"), shown = get_bool(j, "value_shown");
  if (!rank || !position || !bar || !name || !org || !viewer || !shown) return std::nullopt;
  OverviewBoardRow r;
  r.rank = static_cast<int32_t>(*rank);
  r.position = static_cast<int32_t>(*position);
  r.bar_pct = static_cast<int32_t>(std::clamp<int64_t>(*bar, 0, 100));
  r.name = *name;
  r.org_id = *org;
  r.is_viewer = *viewer;
  r.value_shown = *shown;
  if (r.value_shown) {
    auto v = get_int(j, "value_minor");
    if (!v) return std::nullopt;
    r.value_minor = *v;
  }
  return r;
}

Json to_json(const OverviewChange& c) {
  return {{"kind", c.kind}, {"text", c.text}, {"at", c.at}};
}

std::string quoted_deal_name(const Json& data) {
  const Json* dj = field(data, "deal");
  if (dj == nullptr) return {};
  auto name = get_string(*dj, "name");
  return name ? *name : std::string();
}

}  // namespace

// [SECTION] Pipeline by stage

std::vector<OverviewStage> pipeline_by_stage(const std::vector<Deal>& deals,
                                             const std::string& currency) {
  std::vector<OverviewStage> out;
  out.reserve(kStages.size());
  for (DealStage s : kStages) out.push_back(OverviewStage{s, 0, 0});
  for (const Deal& d : deals) {
    if (d.value.currency != currency) continue;
    OverviewStage& st = out[static_cast<size_t>(d.stage)];
    ++st.count;
    st.value_minor += d.value.minor;
  }
  return out;
}

// [SECTION] Commission by month

namespace {

// Months since January 1970 of the UTC month holding `t`.
int64_t month_index(UnixTime t) {
  const Quarter q = quarter_of(t);
  int32_t month = 3 * (q.q - 1) + 1;
  while (month < 3 * q.q && days_from_civil(q.year, month + 1, 1) * kSecondsPerDay <= t) ++month;
  return int64_t{q.year - 1970} * 12 + (month - 1);
}

}  // namespace

std::vector<MonthCommission> commission_by_month(std::span<const WonCommission> won, UnixTime now,
                                                 int months) {
  std::vector<MonthCommission> out;
  if (months <= 0) return out;
  const int64_t last = month_index(now), first = last - months + 1;
  out.reserve(static_cast<size_t>(months));
  for (int64_t m = first; m <= last; ++m) {
    const int64_t year = 1970 + (m >= 0 ? m / 12 : (m - 11) / 12);
    out.push_back(MonthCommission{static_cast<int32_t>(year),
                                  static_cast<int32_t>(m - (year - 1970) * 12 + 1), 0, 0});
  }
  for (const WonCommission& w : won) {
    const int64_t m = month_index(w.won_at);
    if (m < first || m > last) continue;
    MonthCommission& c = out[static_cast<size_t>(m - first)];
    (w.paid ? c.paid_minor : c.pending_minor) += w.commission_minor;
  }
  return out;
}

// [SECTION] Leaderboard

OverviewBoard overview_board(std::span<const LeaderboardRow> ranked, const Quarter& quarter,
                             const Actor& viewer, const Id& vendor_org,
                             NameDisclosure disclosure) {
  OverviewBoard b;
  b.quarter = quarter_label(quarter);
  b.partners = static_cast<int32_t>(ranked.size());
  const bool staff = is_vendor_actor(viewer, vendor_org);
  const int64_t top = ranked.empty() ? 0 : std::max<int64_t>(ranked.front().value, 0);
  // Vendor staff see the top of the board by name; a partner the top rows and its own.
  const std::vector<LeaderboardRow> rows =
      leaderboard_view(ranked, viewer, vendor_org, disclosure, staff ? kStaffBoardTop : kBoardTop);
  b.rows.reserve(rows.size());
  for (const LeaderboardRow& r : rows) {
    OverviewBoardRow o;
    o.rank = r.rank;
    o.position = r.position;
    o.org_id = r.org_id;
    o.name = r.name;
    o.is_viewer = r.is_viewer;
    o.value_shown = staff || r.is_viewer;
    o.value_minor = o.value_shown ? r.value : 0;
    // Whole percent only: a finer bar would let a partner work out the others' amounts.
    o.bar_pct = top > 0 ? static_cast<int32_t>((std::max<int64_t>(r.value, 0) * 100 + top / 2) / top)
                        : 0;
    b.rows.push_back(std::move(o));
  }
  return b;
}

Json to_json(const OverviewBoard& b) {
  Json rows = Json::array();
  for (const auto& r : b.rows) rows.push_back(to_json(r));
  return {{"quarter", b.quarter}, {"partners", b.partners}, {"rows", rows}};
}

std::optional<OverviewBoard> overview_board_from_json(const Json& j) {
  auto quarter = get_string(j, "quarter");
  auto partners = get_int(j, "partners");
  const Json* rows = field(j, "rows");
  if (!quarter || !partners || rows == nullptr || !rows->is_array()) return std::nullopt;
  OverviewBoard b;
  b.quarter = *quarter;
  b.partners = static_cast<int32_t>(*partners);
  for (const Json& r : *rows) {
    auto row = board_row_from_json(r);
    if (!row) return std::nullopt;
    b.rows.push_back(std::move(*row));
  }
  return b;
}

// [SECTION] Announcements

Json to_json(const OverviewAnnouncement& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"body", a.body},
          {"audience_org", a.audience_org},
          {"audience_name", a.audience_name},
          {"author_name", a.author_name},
          {"posted_at", a.posted_at}};
}

std::optional<OverviewAnnouncement> overview_announcement_from_json(const Json& j) {
  auto id = get_string(j, "id"), title = get_string(j, "title"), body = get_string(j, "body"),
       org = get_string(j, "audience_org"), org_name = get_string(j, "audience_name"),
       author = get_string(j, "author_name");
  auto at = get_int(j, "posted_at");
  if (!id || !title || !body || !org || !org_name || !author || !at) return std::nullopt;
  return OverviewAnnouncement{*id, *title, *body, *org, *org_name, *author, *at};
}

std::optional<AnnouncementDraft> announcement_draft_from_json(const Json& j) {
  if (!j.is_object()) return std::nullopt;
  auto title = get_string(j, "title"), body = get_string(j, "body");
  if (!title || !body) return std::nullopt;
  AnnouncementDraft d;
  d.title = *title;
  d.body = *body;
  if (const Json* a = field(j, "audience")) {
    if (!a->is_string()) return std::nullopt;
    d.audience = a->get<std::string>();
  }
  return d;
}

Json to_json(const AnnouncementDraft& d) {
  return {{"title", d.title}, {"body", d.body}, {"audience", d.audience}};
}

std::vector<FieldError> validate_announcement_draft(const AnnouncementDraft& d) {
  using namespace detail;
  Errors e;
  check_text(e, "title", "Title", d.title, kMaxAnnouncementTitle, Need::Required);
  check_text(e, "body", "Text", d.body, kMaxAnnouncementBody, Need::Required, Lines::Multi);
  if (d.audience != "all") check_id(e, "audience", "Audience", d.audience, Need::Required);
  return e;
}

// [SECTION] Since your last visit

std::optional<OverviewChange> describe_change(const LoggedEvent& e, const Id& viewer) {
  if (auto by = get_string(e.data, "by"); by && !viewer.empty() && *by == viewer)
    return std::nullopt;
  OverviewChange c;
  c.at = e.at;
  if (e.type == kEvDealStageChanged) {
    const Json* dj = field(e.data, "deal");
    auto deal = dj ? deal_from_json(*dj) : std::nullopt;
    if (!deal) return std::nullopt;
    if (deal->stage == DealStage::ClosedWon) {
      c.kind = "deal_won";
      c.text = "Deal won: " + deal->name;
    } else {
      c.kind = "deal_stage";
      c.text = deal->name + " moved to " + std::string(deal_stage_label(deal->stage));
    }
    return c;
  }
  if (e.type == kEvDealPayoutRecorded) {
    const std::string name = quoted_deal_name(e.data);
    if (name.empty()) return std::nullopt;
    c.kind = "payout";
    c.text = "Commission paid out: " + name;
    return c;
  }
  if (e.type == kEvDealCreated) {
    const std::string name = quoted_deal_name(e.data);
    if (name.empty()) return std::nullopt;
    c.kind = "deal_new";
    c.text = "New deal: " + name;
    return c;
  }
  if (e.type == kEvLeadSubmitted) {
    const Json* lj = field(e.data, "lead");
    auto lead = lj ? lead_from_json(*lj) : std::nullopt;
    if (!lead || (!viewer.empty() && lead->created_by == viewer)) return std::nullopt;
    c.kind = "lead_new";
    c.text = "New lead: " + lead->draft.company;
    return c;
  }
  if (e.type == kEvAnnouncementPosted) {
    const Json* aj = field(e.data, "announcement");
    auto a = aj ? overview_announcement_from_json(*aj) : std::nullopt;
    if (!a) return std::nullopt;
    c.kind = "announcement";
    c.text = "Announcement: " + a->title;
    return c;
  }
  return std::nullopt;
}

OverviewSince since_last_visit(std::span<const LoggedEvent> newest_first, UnixTime since,
                               const Id& viewer) {
  OverviewSince out;
  out.since = since;
  if (since <= 0) return out;  // a first visit has nothing to catch up on
  for (const LoggedEvent& e : newest_first) {
    if (e.at <= since) continue;
    auto c = describe_change(e, viewer);
    if (!c) continue;
    ++out.total;
    if (out.items.size() < kSinceLines) out.items.push_back(std::move(*c));
  }
  return out;
}

Json to_json(const OverviewSince& s) {
  Json items = Json::array();
  for (const auto& c : s.items) items.push_back(to_json(c));
  return {{"since", s.since}, {"total", s.total}, {"items", items}};
}

std::optional<OverviewSince> overview_since_from_json(const Json& j) {
  auto since = get_int(j, "since"), total = get_int(j, "total");
  const Json* items = field(j, "items");
  if (!since || !total || items == nullptr || !items->is_array()) return std::nullopt;
  OverviewSince s;
  s.since = *since;
  s.total = static_cast<int32_t>(*total);
  for (const Json& i : *items) {
    auto kind = get_string(i, "kind"), text = get_string(i, "text");
    auto at = get_int(i, "at");
    if (!kind || !text || !at) return std::nullopt;
    s.items.push_back(OverviewChange{*kind, *text, *at});
  }
  return s;
}

// [SECTION] Partner search

std::variant<PartnerSearch, std::vector<FieldError>> partner_search_from_json(const Json& j) {
  std::vector<FieldError> errors;
  PartnerSearch out;
  if (!j.is_object()) return std::vector<FieldError>{{"query", "Send {query, limit}."}};
  if (const Json* q = field(j, "query")) {
    if (!q->is_string()) {
      errors.push_back({"query", "The search must be text."});
    } else {
      out.query = q->get<std::string>();
      if (out.query.size() > kMaxPartnerQuery)
        errors.push_back({"query", "Search with at most " + std::to_string(kMaxPartnerQuery) +
                                       " characters."});
      else if (out.query.find_first_of("\r\n") != std::string::npos)
        errors.push_back({"query", "The search is one line of text."});
    }
  }
  if (const Json* l = field(j, "limit")) {
    if (!l->is_number_integer() || l->get<int64_t>() < 1 ||
        l->get<int64_t>() > kMaxPartnerResults)
      errors.push_back({"limit", "Ask for 1 to " + std::to_string(kMaxPartnerResults) +
                                     " partners."});
    else
      out.limit = static_cast<int32_t>(l->get<int64_t>());
  }
  if (!errors.empty()) return errors;
  return out;
}

Json to_json(const PartnerSearch& s) { return {{"query", s.query}, {"limit", s.limit}}; }

// [SECTION] Success metrics and available tasks

namespace {

// Adds (sign +1) or removes (sign -1) one account's metrics.
void count_account(OverviewAccounts& a, const AccountMetrics& m, int sign) {
  a.accounts += sign;
  a.missing_cppos += sign * m.missing_cppos;
  a.net_missed_revenue_minor += sign * m.net_missed_revenue_minor;
  a.savings_opportunity_minor += sign * m.savings_opportunity_minor;
  a.lifetime_revenue_minor += sign * m.lifetime_revenue_minor;
}

// Puts `t` in its place in the pool (replacing a held task of that id), keeping the pool's size.
void place_task(OverviewAccounts& a, OverviewTask t) {
  std::erase_if(a.tasks, [&](const OverviewTask& x) { return x.id == t.id; });
  auto at = std::upper_bound(a.tasks.begin(), a.tasks.end(), t, task_order);
  // A task less urgent than a full pool's last one is counted but not kept.
  if (a.tasks.size() >= kOverviewTaskPool && at == a.tasks.end()) return;
  a.tasks.insert(at, std::move(t));
  if (a.tasks.size() > kOverviewTaskPool) a.tasks.resize(kOverviewTaskPool);
}

// The name of the account a task event is about: the event's own "account_name", or the one a
// held task of the same account carries.
std::string account_name_of(const OverviewAccounts& a, const Json& data, const Id& account_id) {
  if (auto name = get_string(data, "account_name")) return *name;
  for (const OverviewTask& t : a.tasks)
    if (t.account_id == account_id) return t.account_name;
  return {};
}

Json to_json(const OverviewTask& t) {
  Json j = {{"id", t.id},
            {"account_id", t.account_id},
            {"account_name", t.account_name},
            {"kind", to_string(t.kind)},
            {"due_at", t.due_at}};
  if (!t.title.empty()) j["title"] = t.title;
  return j;
}

std::optional<OverviewTask> overview_task_from_json(const Json& j) {
  auto id = get_string(j, "id"), account = get_string(j, "account_id"),
       name = get_string(j, "account_name"), kind = get_string(j, "kind");
  auto due = get_int(j, "due_at");
  auto k = kind ? account_task_kind_from_string(*kind) : std::nullopt;
  if (!id || !account || !name || !k || !due) return std::nullopt;
  OverviewTask t{*id, *account, *name, *k, {}, *due};
  if (auto title = get_string(j, "title")) t.title = *title;
  return t;
}

}  // namespace

bool task_order(const OverviewTask& a, const OverviewTask& b) {
  const bool a_dated = a.due_at > 0, b_dated = b.due_at > 0;
  if (a_dated != b_dated) return a_dated;
  if (a.due_at != b.due_at) return a.due_at < b.due_at;
  if (a.account_name != b.account_name) return a.account_name < b.account_name;
  return a.id < b.id;
}

OverviewTask overview_task(const AccountTask& t, std::string account_name) {
  return OverviewTask{t.id, t.account_id, std::move(account_name), t.kind, t.title, t.due_at};
}

OverviewAccounts overview_accounts(std::span<const CustomerAccount> accounts,
                                   std::span<const AccountTask> tasks,
                                   const std::string& currency) {
  OverviewAccounts a;
  std::unordered_map<std::string_view, const CustomerAccount*> by_id;
  by_id.reserve(accounts.size());
  for (const CustomerAccount& c : accounts) {
    by_id.emplace(c.id, &c);
    count_account(a, account_metrics(c, currency), +1);
  }
  for (const AccountTask& t : tasks) {
    auto it = by_id.find(t.account_id);
    if (it == by_id.end() || is_closed(t.status)) continue;
    ++a.open_tasks;
    a.tasks.push_back(overview_task(t, it->second->name));
  }
  const size_t keep = std::min(a.tasks.size(), kOverviewTaskPool);
  std::partial_sort(a.tasks.begin(), a.tasks.begin() + static_cast<std::ptrdiff_t>(keep),
                    a.tasks.end(), task_order);
  a.tasks.resize(keep);
  return a;
}

bool apply_account_event(OverviewAccounts& a, const std::string& currency,
                         std::string_view event_type, const Json& data) {
  if (event_type == kEvAccountAdded) {
    const Json* aj = field(data, "account");
    auto account = aj ? customer_account_from_json(*aj) : std::nullopt;
    // An account has an id and a name (validate_customer_account); anything less is no account.
    if (!account || account->id.empty() || account->name.empty()) return false;
    std::vector<AccountTask> tasks;
    if (const Json* tj = field(data, "tasks"); tj && tj->is_array()) {
      for (const Json& t : *tj) {
        auto task = account_task_from_json(t);
        if (!task || task->account_id != account->id) return false;
        tasks.push_back(std::move(*task));
      }
    }
    count_account(a, account_metrics(*account, currency), +1);
    for (const AccountTask& t : tasks) {
      if (is_closed(t.status)) continue;
      ++a.open_tasks;
      place_task(a, overview_task(t, account->name));
    }
    return true;
  }
  if (event_type != kEvAccountTaskAdded && event_type != kEvAccountTaskStatusChanged)
    return false;
  const Json* tj = field(data, "task");
  auto task = tj ? account_task_from_json(*tj) : std::nullopt;
  if (!task) return false;
  const bool held = std::any_of(a.tasks.begin(), a.tasks.end(),
                                [&](const OverviewTask& t) { return t.id == task->id; });
  bool was_open = false;
  if (event_type == kEvAccountTaskStatusChanged) {
    auto from = get_string(data, "from");
    auto st = from ? task_status_from_string(*from) : std::nullopt;
    // Without "from" (an event older than it) a task outside the pool counts as closed before.
    was_open = st ? !is_closed(*st) : held;
  }
  const bool now_open = !is_closed(task->status);
  a.open_tasks += (now_open ? 1 : 0) - (was_open ? 1 : 0);
  if (now_open)
    place_task(a, overview_task(*task, account_name_of(a, data, task->account_id)));
  else
    std::erase_if(a.tasks, [&](const OverviewTask& t) { return t.id == task->id; });
  return true;
}

Json to_json(const OverviewAccounts& a) {
  Json tasks = Json::array();
  for (const OverviewTask& t : a.tasks) tasks.push_back(to_json(t));
  return {{"accounts", a.accounts},
          {"missing_cppos", a.missing_cppos},
          {"net_missed_revenue_minor", a.net_missed_revenue_minor},
          {"savings_opportunity_minor", a.savings_opportunity_minor},
          {"lifetime_revenue_minor", a.lifetime_revenue_minor},
          {"open_tasks", a.open_tasks},
          {"tasks", std::move(tasks)}};
}

std::optional<OverviewAccounts> overview_accounts_from_json(const Json& j) {
  auto accounts = get_int(j, "accounts"), cppos = get_int(j, "missing_cppos"),
       missed = get_int(j, "net_missed_revenue_minor"),
       savings = get_int(j, "savings_opportunity_minor"),
       lifetime = get_int(j, "lifetime_revenue_minor"), open = get_int(j, "open_tasks");
  const Json* tasks = field(j, "tasks");
  if (!accounts || !cppos || !missed || !savings || !lifetime || !open || tasks == nullptr ||
      !tasks->is_array() || tasks->size() > kOverviewTaskPool)
    return std::nullopt;
  OverviewAccounts a;
  a.accounts = static_cast<int32_t>(*accounts);
  a.missing_cppos = static_cast<int32_t>(*cppos);
  a.net_missed_revenue_minor = *missed;
  a.savings_opportunity_minor = *savings;
  a.lifetime_revenue_minor = *lifetime;
  a.open_tasks = static_cast<int32_t>(*open);
  for (const Json& t : *tasks) {
    auto task = overview_task_from_json(t);
    if (!task) return std::nullopt;
    a.tasks.push_back(std::move(*task));
  }
  return a;
}

}  // namespace portal

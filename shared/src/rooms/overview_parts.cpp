#include "portal/rooms/overview_parts.h"

#include <algorithm>
#include <array>

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

}  // namespace portal

#include "portal/rooms/overview.h"

#include <algorithm>
#include <unordered_map>

#include "portal/protocol/accounts_commands.h"
#include "portal/protocol/model_codecs.h"
#include "portal/protocol/pipeline_commands.h"
#include "portal/rooms/room_partners.h"
#include "portal/rules/commission.h"
#include "protocol/json_fields.h"

namespace portal {
namespace {

using detail::field;
using detail::get_int;
using detail::get_string;

Json to_json(const OverviewLead& l) {
  return {{"id", l.id},
          {"company", l.company},
          {"value_minor", l.value_minor},
          {"stage", to_string(l.stage)},
          {"created_at", l.created_at}};
}

std::optional<OverviewLead> overview_lead_from_json(const Json& j) {
  auto id = get_string(j, "id"), company = get_string(j, "company"), stage = get_string(j, "stage");
  auto value = get_int(j, "value_minor"), at = get_int(j, "created_at");
  if (!id || !company || !stage || !value || !at) return std::nullopt;
  auto st = lead_stage_from_string(*stage);
  if (!st) return std::nullopt;
  return OverviewLead{*id, *company, *value, *st, *at};
}

Json to_json(const OverviewPartner& p) {
  return {{"org_id", p.org_id},
          {"revenue_share_bp", p.revenue_share_bp},
          {"deals_open", p.deals_open},
          {"open_minor", p.open_minor},
          {"commission_pending_minor", p.pending_minor},
          {"commission_earned_minor", p.earned_minor}};
}

std::optional<OverviewPartner> overview_partner_from_json(const Json& j) {
  auto id = get_string(j, "org_id");
  auto share = get_int(j, "revenue_share_bp"), open = get_int(j, "deals_open"),
       value = get_int(j, "open_minor"), unpaid = get_int(j, "commission_pending_minor"),
       paid = get_int(j, "commission_earned_minor");
  if (!id || !share || !open || !value || !unpaid || !paid) return std::nullopt;
  return OverviewPartner{*id, static_cast<int32_t>(*share), static_cast<int32_t>(*open), *value,
                         *unpaid, *paid};
}

// Adds (sign +1) or removes (sign -1) a deal in the given state from a partner's sums: an open
// deal by its value, a won one by the commission it locked in.
void count_deal(OverviewPartner& p, const Deal& d, DealStage stage, bool paid, int sign) {
  if (is_open(stage)) {
    p.deals_open += sign;
    p.open_minor += sign * d.value.minor;
  } else if (stage == DealStage::ClosedWon) {
    (paid ? p.earned_minor : p.pending_minor) += sign * deal_commission(d);
  }
}

// Adds or removes a deal of `stage` in the pipeline-by-stage figures.
void count_stage(OverviewState& s, DealStage stage, int64_t value, int sign) {
  for (OverviewStage& st : s.stages) {
    if (st.stage != stage) continue;
    st.count += sign;
    st.value_minor += sign * value;
    return;
  }
}

bool apply_announcement(OverviewState& s, const Json& data) {
  const Json* aj = field(data, "announcement");
  auto a = aj ? overview_announcement_from_json(*aj) : std::nullopt;
  if (!a) return false;
  // A snapshot read while the announcement was being posted may hold it already.
  for (const OverviewAnnouncement& have : s.announcements)
    if (have.id == a->id) return true;
  auto at = std::find_if(s.announcements.begin(), s.announcements.end(),
                         [&](const OverviewAnnouncement& x) { return x.posted_at < a->posted_at; });
  s.announcements.insert(at, std::move(*a));
  if (s.announcements.size() > kOverviewAnnouncements) s.announcements.resize(kOverviewAnnouncements);
  return true;
}

OverviewPartner* partner_of(OverviewState& s, const Deal& d) {
  if (d.value.currency != s.currency) return nullptr;
  for (OverviewPartner& p : s.partners)
    if (p.org_id == d.org_id) return &p;
  return nullptr;
}

std::optional<Deal> event_deal(const Json& data) {
  const Json* dj = field(data, "deal");
  return dj ? deal_from_json(*dj) : std::nullopt;
}

bool apply_deal_event(OverviewState& s, std::string_view type, const Json& data) {
  auto deal = event_deal(data);
  if (!deal) return false;
  OverviewPartner* p = partner_of(s, *deal);
  if (p == nullptr) return false;
  const int64_t v = deal->value.minor;
  if (type == kEvDealCreated) {
    count_deal(*p, *deal, deal->stage, deal->commission_paid, +1);
    count_stage(s, deal->stage, v, +1);
  } else if (type == kEvDealStageChanged) {
    auto from = get_string(data, "from");
    auto st = from ? deal_stage_from_string(*from) : std::nullopt;
    if (!st) return false;
    count_deal(*p, *deal, *st, false, -1);
    count_deal(*p, *deal, deal->stage, deal->commission_paid, +1);
    count_stage(s, *st, v, -1);
    count_stage(s, deal->stage, v, +1);
  } else {  // payout recorded
    count_deal(*p, *deal, DealStage::ClosedWon, false, -1);
    count_deal(*p, *deal, DealStage::ClosedWon, true, +1);
  }
  recompute_commission(s);
  return true;
}

bool apply_terms_change(OverviewState& s, const Json& data) {
  auto change = terms_change_from_json(data);
  if (!change) return false;
  if (change->org_id == s.org_id) {
    s.tier = change->tier;
    s.revenue_share_bp = change->revenue_share_bp;
  }
  for (OverviewPartner& p : s.partners)
    if (p.org_id == change->org_id) p.revenue_share_bp = change->revenue_share_bp;
  recompute_commission(s);
  return true;
}

}  // namespace

OverviewPartner overview_partner(const Organisation& org, const std::vector<Deal>& deals,
                                 const std::string& currency) {
  OverviewPartner p{org.id, org.revenue_share_bp};
  for (const Deal& d : deals)
    if (d.org_id == org.id && d.value.currency == currency)
      count_deal(p, d, d.stage, d.commission_paid, +1);
  return p;
}

std::vector<OverviewPartner> overview_partners(const std::vector<Organisation>& orgs,
                                               const std::vector<Deal>& deals,
                                               const std::string& currency) {
  std::vector<OverviewPartner> out;
  out.reserve(orgs.size());
  std::unordered_map<std::string_view, size_t> index;
  index.reserve(orgs.size());
  for (const Organisation& org : orgs) {
    index.emplace(org.id, out.size());
    out.push_back(OverviewPartner{org.id, org.revenue_share_bp});
  }
  for (const Deal& d : deals) {
    if (d.value.currency != currency) continue;
    auto it = index.find(d.org_id);
    if (it != index.end()) count_deal(out[it->second], d, d.stage, d.commission_paid, +1);
  }
  return out;
}

void recompute_commission(OverviewState& s) {
  s.deals_in_progress = 0;
  s.pipeline_minor = s.commission_expected_minor = 0;
  s.commission_pending_minor = s.commission_earned_minor = 0;
  // As in summarise_commission: the forecast at each partner's share now, rounded once per
  // partner; won deals by the commission each locked in.
  for (const OverviewPartner& p : s.partners) {
    s.deals_in_progress += p.deals_open;
    s.pipeline_minor += p.open_minor;
    s.commission_expected_minor += apply_basis_points(p.open_minor, p.revenue_share_bp);
    s.commission_pending_minor += p.pending_minor;
    s.commission_earned_minor += p.earned_minor;
  }
}

Json to_json(const OverviewState& s) {
  Json recent = Json::array();
  for (const auto& l : s.recent_leads) recent.push_back(to_json(l));
  Json partners = Json::array();
  for (const auto& p : s.partners) partners.push_back(to_json(p));
  Json stages = Json::array();
  for (const auto& st : s.stages)
    stages.push_back(
        {{"stage", to_string(st.stage)}, {"count", st.count}, {"value_minor", st.value_minor}});
  Json announcements = Json::array();
  for (const auto& a : s.announcements) announcements.push_back(to_json(a));
  return {{"org_id", s.org_id},
          {"org_name", s.org_name},
          {"tier", s.tier},
          {"revenue_share_bp", s.revenue_share_bp},
          {"currency", s.currency},
          {"leads_submitted", s.leads_submitted},
          {"leads_open", s.leads_open},
          {"deals_in_progress", s.deals_in_progress},
          {"pipeline_minor", s.pipeline_minor},
          {"commission_expected_minor", s.commission_expected_minor},
          {"commission_pending_minor", s.commission_pending_minor},
          {"commission_earned_minor", s.commission_earned_minor},
          {"recent_leads", recent},
          {"partners", partners},
          {"stages", stages},
          {"revenue_board", to_json(s.revenue_board)},
          {"announcements", announcements},
          {"accounts", to_json(s.accounts)},
          {"accounts_board", to_json(s.accounts_board)},
          {"since", to_json(s.since)}};
}

std::optional<OverviewState> overview_from_json(const Json& j) {
  OverviewState s;
  auto org = get_string(j, "org_name"), tier = get_string(j, "tier"),
       currency = get_string(j, "currency");
  auto share = get_int(j, "revenue_share_bp"), submitted = get_int(j, "leads_submitted"),
       open = get_int(j, "leads_open"), deals = get_int(j, "deals_in_progress"),
       pipeline = get_int(j, "pipeline_minor"), expected = get_int(j, "commission_expected_minor"),
       pending = get_int(j, "commission_pending_minor"),
       earned = get_int(j, "commission_earned_minor");
  const Json* recent = field(j, "recent_leads");
  if (!org || !tier || !currency || !share || !submitted || !open || !deals || !pipeline ||
      !expected || !pending || !earned || recent == nullptr || !recent->is_array())
    return std::nullopt;
  s.org_id = get_string(j, "org_id").value_or("");
  s.org_name = *org;
  s.tier = *tier;
  s.currency = *currency;
  s.revenue_share_bp = static_cast<int32_t>(*share);
  s.leads_submitted = static_cast<int32_t>(*submitted);
  s.leads_open = static_cast<int32_t>(*open);
  s.deals_in_progress = static_cast<int32_t>(*deals);
  s.pipeline_minor = *pipeline;
  s.commission_expected_minor = *expected;
  s.commission_pending_minor = *pending;
  s.commission_earned_minor = *earned;
  for (const auto& r : *recent) {
    auto l = overview_lead_from_json(r);
    if (!l) return std::nullopt;
    s.recent_leads.push_back(std::move(*l));
  }
  // "partners" came with the Deals room; a snapshot without it has no commission inputs.
  if (const Json* partners = field(j, "partners"); partners && partners->is_array()) {
    for (const auto& r : *partners) {
      auto p = overview_partner_from_json(r);
      if (!p) return std::nullopt;
      s.partners.push_back(std::move(*p));
    }
  }
  // The parts below came with the completed Overview; an older snapshot simply lacks them.
  if (const Json* stages = field(j, "stages"); stages && stages->is_array()) {
    for (const auto& r : *stages) {
      auto stage = get_string(r, "stage");
      auto st = stage ? deal_stage_from_string(*stage) : std::nullopt;
      auto count = get_int(r, "count"), value = get_int(r, "value_minor");
      if (!st || !count || !value) return std::nullopt;
      s.stages.push_back(OverviewStage{*st, static_cast<int32_t>(*count), *value});
    }
  }
  if (const Json* board = field(j, "revenue_board")) {
    auto b = overview_board_from_json(*board);
    if (!b) return std::nullopt;
    s.revenue_board = std::move(*b);
  }
  if (const Json* accounts = field(j, "accounts")) {
    auto a = overview_accounts_from_json(*accounts);
    if (!a) return std::nullopt;
    s.accounts = std::move(*a);
  }
  if (const Json* board = field(j, "accounts_board")) {
    auto b = overview_board_from_json(*board);
    if (!b) return std::nullopt;
    s.accounts_board = std::move(*b);
  }
  if (const Json* list = field(j, "announcements"); list && list->is_array()) {
    for (const auto& r : *list) {
      auto a = overview_announcement_from_json(r);
      if (!a) return std::nullopt;
      s.announcements.push_back(std::move(*a));
    }
  }
  if (const Json* since = field(j, "since")) {
    auto v = overview_since_from_json(*since);
    if (!v) return std::nullopt;
    s.since = std::move(*v);
  }
  return s;
}

bool apply(OverviewState& s, std::string_view event_type, const Json& data) {
  if (event_type == kEvLeadSubmitted) {
    const Json* lead_json = field(data, "lead");
    if (lead_json == nullptr) return false;
    auto lead = lead_from_json(*lead_json);
    if (!lead) return false;
    ++s.leads_submitted;
    if (is_open(lead->stage)) ++s.leads_open;
    s.recent_leads.insert(s.recent_leads.begin(),
                          OverviewLead{lead->id, lead->draft.company, lead->draft.value_minor,
                                       lead->stage, lead->created_at});
    if (s.recent_leads.size() > kRecentLeads) s.recent_leads.resize(kRecentLeads);
    return true;
  }
  if (event_type == kEvLeadStageChanged) {
    auto id = get_string(data, "lead_id"), stage = get_string(data, "stage");
    auto st = stage ? lead_stage_from_string(*stage) : std::nullopt;
    if (!id || !st) return false;
    if (!is_open(*st)) --s.leads_open;
    for (OverviewLead& l : s.recent_leads)
      if (l.id == *id) l.stage = *st;
    return true;
  }
  if (event_type == kEvDealCreated || event_type == kEvDealStageChanged ||
      event_type == kEvDealPayoutRecorded)
    return apply_deal_event(s, event_type, data);
  if (event_type == kEvLeaderboardChanged) {
    const Json* board = field(data, "board");
    auto b = board ? overview_board_from_json(*board) : std::nullopt;
    auto metric = get_string(data, "metric");
    auto m = metric ? leaderboard_metric_from_string(*metric) : LeaderboardMetric::Revenue;
    if (!b || !m) return false;
    (*m == LeaderboardMetric::NewAccounts ? s.accounts_board : s.revenue_board) = std::move(*b);
    return true;
  }
  if (event_type == kEvPartnerTermsChanged) return apply_terms_change(s, data);
  if (event_type == kEvAnnouncementPosted) return apply_announcement(s, data);
  if (event_type == kEvAccountAdded || event_type == kEvAccountTaskAdded ||
      event_type == kEvAccountTaskStatusChanged)
    return apply_account_event(s.accounts, s.currency, event_type, data);
  return false;
}

}  // namespace portal

#include "portal/rooms/leads.h"

#include "portal/protocol/model_codecs.h"
#include "portal/protocol/pipeline_commands.h"
#include "portal/rules/stages.h"
#include "protocol/json_fields.h"

namespace portal {
namespace {

using detail::field;
using detail::get_int;
using detail::get_string;

LeadRow* find_row(LeadsState& s, const Id& id) {
  for (LeadRow& r : s.leads)
    if (r.lead.id == id) return &r;
  return nullptr;
}

void refresh_commission(LeadRow& r, const std::vector<RoomPartner>& partners) {
  const RoomPartner* p = find_partner(partners, r.lead.org_id);
  r.expected_commission_minor =
      expected_commission(r.lead.stage, r.lead.draft.value_minor, p ? p->revenue_share_bp : 0);
}

}  // namespace

LeadRow make_lead_row(Lead lead, const std::vector<RoomPartner>& partners, UnixTime updated_at,
                      Id deal_id) {
  LeadRow r;
  const RoomPartner* p = find_partner(partners, lead.org_id);
  r.partner = p ? p->name : std::string();
  r.updated_at = updated_at;
  r.deal_id = std::move(deal_id);
  r.lead = std::move(lead);
  refresh_commission(r, partners);
  return r;
}

Json to_json(const LeadsState& s) {
  Json leads = Json::array();
  for (const LeadRow& r : s.leads) {
    Json j = to_json(r.lead);
    j["partner"] = r.partner;
    j["expected_commission_minor"] = r.expected_commission_minor;
    j["updated_at"] = r.updated_at;
    j["deal_id"] = r.deal_id;
    leads.push_back(std::move(j));
  }
  return {{"partners", to_json(s.partners)}, {"leads", std::move(leads)}};
}

std::optional<LeadsState> leads_from_json(const Json& j) {
  const Json* partners = field(j, "partners");
  const Json* leads = field(j, "leads");
  if (partners == nullptr || leads == nullptr || !leads->is_array()) return std::nullopt;
  auto ps = room_partners_from_json(*partners);
  if (!ps) return std::nullopt;
  LeadsState s{std::move(*ps), {}};
  for (const Json& row : *leads) {
    auto lead = lead_from_json(row);
    auto partner = get_string(row, "partner"), deal = get_string(row, "deal_id");
    auto commission = get_int(row, "expected_commission_minor"), at = get_int(row, "updated_at");
    if (!lead || !partner || !deal || !commission || !at) return std::nullopt;
    s.leads.push_back(LeadRow{std::move(*lead), *partner, *commission, *at, *deal});
  }
  return s;
}

bool apply(LeadsState& s, std::string_view event_type, const Json& data) {
  if (event_type == kEvLeadSubmitted) {
    const Json* lj = field(data, "lead");
    auto lead = lj ? lead_from_json(*lj) : std::nullopt;
    if (!lead || find_row(s, lead->id)) return false;
    const UnixTime at = lead->created_at;
    s.leads.insert(s.leads.begin(), make_lead_row(std::move(*lead), s.partners, at));
    return true;
  }
  if (event_type == kEvLeadStageChanged) {
    auto id = get_string(data, "lead_id"), stage = get_string(data, "stage");
    auto at = get_int(data, "at");
    auto st = stage ? lead_stage_from_string(*stage) : std::nullopt;
    LeadRow* r = id ? find_row(s, *id) : nullptr;
    if (!r || !st || !at) return false;
    r->lead.stage = *st;
    r->updated_at = *at;
    if (!is_open(*st)) r->lead.closed_at = *at;
    refresh_commission(*r, s.partners);
    return true;
  }
  if (event_type == kEvPartnerTermsChanged) {
    // Open leads are forecast at the new share; a closed one keeps what it showed.
    const RoomPartner* p = apply_terms_change(s.partners, data);
    if (p == nullptr) return false;
    for (LeadRow& r : s.leads)
      if (r.lead.org_id == p->org_id && is_open(r.lead.stage)) refresh_commission(r, s.partners);
    return true;
  }
  if (event_type == kEvLeadConverted) {
    auto id = get_string(data, "lead_id");
    const Json* dj = field(data, "deal");
    auto deal = dj ? deal_from_json(*dj) : std::nullopt;
    LeadRow* r = id ? find_row(s, *id) : nullptr;
    if (!r || !deal) return false;
    r->deal_id = deal->id;
    r->updated_at = get_int(data, "at").value_or(r->updated_at);
    return true;
  }
  return false;
}

const LeadRow* find_lead(const LeadsState& s, const Id& lead_id) {
  for (const LeadRow& r : s.leads)
    if (r.lead.id == lead_id) return &r;
  return nullptr;
}

}  // namespace portal

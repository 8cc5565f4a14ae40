#include "portal/rooms/deals.h"

#include <algorithm>

#include "portal/protocol/model_codecs.h"
#include "portal/protocol/pipeline_commands.h"
#include "portal/rules/commission.h"
#include "portal/rules/stages.h"
#include "protocol/json_fields.h"

namespace portal {
namespace {

using detail::field;
using detail::get_string;

DealRow* find_row(DealsState& s, const Id& id) {
  for (DealRow& r : s.deals)
    if (r.deal.id == id) return &r;
  return nullptr;
}

Json to_json(const DealNoteRow& n) {
  Json j = to_json(n.note);
  j["author_name"] = n.author_name;
  return j;
}

std::optional<DealNoteRow> note_row_from_json(const Json& j) {
  auto note = deal_note_from_json(j);
  auto name = get_string(j, "author_name");
  if (!note || !name) return std::nullopt;
  return DealNoteRow{std::move(*note), *name};
}

// Replaces the row of `deal` (keeping its notes) and moves it to the top.
bool replace_deal(DealsState& s, Deal deal) {
  auto it = std::find_if(s.deals.begin(), s.deals.end(),
                         [&](const DealRow& r) { return r.deal.id == deal.id; });
  if (it == s.deals.end()) return false;
  DealRow row = make_deal_row(std::move(deal), s.partners);
  row.notes = std::move(it->notes);
  s.deals.erase(it);
  s.deals.insert(s.deals.begin(), std::move(row));
  return true;
}

// A won deal's commission at the share it locked in; an open one's at the partner's share now.
int64_t row_commission(const Deal& d, const RoomPartner* p) {
  if (d.stage == DealStage::ClosedWon) return deal_commission(d);
  return expected_commission(d.stage, d.value.minor, p ? p->revenue_share_bp : 0);
}

}  // namespace

DealRow make_deal_row(Deal deal, const std::vector<RoomPartner>& partners) {
  DealRow r;
  const RoomPartner* p = find_partner(partners, deal.org_id);
  r.partner = p ? p->name : std::string();
  r.deal = std::move(deal);
  r.expected_commission_minor = row_commission(r.deal, p);
  return r;
}

Json to_json(const DealsState& s) {
  Json deals = Json::array();
  for (const DealRow& r : s.deals) {
    Json notes = Json::array();
    for (const DealNoteRow& n : r.notes) notes.push_back(to_json(n));
    Json j = to_json(r.deal);
    j["partner"] = r.partner;
    j["expected_commission_minor"] = r.expected_commission_minor;
    j["note_list"] = std::move(notes);
    deals.push_back(std::move(j));
  }
  return {{"partners", to_json(s.partners)}, {"deals", std::move(deals)}};
}

std::optional<DealsState> deals_from_json(const Json& j) {
  const Json* partners = field(j, "partners");
  const Json* deals = field(j, "deals");
  if (partners == nullptr || deals == nullptr || !deals->is_array()) return std::nullopt;
  auto ps = room_partners_from_json(*partners);
  if (!ps) return std::nullopt;
  DealsState s{std::move(*ps), {}};
  for (const Json& row : *deals) {
    auto deal = deal_from_json(row);
    const Json* notes = field(row, "note_list");
    if (!deal || notes == nullptr || !notes->is_array()) return std::nullopt;
    DealRow r = make_deal_row(std::move(*deal), s.partners);
    for (const Json& n : *notes) {
      auto note = note_row_from_json(n);
      if (!note) return std::nullopt;
      r.notes.push_back(std::move(*note));
    }
    s.deals.push_back(std::move(r));
  }
  return s;
}

bool apply(DealsState& s, std::string_view event_type, const Json& data) {
  const Json* dj = field(data, "deal");
  if (event_type == kEvDealCreated) {
    auto deal = dj ? deal_from_json(*dj) : std::nullopt;
    if (!deal || find_row(s, deal->id)) return false;
    s.deals.insert(s.deals.begin(), make_deal_row(std::move(*deal), s.partners));
    return true;
  }
  if (event_type == kEvDealStageChanged || event_type == kEvDealPayoutRecorded) {
    auto deal = dj ? deal_from_json(*dj) : std::nullopt;
    return deal && replace_deal(s, std::move(*deal));
  }
  if (event_type == kEvPartnerTermsChanged) {
    const RoomPartner* p = apply_terms_change(s.partners, data);
    if (p == nullptr) return false;
    for (DealRow& r : s.deals)
      if (r.deal.org_id == p->org_id) r.expected_commission_minor = row_commission(r.deal, p);
    return true;
  }
  if (event_type == kEvDealNoteAdded) {
    auto id = get_string(data, "deal_id");
    const Json* nj = field(data, "note");
    DealRow* r = id ? find_row(s, *id) : nullptr;
    auto note = nj ? deal_note_from_json(*nj) : std::nullopt;
    auto name = get_string(data, "author_name");
    if (!r || !note || !name) return false;
    r->notes.push_back(DealNoteRow{std::move(*note), *name});
    if (r->notes.size() > kMaxNotesPerDeal) r->notes.erase(r->notes.begin());
    return true;
  }
  return false;
}

const DealRow* find_deal(const DealsState& s, const Id& deal_id) {
  for (const DealRow& r : s.deals)
    if (r.deal.id == deal_id) return &r;
  return nullptr;
}

}  // namespace portal

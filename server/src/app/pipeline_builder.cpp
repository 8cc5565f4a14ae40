#include "app/pipeline_builder.h"

#include <unordered_map>

namespace portal::server {
namespace {

std::vector<RoomPartner> room_partners(const std::vector<Organisation>& orgs) {
  std::vector<RoomPartner> out;
  for (const Organisation& o : orgs) out.push_back(RoomPartner{o.id, o.name, o.revenue_share_bp});
  return out;
}

}  // namespace

LeadsState build_leads(const PipelineInputs& in) {
  LeadsState s{room_partners(in.orgs), {}};
  for (const LeadRecord& r : in.leads)
    s.leads.push_back(make_lead_row(r.lead, s.partners, r.updated_at, r.deal_id));
  return s;
}

DealsState build_deals(const PipelineInputs& in) {
  DealsState s{room_partners(in.orgs), {}};
  std::unordered_map<Id, size_t> index;
  for (const Deal& d : in.deals) {
    index[d.id] = s.deals.size();
    s.deals.push_back(make_deal_row(d, s.partners));
  }
  for (const DealNoteRecord& n : in.notes) {
    auto it = index.find(n.note.deal_id);
    if (it == index.end()) continue;
    auto& notes = s.deals[it->second].notes;
    notes.push_back(DealNoteRow{n.note, n.author_name});
    if (notes.size() > kMaxNotesPerDeal) notes.erase(notes.begin());
  }
  return s;
}

}  // namespace portal::server

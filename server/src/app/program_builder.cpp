#include "app/program_builder.h"

#include <unordered_map>

namespace portal::server {

ProgramState build_program(const ProgramInputs& in) {
  ProgramState s;
  s.types = in.types;
  s.levels = in.levels;
  s.trainings = in.trainings;
  s.certifications = in.certifications;

  std::unordered_map<Id, size_t> index;
  for (const Organisation& o : in.orgs) {
    index[o.id] = s.partners.size();
    ProgramPartner p;
    p.org_id = o.id;
    p.name = o.name;
    p.currency = o.currency;
    // A partner without a partnership row still shows its organisation's tier and share.
    p.partnership.org_id = o.id;
    p.partnership.level = o.tier;
    p.partnership.conditions.revenue_share_bp = o.revenue_share_bp;
    s.partners.push_back(std::move(p));
  }
  auto partner = [&](const Id& org) -> ProgramPartner* {
    auto it = index.find(org);
    return it == index.end() ? nullptr : &s.partners[it->second];
  };
  std::unordered_map<Id, Id> org_of_partnership;
  for (const Partnership& ps : in.partnerships) {
    org_of_partnership[ps.id] = ps.org_id;
    if (ProgramPartner* p = partner(ps.org_id)) p->partnership = ps;
  }
  for (const LeadRecord& r : in.leads)
    if (ProgramPartner* p = partner(r.lead.org_id))
      p->leads.push_back(program_lead(r.lead, !r.deal_id.empty()));
  for (const Deal& d : in.deals)
    if (ProgramPartner* p = partner(d.org_id)) p->deals.push_back(program_deal(d));
  for (const ProgramEnrolment& e : in.enrolments)
    if (ProgramPartner* p = partner(e.org_id)) p->enrolments.push_back(e);
  for (const ProgramCertificate& c : in.certificates)
    if (ProgramPartner* p = partner(c.cert.org_id)) p->certificates.push_back(c);
  for (const MdfEntry& e : in.ledger) {
    ProgramPartner* p = partner(e.org_id);
    if (p && p->ledger.size() < kMaxLedgerRows) p->ledger.push_back(e);
  }
  for (const MarketingActivity& a : in.activities)
    if (ProgramPartner* p = partner(a.org_id)) p->activities.push_back(a);
  for (const ParameterChange& c : in.history) {
    auto it = org_of_partnership.find(c.partnership_id);
    if (it == org_of_partnership.end()) continue;
    if (ProgramPartner* p = partner(it->second)) p->history.push_back(c);
  }
  // The store hands them by organisation and SKU: each partner's list stays sorted.
  for (const OrgPriceItem& i : in.price_items)
    if (ProgramPartner* p = partner(i.org_id)) p->price_items.push_back(i.item);
  recompute_all(s);
  return s;
}

}  // namespace portal::server

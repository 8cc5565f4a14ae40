#include "app/overview_builder.h"

namespace portal::server {

OverviewState build_overview(const OverviewInputs& in, const Organisation& title,
                             bool program_wide) {
  OverviewState s;
  s.org_name = title.name;
  s.tier = program_wide ? std::string() : title.tier;
  s.revenue_share_bp = program_wide ? 0 : title.revenue_share_bp;
  s.currency = title.currency;

  // Commission is a per-partner figure (each has its own revenue share): the room keeps each
  // partner's sums so events can redo the figures the same way.
  s.partners = overview_partners(in.orgs, in.deals, s.currency);
  recompute_commission(s);

  // The store hands leads newest first.
  s.leads_submitted = static_cast<int32_t>(in.leads.size());
  for (const Lead& l : in.leads) {
    if (is_open(l.stage)) ++s.leads_open;
    if (s.recent_leads.size() < kRecentLeads) {
      s.recent_leads.push_back(
          OverviewLead{l.id, l.draft.company, l.draft.value_minor, l.stage, l.created_at});
    }
  }
  return s;
}

}  // namespace portal::server

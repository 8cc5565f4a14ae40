// Builds the Leads and Deals rooms' states from stored rows, like overview_builder: a partner's
// own rows, or every partner's for vendor staff.
#pragma once
#include "portal/rooms/deals.h"
#include "portal/rooms/leads.h"
#include "store/store.h"

namespace portal::server {

LeadsState build_leads(const PipelineInputs& in);
DealsState build_deals(const PipelineInputs& in);

}  // namespace portal::server

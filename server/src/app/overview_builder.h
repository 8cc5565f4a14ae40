// Builds the Overview room's state from stored rows. Partners see their own organisation;
// vendor staff see program-wide totals, each partner's commission at that partner's share.
#pragma once
#include "portal/rooms/overview.h"
#include "store/store.h"

namespace portal::server {

// `title` is the organisation the state is shown for (the partner, or the vendor for staff).
OverviewState build_overview(const OverviewInputs& in, const Organisation& title,
                             bool program_wide);

}  // namespace portal::server

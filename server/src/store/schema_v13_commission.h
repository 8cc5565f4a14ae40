// Schema version 13: a won deal keeps the revenue share it was won at (deals.commission_bp), so
// a tier change applies from its date on and never re-prices commission already won; and the
// organisation's level and share follow its partnership (tier_review.apply writes both from now
// on).
//
// Deals won before this version take the share their organisation had at the upgrade: that is
// the share the Overview priced them at until then, so no figure a partner saw changes. The
// organisation rows are brought in line with their partnerships afterwards (a partnership that
// holds no level yet leaves its organisation as it was).
#pragma once
#include <string_view>

namespace portal::server {

inline constexpr std::string_view kSchemaV13Commission = R"sql(
ALTER TABLE deals ADD COLUMN commission_bp INTEGER NOT NULL DEFAULT 0
  CHECK (commission_bp BETWEEN 0 AND 10000);
UPDATE deals SET commission_bp =
  COALESCE((SELECT o.revenue_share_bp FROM organisations o WHERE o.id = deals.org_id), 0)
  WHERE stage = 'closed_won';
UPDATE organisations SET
  tier = (SELECT p.level FROM partnerships p WHERE p.org_id = organisations.id),
  revenue_share_bp = (SELECT p.revenue_share_bp FROM partnerships p
                      WHERE p.org_id = organisations.id)
  WHERE EXISTS (SELECT 1 FROM partnerships p WHERE p.org_id = organisations.id AND p.level <> '');
)sql";

}  // namespace portal::server

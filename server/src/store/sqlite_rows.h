// Row readers shared by the files that implement the SQLite store: one place that knows how an
// organisation row maps to portal::Organisation.
#pragma once
#include "portal/model/entities.h"
#include "store/sqlite.h"

namespace portal::server::sqlite {

// The columns read_org() expects, as "<columns> FROM organisations".
inline constexpr const char* kOrgColumns =
    "id, name, kind, tier, revenue_share_bp, currency, licences FROM organisations";
Organisation read_org(const Query& q);

// The columns read_deal() expects, as "<columns> FROM deals". Rows from before won_at and
// created_at existed (schema 1) take updated_at for them.
inline constexpr const char* kDealColumns =
    "id, org_id, name, customer, stage, value_minor, currency, commission_paid, updated_at, "
    "notes, lead_id, "
    "CASE WHEN won_at = 0 AND stage = 'closed_won' THEN updated_at ELSE won_at END, "
    "CASE WHEN created_at = 0 THEN updated_at ELSE created_at END FROM deals";
Deal read_deal(const Query& q);

}  // namespace portal::server::sqlite

// Row readers shared by the files that implement the SQLite store: one place that knows how an
// organisation row maps to portal::Organisation.
#pragma once
#include <string>

#include "portal/model/entities.h"
#include "store/pipeline_records.h"
#include "store/sqlite.h"

namespace portal::server::sqlite {

// The columns read_org() expects, as "<columns> FROM organisations". The licence grants are the
// one source of an organisation's seats (schema 9): Organisation::licences is the seats of the
// grants in force now.
inline constexpr const char* kOrgColumns =
    "id, name, kind, tier, revenue_share_bp, currency, "
    "(SELECT COALESCE(SUM(l.seats), 0) FROM licences l WHERE l.org_id = organisations.id AND "
    "l.valid_from <= unixepoch() AND (l.valid_until = 0 OR l.valid_until > unixepoch())) "
    "FROM organisations";
// The seats of organisation ?1 in force at time ?2 (valid_from <= ?2 < valid_until).
inline constexpr const char* kSeatsInForce =
    "SELECT COALESCE(SUM(seats), 0) FROM licences WHERE org_id = ?1 AND valid_from <= ?2 AND "
    "(valid_until = 0 OR valid_until > ?2)";
// The open-ended grant that stands for a seat count given when an organisation is created.
inline std::string initial_grant_id(const std::string& org_id) { return "lic-" + org_id; }
Organisation read_org(const Query& q);

// A user from the columns "id, org_id, email, name, role" at the start of a row.
User read_user(const Query& q);

// The columns read_deal() expects, as "<columns> FROM deals". Rows from before won_at and
// created_at existed (schema 1) take updated_at for them.
inline constexpr const char* kDealColumns =
    "id, org_id, name, customer, stage, value_minor, currency, commission_paid, updated_at, "
    "notes, lead_id, "
    "CASE WHEN won_at = 0 AND stage = 'closed_won' THEN updated_at ELSE won_at END, "
    "CASE WHEN created_at = 0 THEN updated_at ELSE created_at END, commission_bp FROM deals";
Deal read_deal(const Query& q);

// The columns read_lead_record() expects, as "<columns> FROM leads". Rows seeded through the
// version-1 columns have 0 in the newer times; see schema_v2_pipeline.h.
inline constexpr const char* kLeadRowColumns =
    "id, org_id, company, contact, email, phone, notes, value_minor, currency, stage, "
    "created_by, created_at, website, "
    "CASE WHEN updated_at = 0 THEN created_at ELSE updated_at END, closed_at, deal_id FROM leads";
LeadRecord read_lead_record(const Query& q);
// Inserts the deal, or updates what a command may change of it (stage, value, payout, notes,
// won_at and the share it locked in).
void write_deal(Database& db, const Deal& d);

}  // namespace portal::server::sqlite
